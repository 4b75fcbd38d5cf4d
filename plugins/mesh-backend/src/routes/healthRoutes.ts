/* GET /entities/by-name/:kind/:namespace/:name/health — health of the target's workloads, apps and Services. */
import { BackstageCredentials } from '@backstage/backend-plugin-api';
import { z } from 'zod/v3';
import { EntityReadContext } from './context';
import { entityRoute, readEntityRoute } from './entityRoute';
import { single, windowSeconds } from './validation';

/** Kiali computes list health over 5 minutes; so do we unless asked otherwise. */
export const DEFAULT_HEALTH_WINDOW = '5m';

export const healthRoute = entityRoute({
  path: 'health',
  event: 'entity-health-read',
  query: z
    .object({ window: single('window').default(DEFAULT_HEALTH_WINDOW) })
    .strict(),
  answer: (ctx, { resolved, query, credentials }) =>
    ctx.services.health.getEntityHealth({
      target: resolved.target,
      windowSeconds: windowSeconds(query.window),
      credentials,
    }),
  summarize: h => ({ status: h.health.status, sourceErrors: h.errors.length }),
});

/** What the health route answers, for a caller given by credentials (the route and ../actions). */
export const readEntityHealth = (
  ctx: EntityReadContext,
  target: unknown,
  rawQuery: unknown,
  credentials: BackstageCredentials,
) => readEntityRoute(ctx, healthRoute, target, rawQuery, credentials);
