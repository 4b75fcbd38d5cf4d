/*
 * GET /config — every Istio and Gateway API object of the mesh with its validations, the entities
 * it affects and their owners (`mesh.overview.read`). Filters: namespace, kind, severity, owner
 * (an owner entity ref, or `unowned`). Affected entities are named only with `mesh.entity.read`.
 */
import Router from 'express-promise-router';
import { z } from 'zod/v3';
import { requireOverviewPermission } from '../service/requirePermission';
import { UNOWNED } from '../service/MeshWideConfigService';
import { BackstageCredentials } from '@backstage/backend-plugin-api';
import { audited, EntityReadContext, RouteContext } from './context';
import { parse, single } from './validation';

// Kubernetes namespace (DNS label), Kubernetes kind, entity ref (`group:default/team-a`).
const meshConfigQuery = z
  .object({
    namespace: single('namespace')
      .regex(
        /^[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?$/,
        'namespace must be a Kubernetes namespace name',
      )
      .optional(),
    kind: single('kind')
      .regex(
        /^[A-Za-z][A-Za-z0-9]{0,62}$/,
        'kind must be a Kubernetes kind like VirtualService',
      )
      .optional(),
    severity: z.enum(['error', 'warning', 'info']).optional(),
    owner: single('owner')
      .regex(
        /^(unowned|[a-z][a-z0-9]{0,62}:[A-Za-z0-9][A-Za-z0-9._-]{0,62}\/[A-Za-z0-9][A-Za-z0-9._-]{0,62})$/,
        `owner must be an entity ref like group:default/team-a, or ${UNOWNED}`,
      )
      .optional(),
  })
  .strict();

/** What the mesh-wide config route answers (`mesh.overview.read`), for the route and ../actions. */
export async function readMeshConfig(
  ctx: EntityReadContext,
  rawQuery: unknown,
  credentials: BackstageCredentials,
) {
  const filters = parse(meshConfigQuery, rawQuery, 'query');
  await requireOverviewPermission(ctx.permissions, credentials);
  return ctx.services.meshConfig.getMeshConfig({ credentials, filters });
}

export function registerMeshConfigRoutes(
  router: ReturnType<typeof Router>,
  ctx: RouteContext,
): void {
  router.get('/config', async (req, res) => {
    const config = await audited(
      ctx,
      'mesh-config-read',
      req,
      async () =>
        readMeshConfig(ctx, req.query, await ctx.httpAuth.credentials(req)),
      c => ({
        objects: c.summary.objects,
        errors: c.summary.errors,
        warnings: c.summary.warnings,
        sourceErrors: c.errors.length,
      }),
      { many: true },
    );
    res.json(config);
  });
}
