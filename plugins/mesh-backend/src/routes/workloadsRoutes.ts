/*
 * GET /entities/by-name/:kind/:namespace/:name/workloads — how the entity maps to workloads, their
 * pods' mesh status, and the Istio objects that apply to them. No query parameters.
 */
import Router from 'express-promise-router';
import { z } from 'zod/v3';
import { audited, resolveEntity, RouteContext } from './context';
import { parse } from './validation';

const noQuery = z.object({}).strict();

export function registerWorkloadsRoutes(
  router: ReturnType<typeof Router>,
  ctx: RouteContext,
): void {
  router.get(
    '/entities/by-name/:kind/:namespace/:name/workloads',
    async (req, res) => {
      const result = await audited(
        ctx,
        'entity-workloads-read',
        req,
        async () => {
          parse(noQuery, req.query, 'query');
          const { entity } = await resolveEntity(ctx, req);
          return ctx.services.workloads.getEntityWorkloads(
            entity,
            await ctx.httpAuth.credentials(req),
          );
        },
        r => ({
          workloads: r.workloads.length,
          istioObjects: r.istioObjects.length,
          sourceErrors: r.errors.length,
        }),
      );
      res.json(result);
    },
  );
}
