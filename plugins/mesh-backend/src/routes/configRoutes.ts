/*
 * GET /entities/by-name/:kind/:namespace/:name/config — the Istio objects, Services and workloads
 * affecting the entity, each with its validation findings (Kiali's codes). No query parameters.
 */
import Router from 'express-promise-router';
import { z } from 'zod/v3';
import { audited, resolveEntity, RouteContext } from './context';
import { parse } from './validation';

const noQuery = z.object({}).strict();

export function registerConfigRoutes(
  router: ReturnType<typeof Router>,
  ctx: RouteContext,
): void {
  router.get(
    '/entities/by-name/:kind/:namespace/:name/config',
    async (req, res) => {
      const config = await audited(
        ctx,
        'entity-config-read',
        req,
        async () => {
          parse(noQuery, req.query, 'query');
          const { entity } = await resolveEntity(ctx, req);
          return ctx.services.validation.getEntityConfig(entity);
        },
        c => ({
          objects: c.summary.objects,
          errors: c.summary.errors,
          warnings: c.summary.warnings,
          sourceErrors: c.errors.length,
        }),
      );
      res.json(config);
    },
  );
}
