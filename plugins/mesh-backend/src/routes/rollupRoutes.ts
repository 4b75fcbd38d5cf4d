/*
 * GET /entities/by-name/:kind/:namespace/:name/team — a Group's components and their graph.
 * GET /overview — every mapped entity, mesh-wide (`mesh.overview.read`).
 * GET /insights — the entities that stand out by error rate, p95 and traffic change against the
 * previous window, each with its owner (`mesh.overview.read`).
 */
import { BackstageCredentials } from '@backstage/backend-plugin-api';
import { InputError } from '@backstage/errors';
import { DEFAULT_GRAPH_WINDOW } from '@mesh-portal/plugin-mesh-common';
import Router from 'express-promise-router';
import { z } from 'zod/v3';
import { readInsights } from '../service/insights';
import { requireOverviewPermission } from '../service/requirePermission';
import { audited, EntityReadContext, RouteContext } from './context';
import { entityRoute, readEntityRoute } from './entityRoute';
import { sendWithSharedParts } from './sharedJson';
import { parse, single, windowSeconds } from './validation';

const windowQuery = z
  .object({ window: single('window').default(DEFAULT_GRAPH_WINDOW) })
  .strict();

export const teamRoute = entityRoute({
  path: 'team',
  event: 'team-mesh-read',
  query: windowQuery,
  requireMapping: () => false,
  answer: (ctx, { resolved, query, credentials }) => {
    if (resolved.entity.kind.toLowerCase() !== 'group')
      throw new InputError('The team view is for Group entities');
    return ctx.services.rollup.getTeam(resolved.entity, {
      windowSeconds: windowSeconds(query.window),
      credentials,
    });
  },
  summarize: t => ({
    components: t.components.length,
    sourceErrors: t.errors.length,
  }),
});

const insightsQuery = z
  .object({
    window: single('window').default(DEFAULT_GRAPH_WINDOW),
    limit: z.coerce
      .number({ invalid_type_error: 'limit must be a number' })
      .int('limit must be a whole number')
      .min(1, 'limit must be at least 1')
      .max(50, 'limit must be at most 50')
      .default(5),
  })
  .strict();

/** What the team route answers, for a caller given by credentials (the route and ../actions). */
export const readTeam = (
  ctx: EntityReadContext,
  target: unknown,
  rawQuery: unknown,
  credentials: BackstageCredentials,
) => readEntityRoute(ctx, teamRoute, target, rawQuery, credentials);

export function registerOverviewRoute(
  router: ReturnType<typeof Router>,
  ctx: RouteContext,
): void {
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
    // Rows and graph are shared by every caller who sees the same until the next refresh.
    await sendWithSharedParts(req, res, overview, [
      overview.entities,
      overview.graph.nodes,
      overview.graph.edges,
    ]);
  });

  router.get('/insights', async (req, res) => {
    const insights = await audited(
      ctx,
      'mesh-insights-read',
      req,
      async () => {
        const query = parse(insightsQuery, req.query, 'query');
        const credentials = await ctx.httpAuth.credentials(req);
        await requireOverviewPermission(ctx.permissions, credentials);
        return readInsights(
          ctx.services.rollup,
          { windowSeconds: windowSeconds(query.window), credentials },
          query.limit,
        );
      },
      i => ({
        entities: new Set(
          [...i.errorRate, ...i.latency, ...i.trafficChange].map(
            r => r.entityRef,
          ),
        ).size,
        sourceErrors: i.errors.length,
      }),
      { many: true },
    );
    res.json(insights);
  });
}
