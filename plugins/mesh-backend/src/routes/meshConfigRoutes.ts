/*
 * GET /config — every Istio and Gateway API object of the mesh with its validations, the entities
 * it affects and their owners (`mesh.overview.read`). Filters: namespace, kind, severity, owner
 * (an owner entity ref, or `unowned`). Affected entities are named only with `mesh.entity.read`.
 */
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import { meshEntityReadPermission } from '@mesh-portal/plugin-mesh-common';
import Router from 'express-promise-router';
import { z } from 'zod/v3';
import { requireOverviewPermission } from '../service/requirePermission';
import { UNOWNED } from '../service/MeshWideConfigService';
import { audited, RouteContext } from './context';
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

export function registerMeshConfigRoutes(
  router: ReturnType<typeof Router>,
  ctx: RouteContext,
): void {
  router.get('/config', async (req, res) => {
    const config = await audited(
      ctx,
      'mesh-config-read',
      req,
      async () => {
        const filters = parse(meshConfigQuery, req.query, 'query');
        const credentials = await ctx.httpAuth.credentials(req);
        await requireOverviewPermission(ctx.permissions, credentials);
        return ctx.services.meshConfig.getMeshConfig({
          credentials,
          filters,
          canRead: async refs => {
            if (refs.length === 0) return new Set();
            const decisions = await ctx.permissions.authorize(
              refs.map(resourceRef => ({
                permission: meshEntityReadPermission,
                resourceRef,
              })),
              { credentials },
            );
            return new Set(
              refs.filter(
                (_ref, i) => decisions[i].result === AuthorizeResult.ALLOW,
              ),
            );
          },
        });
      },
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
