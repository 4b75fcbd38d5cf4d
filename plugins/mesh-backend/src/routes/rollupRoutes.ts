/*
 * GET /entities/by-name/:kind/:namespace/:name/team — a Group's components and their graph.
 * GET /overview — every mapped entity, mesh-wide (`mesh.overview.read`).
 */
import { BackstageCredentials } from '@backstage/backend-plugin-api';
import { InputError } from '@backstage/errors';
import { DEFAULT_GRAPH_WINDOW } from '@mesh-portal/plugin-mesh-common';
import Router from 'express-promise-router';
import { z } from 'zod/v3';
import { requireOverviewPermission } from '../service/requirePermission';
import {
  audited,
  EntityReadContext,
  resolveEntityAs,
  RouteContext,
} from './context';
import { parse, single, windowSeconds } from './validation';

const windowQuery = z
  .object({ window: single('window').default(DEFAULT_GRAPH_WINDOW) })
  .strict();

/** What the team route answers, for a caller given by credentials (the route and ../actions). */
export async function readTeam(
  ctx: EntityReadContext,
  target: { kind?: unknown },
  rawQuery: unknown,
  credentials: BackstageCredentials,
) {
  const seconds = windowSeconds(parse(windowQuery, rawQuery, 'query').window);
  if (String(target.kind).toLowerCase() !== 'group')
    throw new InputError('The team view is for Group entities');
  const { entity } = await resolveEntityAs(ctx, target, credentials, {
    requireMapping: false,
  });
  return ctx.services.rollup.getTeam(entity, {
    windowSeconds: seconds,
    credentials,
  });
}

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
        async () =>
          readTeam(
            ctx,
            req.params,
            req.query,
            await ctx.httpAuth.credentials(req),
          ),
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
      { many: true },
    );
    res.json(overview);
  });
}
