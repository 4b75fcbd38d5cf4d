/*
 * GET /entities/by-name/:kind/:namespace/:name/dependencies — declared vs observed dependencies.
 * GET /dependencies — the same over every mapped Component (the overview's drift counts).
 */
import { BackstageCredentials } from '@backstage/backend-plugin-api';
import { z } from 'zod/v3';
import Router from 'express-promise-router';
import { requireOverviewPermission } from '../service/requirePermission';
import {
  audited,
  EntityReadContext,
  isRollupKind,
  RouteContext,
} from './context';
import { entityRoute, readEntityRoute } from './entityRoute';
import { parse, single, windowSeconds } from './validation';

const query = (defaultWindow: string) =>
  z.object({ window: single('window').default(defaultWindow) }).strict();

export const dependenciesRoute = entityRoute({
  path: 'dependencies',
  event: 'entity-dependencies-read',
  query: ctx => query(ctx.services.dependencies.defaultWindow),
  // Systems and Groups carry no Kubernetes annotations: their Components do.
  requireMapping: kind => !isRollupKind(kind),
  answer: (ctx, { resolved, query: q, credentials }) =>
    ctx.services.dependencies.getDependencies(resolved.entity, {
      windowSeconds: windowSeconds(q.window),
      credentials,
    }),
  summarize: r => ({ ...r.drift }),
});

/** What the entity dependencies route answers, for a caller given by credentials (route and ../actions). */
export const readEntityDependencies = (
  ctx: EntityReadContext,
  target: unknown,
  rawQuery: unknown,
  credentials: BackstageCredentials,
) => readEntityRoute(ctx, dependenciesRoute, target, rawQuery, credentials);

export function registerCatalogDependenciesRoute(
  router: ReturnType<typeof Router>,
  ctx: RouteContext,
): void {
  // The catalog-wide drift counts of the overview page (`mesh.overview.read`).
  router.get('/dependencies', async (req, res) => {
    const result = await audited(
      ctx,
      'catalog-dependencies-read',
      req,
      async () => {
        const seconds = windowSeconds(
          parse(
            query(ctx.services.dependencies.defaultWindow),
            req.query,
            'query',
          ).window,
        );
        const credentials = await ctx.httpAuth.credentials(req);
        await requireOverviewPermission(ctx.permissions, credentials);
        return ctx.services.dependencies.getDependencies(undefined, {
          windowSeconds: seconds,
          credentials,
        });
      },
      r => ({ ...r.drift }),
      { many: true },
    );
    res.json(result);
  });
}
