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
  isRollupKind,
  RouteContext,
} from './context';
import { entityRoute, readEntityRoute } from './entityRoute';
import { parse, single, windowSeconds } from './validation';

const windowQuery = z
  .object({ window: single('window').default(DEFAULT_GRAPH_WINDOW) })
  .strict();

function windowOf(rawQuery: unknown): number {
  return windowSeconds(parse(windowQuery, rawQuery, 'query').window);
}

const postureSummary = (p: MeshPostureResponse) => ({
  scope: p.scope,
  entities: p.entities.length,
  workloads: p.posture.workloads.total,
  sourceErrors: p.errors.length,
});

export const securityRoute = entityRoute({
  path: 'security',
  event: 'entity-security-read',
  query: windowQuery,
  answer: (ctx, { resolved, query, credentials }) =>
    ctx.services.security.getEntitySecurity({
      target: resolved.target,
      windowSeconds: windowSeconds(query.window),
      credentials,
    }),
  summarize: s => ({
    workloads: s.workloads.length,
    plaintextEdges: s.traffic.plaintextEdges.length,
    sourceErrors: s.errors.length,
  }),
});

/** Posture of a mapped entity, or of the components of a System or a Group. */
export const postureRoute = entityRoute({
  path: 'posture',
  event: 'entity-posture-read',
  query: windowQuery,
  requireMapping: kind => !isRollupKind(kind),
  answer: (ctx, { resolved, query, credentials }) => {
    const kind = resolved.entity.kind.toLowerCase();
    return ctx.services.posture.getPosture({
      scope: isRollupKind(kind) ? (kind as 'group' | 'system') : 'entity',
      entity: resolved.entity,
      windowSeconds: windowSeconds(query.window),
      credentials,
    });
  },
  summarize: postureSummary,
});

/** What the entity posture route answers, for a caller given by credentials (route and ../actions). */
export const readEntityPosture = (
  ctx: EntityReadContext,
  target: unknown,
  rawQuery: unknown,
  credentials: BackstageCredentials,
) => readEntityRoute(ctx, postureRoute, target, rawQuery, credentials);

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

export function registerCatalogPostureRoute(
  router: ReturnType<typeof Router>,
  ctx: RouteContext,
): void {
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
