/*
 * GET /entities/by-name/:kind/:namespace/:name/workloads — how the target maps to workloads, their
 * pods' mesh status, and the Istio objects that apply to them. No query parameters.
 */
import { z } from 'zod/v3';
import { entityRoute } from './entityRoute';

export const workloadsRoute = entityRoute({
  path: 'workloads',
  event: 'entity-workloads-read',
  query: z.object({}).strict(),
  answer: (ctx, { resolved, credentials }) =>
    ctx.services.workloads.getEntityWorkloads(resolved.target, credentials),
  summarize: r => ({
    workloads: r.workloads.length,
    istioObjects: r.istioObjects.length,
    sourceErrors: r.errors.length,
  }),
});
