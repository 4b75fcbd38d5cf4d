/*
 * Compact, stable answers for agents: rounded numbers with the unit in the field name, bounded
 * lists with their totals, and the per-source errors of the underlying responses (never raw
 * objects: the routes' responses can hold hundreds of nodes).
 */
import { MeshSourceError } from '@mesh-portal/plugin-mesh-common';
import { z } from 'zod/v3';
import { uniqueErrors } from '../service/sourceErrors';

export const round = (value: number, digits: number) =>
  Math.round(value * 10 ** digits) / 10 ** digits;

/** Requests per second with two decimals. */
export const rps = (value: number) => round(value, 2);
/** A 0..1 share as a percentage with two decimals, or null when unknown. */
export const percent = (share: number | null | undefined) =>
  share === null || share === undefined ? null : round(share * 100, 2);
/** Milliseconds with one decimal, or null when unknown. */
export const ms = (value: number | null | undefined) =>
  value === null || value === undefined ? null : round(value, 1);

/** The first `limit` items and how many there were in all. */
export function bounded<T>(items: T[], limit: number) {
  return { total: items.length, items: items.slice(0, limit) };
}

export const healthStatusSchema = z
  .enum(['healthy', 'degraded', 'failure', 'not-ready', 'no-data'])
  .describe(
    "Kiali's health: failure > degraded > not-ready > healthy > no-data (no traffic and no workload status)",
  );

export const windowInputSchema = z
  .string()
  .optional()
  .describe(
    'Rate window, a number and one unit of s, m, h, d or w between 30s and 7d, e.g. "10m" (the default), "1h".',
  );

export const sourceErrorsSchema = z
  .array(
    z.object({
      source: z.string(),
      errorType: z.string(),
      cluster: z.string().optional(),
      message: z.string(),
    }),
  )
  .describe(
    'Data sources that failed (the rest of the answer is still valid); empty when all answered',
  );

export function sourceErrors(errors: MeshSourceError[]) {
  return uniqueErrors(errors)
    .slice(0, 10)
    .map(e => ({
      source: e.source,
      errorType: e.errorType,
      ...(e.cluster ? { cluster: e.cluster } : {}),
      message: e.message,
    }));
}

/** The query the routes take, with absent inputs left out (so the routes' defaults apply). */
export function routeQuery(
  values: Record<string, string | number | boolean | undefined>,
): Record<string, string> {
  return Object.fromEntries(
    Object.entries(values)
      .filter(([, v]) => v !== undefined)
      .map(([k, v]) => [k, String(v)]),
  );
}
