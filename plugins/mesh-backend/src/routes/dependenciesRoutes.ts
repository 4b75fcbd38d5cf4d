/*
 * GET /entities/by-name/:kind/:namespace/:name/dependencies — declared vs observed dependencies.
 * GET /dependencies — the same over every mapped Component (the overview's drift counts).
 */
import { z } from 'zod/v3';
import Router from 'express-promise-router';
import { requireOverviewPermission } from '../service/requirePermission';
import { audited, resolveEntity, RouteContext } from './context';
import { parse, single, windowSeconds } from './validation';

const query = (defaultWindow: string) =>
  z.object({ window: single('window').default(defaultWindow) }).strict();

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
        async () => {
          const seconds = windowSeconds(
            parse(
              query(ctx.services.dependencies.defaultWindow),
              req.query,
              'query',
            ).window,
          );
          // Systems and Groups carry no Kubernetes annotations: their Components do.
          const { entity } = await resolveEntity(ctx, req, {
            requireMapping: !['system', 'group'].includes(
              req.params.kind.toLowerCase(),
            ),
          });
          return ctx.services.dependencies.getDependencies(entity, {
            windowSeconds: seconds,
            credentials: await ctx.httpAuth.credentials(req),
          });
        },
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
    );
    res.json(result);
  });
}
