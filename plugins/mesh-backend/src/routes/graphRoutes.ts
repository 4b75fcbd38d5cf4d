/* GET /entities/by-name/:kind/:namespace/:name/graph — the entity's traffic neighbourhood. */
import {
  DEFAULT_GRAPH_WINDOW,
  MESH_GRAPH_TYPES,
  MeshGraphType,
} from '@mesh-portal/plugin-mesh-common';
import { BackstageCredentials } from '@backstage/backend-plugin-api';
import Router from 'express-promise-router';
import { z } from 'zod/v3';
import {
  audited,
  EntityReadContext,
  resolveEntityAs,
  RouteContext,
} from './context';
import { parse, single, windowSeconds } from './validation';

const graphQuery = z
  .object({
    window: single('window').default(DEFAULT_GRAPH_WINDOW),
    hops: single('hops')
      .regex(/^[1-3]$/, 'hops must be 1, 2 or 3')
      .default('2'),
    graphType: single('graphType')
      .refine(v => (MESH_GRAPH_TYPES as readonly string[]).includes(v), {
        message: `graphType must be one of ${MESH_GRAPH_TYPES.join(', ')}`,
      })
      .default('workload'),
  })
  .strict();

/** What the graph route answers, for a caller given by credentials (the route and ../actions). */
export async function readEntityGraph(
  ctx: EntityReadContext,
  target: unknown,
  rawQuery: unknown,
  credentials: BackstageCredentials,
) {
  const query = parse(graphQuery, rawQuery, 'query');
  const seconds = windowSeconds(query.window);
  const { entity } = await resolveEntityAs(ctx, target, credentials);
  return ctx.services.graph.getEntityGraph({
    entity,
    windowSeconds: seconds,
    hops: Number(query.hops),
    graphType: query.graphType as MeshGraphType,
    credentials,
  });
}

export function registerGraphRoutes(
  router: ReturnType<typeof Router>,
  ctx: RouteContext,
): void {
  router.get(
    '/entities/by-name/:kind/:namespace/:name/graph',
    async (req, res) => {
      const graph = await audited(
        ctx,
        'entity-graph-read',
        req,
        async () =>
          readEntityGraph(
            ctx,
            req.params,
            req.query,
            await ctx.httpAuth.credentials(req),
          ),
        g => ({
          nodes: g.nodes.length,
          restrictedNodes: g.nodes.filter(n => n.restricted).length,
          sourceErrors: g.errors.length,
        }),
      );
      res.json(graph);
    },
  );
}
