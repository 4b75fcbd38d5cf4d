/* GET /entities/by-name/:kind/:namespace/:name/series?node=…|edge=… — golden signals over time. */
import {
  DEFAULT_GRAPH_WINDOW,
  MESH_GRAPH_TYPES,
  MeshGraphType,
} from '@mesh-portal/plugin-mesh-common';
import { z } from 'zod/v3';
import { entityRoute } from './entityRoute';
import { single, windowSeconds } from './validation';

/** Points per chart: enough to see a trend, few enough for a small panel. */
export const SERIES_POINTS = 30;

const seriesQuery = z
  .object({
    window: single('window').default(DEFAULT_GRAPH_WINDOW),
    node: single('node').max(600).optional(),
    edge: single('edge').max(1300).optional(),
    graphType: single('graphType')
      .refine(v => (MESH_GRAPH_TYPES as readonly string[]).includes(v), {
        message: `graphType must be one of ${MESH_GRAPH_TYPES.join(', ')}`,
      })
      .optional(),
  })
  .strict()
  .refine(q => !!q.node !== !!q.edge, {
    message: 'give exactly one of node or edge',
  });

export const seriesRoute = entityRoute({
  path: 'series',
  event: 'entity-series-read',
  query: seriesQuery,
  answer: (ctx, { resolved, query, credentials }) => {
    const seconds = windowSeconds(query.window);
    return ctx.services.series.getSeries({
      target: resolved.target,
      windowSeconds: seconds,
      // Whole seconds, at least 15 s (a common scrape interval) so every step holds data.
      stepSeconds: Math.max(15, Math.ceil(seconds / SERIES_POINTS)),
      node: query.node,
      edge: query.edge,
      graphType: query.graphType as MeshGraphType | undefined,
      credentials,
    });
  },
});
