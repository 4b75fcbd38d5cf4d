/* GET /entities/by-name/:kind/:namespace/:name/health — health of the entity's workloads, apps and Services. */
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

/** Kiali computes list health over 5 minutes; so do we unless asked otherwise. */
export const DEFAULT_HEALTH_WINDOW = '5m';

const healthQuery = z
  .object({ window: single('window').default(DEFAULT_HEALTH_WINDOW) })
  .strict();

/** What the health route answers, for a caller given by credentials (the route and ../actions). */
export async function readEntityHealth(
  ctx: EntityReadContext,
  target: unknown,
  rawQuery: unknown,
  credentials: BackstageCredentials,
) {
  const query = parse(healthQuery, rawQuery, 'query');
  const seconds = windowSeconds(query.window);
  const { entity } = await resolveEntityAs(ctx, target, credentials);
  return ctx.services.health.getEntityHealth({
    entity,
    windowSeconds: seconds,
    credentials,
  });
}

export function registerHealthRoutes(
  router: ReturnType<typeof Router>,
  ctx: RouteContext,
): void {
  router.get(
    '/entities/by-name/:kind/:namespace/:name/health',
    async (req, res) => {
      const health = await audited(
        ctx,
        'entity-health-read',
        req,
        async () =>
          readEntityHealth(
            ctx,
            req.params,
            req.query,
            await ctx.httpAuth.credentials(req),
          ),
        h => ({ status: h.health.status, sourceErrors: h.errors.length }),
      );
      res.json(health);
    },
  );
}
