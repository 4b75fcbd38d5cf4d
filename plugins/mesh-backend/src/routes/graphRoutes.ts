/* GET /entities/by-name/:kind/:namespace/:name/graph — the entity's traffic neighbourhood. */
import {
  DEFAULT_GRAPH_WINDOW,
  MESH_GRAPH_TYPES,
  MeshGraphType,
} from '@mesh-portal/plugin-mesh-common';
import { BackstageCredentials } from '@backstage/backend-plugin-api';
import { z } from 'zod/v3';
import { EntityReadContext } from './context';
import { entityRoute, readEntityRoute } from './entityRoute';
import { single, windowSeconds } from './validation';

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

export const graphRoute = entityRoute({
  path: 'graph',
  event: 'entity-graph-read',
  query: graphQuery,
  answer: (ctx, { resolved, query, credentials }) =>
    ctx.services.graph.getEntityGraph({
      target: resolved.target,
      windowSeconds: windowSeconds(query.window),
      hops: Number(query.hops),
      graphType: query.graphType as MeshGraphType,
      credentials,
    }),
  summarize: g => ({
    nodes: g.nodes.length,
    restrictedNodes: g.nodes.filter(n => n.restricted).length,
    sourceErrors: g.errors.length,
  }),
});

/** What the graph route answers, for a caller given by credentials (the route and ../actions). */
export const readEntityGraph = (
  ctx: EntityReadContext,
  target: unknown,
  rawQuery: unknown,
  credentials: BackstageCredentials,
) => readEntityRoute(ctx, graphRoute, target, rawQuery, credentials);
