/* Registers the mesh plugin's read-only actions (one create*Action.ts each) with the actions registry. */
import { ActionsRegistryService } from '@backstage/backend-plugin-api/alpha';
import { ActionContext, register } from './actionContext';
import { createCallersAndCalleesAction } from './createCallersAndCalleesAction';
import { createConfigFindingsAction } from './createConfigFindingsAction';
import { createDependencyDriftAction } from './createDependencyDriftAction';
import { createEntitySummaryAction } from './createEntitySummaryAction';
import { createExplainHealthAction } from './createExplainHealthAction';
import { createPostureAction } from './createPostureAction';

export function registerMeshActions(
  registry: ActionsRegistryService,
  ctx: ActionContext,
): void {
  register(registry, createEntitySummaryAction(ctx));
  register(registry, createCallersAndCalleesAction(ctx));
  register(registry, createExplainHealthAction(ctx));
  register(registry, createDependencyDriftAction(ctx));
  register(registry, createPostureAction(ctx));
  register(registry, createConfigFindingsAction(ctx));
}
