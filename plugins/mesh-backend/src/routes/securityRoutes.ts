/*
 * GET /entities/by-name/:kind/:namespace/:name/security — mTLS of the entity from config and traffic.
 * GET /entities/by-name/:kind/:namespace/:name/posture — posture of a mapped entity, or of the
 *   components of a System or a Group (owned directly or through sub-groups).
 * GET /posture — posture of every mapped entity the caller may see (`mesh.overview.read`).
 * All take `window` (the traffic window, 10m by default).
 */
import {
  DEFAULT_GRAPH_WINDOW,
  MeshPostureResponse,
} from '@mesh-portal/plugin-mesh-common';
import { BackstageCredentials } from '@backstage/backend-plugin-api';
import Router from 'express-promise-router';
import { z } from 'zod/v3';
import { requireOverviewPermission } from '../service/requirePermission';
import {
  audited,
  EntityReadContext,
  resolveEntity,
  resolveEntityAs,
  RouteContext,
} from './context';
import { parse, single, windowSeconds } from './validation';

const windowQuery = z
  .object({ window: single('window').default(DEFAULT_GRAPH_WINDOW) })
  .strict();

function windowOf(rawQuery: unknown): number {
  return windowSeconds(parse(windowQuery, rawQuery, 'query').window);
}

/** What the entity posture route answers, for a caller given by credentials (route and ../actions). */
export async function readEntityPosture(
  ctx: EntityReadContext,
  target: { kind?: unknown },
  rawQuery: unknown,
  credentials: BackstageCredentials,
) {
  const seconds = windowOf(rawQuery);
  const kind = String(target.kind).toLowerCase();
  const scope = kind === 'group' || kind === 'system' ? kind : 'entity';
  const { entity } = await resolveEntityAs(ctx, target, credentials, {
    requireMapping: scope === 'entity',
  });
  return ctx.services.posture.getPosture({
    scope,
    entity,
    windowSeconds: seconds,
    credentials,
  });
}

/** What the catalog posture route answers (`mesh.overview.read`), for routes and ../actions. */
export async function readCatalogPosture(
  ctx: EntityReadContext,
  rawQuery: unknown,
  credentials: BackstageCredentials,
) {
  const seconds = windowOf(rawQuery);
  await requireOverviewPermission(ctx.permissions, credentials);
  return ctx.services.posture.getPosture({
    scope: 'catalog',
    windowSeconds: seconds,
    credentials,
  });
}

const postureSummary = (p: MeshPostureResponse) => ({
  scope: p.scope,
  entities: p.entities.length,
  workloads: p.posture.workloads.total,
  sourceErrors: p.errors.length,
});

export function registerSecurityRoutes(
  router: ReturnType<typeof Router>,
  ctx: RouteContext,
): void {
  router.get(
    '/entities/by-name/:kind/:namespace/:name/security',
    async (req, res) => {
      const security = await audited(
        ctx,
        'entity-security-read',
        req,
        async () => {
          const seconds = windowOf(req.query);
          const { entity } = await resolveEntity(ctx, req);
          return ctx.services.security.getEntitySecurity({
            entity,
            windowSeconds: seconds,
            credentials: await ctx.httpAuth.credentials(req),
          });
        },
        s => ({
          workloads: s.workloads.length,
          plaintextEdges: s.traffic.plaintextEdges.length,
          sourceErrors: s.errors.length,
        }),
      );
      res.json(security);
    },
  );

  router.get(
    '/entities/by-name/:kind/:namespace/:name/posture',
    async (req, res) => {
      const posture = await audited(
        ctx,
        'entity-posture-read',
        req,
        async () =>
          readEntityPosture(
            ctx,
            req.params,
            req.query,
            await ctx.httpAuth.credentials(req),
          ),
        postureSummary,
      );
      res.json(posture);
    },
  );

  router.get('/posture', async (req, res) => {
    const posture = await audited(
      ctx,
      'catalog-posture-read',
      req,
      async () =>
        readCatalogPosture(ctx, req.query, await ctx.httpAuth.credentials(req)),
      postureSummary,
      { many: true },
    );
    res.json(posture);
  });
}
