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
  resolveEntityAs,
  RouteContext,
} from './context';
import { parse, single, windowSeconds } from './validation';

const query = (defaultWindow: string) =>
  z.object({ window: single('window').default(defaultWindow) }).strict();

/** What the entity dependencies route answers, for a caller given by credentials (route and ../actions). */
export async function readEntityDependencies(
  ctx: EntityReadContext,
  target: { kind?: unknown },
  rawQuery: unknown,
  credentials: BackstageCredentials,
) {
  const seconds = windowSeconds(
    parse(query(ctx.services.dependencies.defaultWindow), rawQuery, 'query')
      .window,
  );
  // Systems and Groups carry no Kubernetes annotations: their Components do.
  const { entity } = await resolveEntityAs(ctx, target, credentials, {
    requireMapping: !isRollupKind(target.kind),
  });
  return ctx.services.dependencies.getDependencies(entity, {
    windowSeconds: seconds,
    credentials,
  });
}

export function registerDependenciesRoutes(
  router: ReturnType<typeof Router>,
  ctx: RouteContext,
): void {
  router.get(
    '/entities/by-name/:kind/:namespace/:name/dependencies',
    async (req, res) => {
      const result = await audited(
        ctx,
        'entity-dependencies-read',
        req,
        async () =>
          readEntityDependencies(
            ctx,
            req.params,
            req.query,
            await ctx.httpAuth.credentials(req),
          ),
        r => ({ ...r.drift }),
      );
      res.json(result);
    },
  );

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
