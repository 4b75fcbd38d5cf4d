/* GET /entities/by-name/:kind/:namespace/:name/health — health of the entity's workloads, apps and Services. */
import Router from 'express-promise-router';
import { z } from 'zod/v3';
import { audited, resolveEntity, RouteContext } from './context';
import { parse, single, windowSeconds } from './validation';

/** Kiali computes list health over 5 minutes; so do we unless asked otherwise. */
export const DEFAULT_HEALTH_WINDOW = '5m';

const healthQuery = z
  .object({ window: single('window').default(DEFAULT_HEALTH_WINDOW) })
  .strict();

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
        async () => {
          const query = parse(healthQuery, req.query, 'query');
          const seconds = windowSeconds(query.window);
          const { entity } = await resolveEntity(ctx, req);
          return ctx.services.health.getEntityHealth({
            entity,
            windowSeconds: seconds,
            credentials: await ctx.httpAuth.credentials(req),
          });
        },
        h => ({ status: h.health.status, sourceErrors: h.errors.length }),
      );
      res.json(health);
    },
  );
}
