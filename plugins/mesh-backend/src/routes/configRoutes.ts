/*
 * GET /entities/by-name/:kind/:namespace/:name/config — the Istio objects, Services and workloads
 * affecting the target, each with its validation findings (Kiali's codes). No query parameters.
 */
import { BackstageCredentials } from '@backstage/backend-plugin-api';
import { z } from 'zod/v3';
import { EntityReadContext } from './context';
import { entityRoute, readEntityRoute } from './entityRoute';

export const configRoute = entityRoute({
  path: 'config',
  event: 'entity-config-read',
  query: z.object({}).strict(),
  answer: (ctx, { resolved, credentials }) =>
    ctx.services.validation.getEntityConfig(resolved.target, credentials),
  summarize: c => ({
    objects: c.summary.objects,
    errors: c.summary.errors,
    warnings: c.summary.warnings,
    sourceErrors: c.errors.length,
  }),
});

/** What the config route answers, for a caller given by credentials (the route and ../actions). */
export const readEntityConfig = (
  ctx: EntityReadContext,
  target: unknown,
  rawQuery: unknown,
  credentials: BackstageCredentials,
) => readEntityRoute(ctx, configRoute, target, rawQuery, credentials);
