/*
 * GET /entities/by-name/:kind/:namespace/:name/config — the Istio objects, Services and workloads
 * affecting the entity, each with its validation findings (Kiali's codes). No query parameters.
 */
import { BackstageCredentials } from '@backstage/backend-plugin-api';
import Router from 'express-promise-router';
import { z } from 'zod/v3';
import {
  audited,
  EntityReadContext,
  resolveEntityAs,
  RouteContext,
} from './context';
import { parse } from './validation';

const noQuery = z.object({}).strict();

/** What the config route answers, for a caller given by credentials (the route and ../actions). */
export async function readEntityConfig(
  ctx: EntityReadContext,
  target: unknown,
  rawQuery: unknown,
  credentials: BackstageCredentials,
) {
  parse(noQuery, rawQuery, 'query');
  const { entity } = await resolveEntityAs(ctx, target, credentials);
  return ctx.services.validation.getEntityConfig(entity, credentials);
}

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
        async () =>
          readEntityConfig(
            ctx,
            req.params,
            req.query,
            await ctx.httpAuth.credentials(req),
          ),
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
