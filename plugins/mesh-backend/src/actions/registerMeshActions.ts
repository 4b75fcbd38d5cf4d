/* Registers the mesh plugin's read-only actions (one create*Action.ts each) with the actions registry. */
import { ActionsRegistryService } from '@backstage/backend-plugin-api/alpha';
import { ActionContext, register } from './actionContext';
import { createCallersAndCalleesAction } from './createCallersAndCalleesAction';
import { createEntitySummaryAction } from './createEntitySummaryAction';

export function registerMeshActions(
  registry: ActionsRegistryService,
  ctx: ActionContext,
): void {
  register(registry, createEntitySummaryAction(ctx));
  register(registry, createCallersAndCalleesAction(ctx));
}
