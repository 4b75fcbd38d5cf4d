/*
 * GET /entities/by-name/:kind/:namespace/:name/team — a Group's components and their graph.
 * GET /overview — every mapped entity, mesh-wide (`mesh.overview.read`).
 */
import { InputError } from '@backstage/errors';
import { DEFAULT_GRAPH_WINDOW } from '@mesh-portal/plugin-mesh-common';
import Router from 'express-promise-router';
import { z } from 'zod/v3';
import { requireOverviewPermission } from '../service/requirePermission';
import { audited, resolveEntity, RouteContext } from './context';
import { parse, single, windowSeconds } from './validation';

const windowQuery = z
  .object({ window: single('window').default(DEFAULT_GRAPH_WINDOW) })
  .strict();

export function registerRollupRoutes(
  router: ReturnType<typeof Router>,
  ctx: RouteContext,
): void {
  router.get(
    '/entities/by-name/:kind/:namespace/:name/team',
    async (req, res) => {
      const team = await audited(
        ctx,
        'team-mesh-read',
        req,
        async () => {
          const seconds = windowSeconds(
            parse(windowQuery, req.query, 'query').window,
          );
          if (req.params.kind.toLowerCase() !== 'group')
            throw new InputError('The team view is for Group entities');
          const { entity } = await resolveEntity(ctx, req, {
            requireMapping: false,
          });
          return ctx.services.rollup.getTeam(entity, {
            windowSeconds: seconds,
            credentials: await ctx.httpAuth.credentials(req),
          });
        },
        t => ({
          components: t.components.length,
          sourceErrors: t.errors.length,
        }),
      );
      res.json(team);
    },
  );

  router.get('/overview', async (req, res) => {
    const overview = await audited(
      ctx,
      'mesh-overview-read',
      req,
      async () => {
        const seconds = windowSeconds(
          parse(windowQuery, req.query, 'query').window,
        );
        const credentials = await ctx.httpAuth.credentials(req);
        await requireOverviewPermission(ctx.permissions, credentials);
        return ctx.services.rollup.getOverview({
          windowSeconds: seconds,
          credentials,
        });
      },
      o => ({ entities: o.entities.length, sourceErrors: o.errors.length }),
    );
    res.json(overview);
  });
}
