/*
 * GET /entities/by-name/:kind/:namespace/:name/traces — recent traces through the entity.
 * GET /entities/by-name/:kind/:namespace/:name/traces/:traceId — one trace, normalised.
 * Every parameter is validated into a number, a boolean or a lowercase hex id before anything is
 * asked of a trace backend; raw request text never reaches a backend query.
 */
import { BackstageCredentials } from '@backstage/backend-plugin-api';
import { InputError } from '@backstage/errors';
import {
  DEFAULT_TRACE_LIMIT,
  DEFAULT_TRACE_LOOKBACK,
  MAX_TRACE_LIMIT,
  MAX_TRACE_LOOKBACK_SECONDS,
  MIN_TRACE_LOOKBACK_SECONDS,
  parseWindow,
} from '@mesh-portal/plugin-mesh-common';
import { z } from 'zod/v3';
import { TRACE_ID_PATTERN } from '../sources/tracing/traceIds';
import { EntityReadContext } from './context';
import { entityRoute, readEntityRoute } from './entityRoute';
import { parse, single } from './validation';

const MICROS: Record<string, number> = {
  us: 1,
  ms: 1_000,
  s: 1_000_000,
  m: 60_000_000,
};
/** Longest accepted minDuration: an hour (no mesh request is traced for longer). */
const MAX_MIN_DURATION_MICROS = 3_600_000_000;

const tracesQuery = z
  .object({
    lookback: single('lookback').default(DEFAULT_TRACE_LOOKBACK),
    limit: single('limit')
      .regex(
        /^[0-9]{1,3}$/,
        `limit must be a whole number from 1 to ${MAX_TRACE_LIMIT}`,
      )
      .transform(Number)
      .refine(
        n => n >= 1 && n <= MAX_TRACE_LIMIT,
        `limit must be a whole number from 1 to ${MAX_TRACE_LIMIT}`,
      )
      .default(String(DEFAULT_TRACE_LIMIT)),
    minDuration: single('minDuration')
      .regex(
        /^[0-9]{1,10}(us|ms|s|m)$/,
        'minDuration must be a number and one unit of us, ms, s or m, e.g. 100ms',
      )
      .transform(
        v => Number(/^[0-9]+/.exec(v)![0]) * MICROS[/(us|ms|s|m)$/.exec(v)![1]],
      )
      .refine(
        n => n <= MAX_MIN_DURATION_MICROS,
        'minDuration must be at most 60m',
      )
      .optional(),
    errorsOnly: single('errorsOnly')
      .refine(
        v => v === 'true' || v === 'false',
        'errorsOnly must be true or false',
      )
      .transform(v => v === 'true')
      .default('false'),
  })
  .strict();

const traceParams = z.object({
  traceId: z
    .string()
    .regex(TRACE_ID_PATTERN, 'traceId must be 16 or 32 hexadecimal characters'),
});

/** `1m`…`7d` in the graph window's syntax, with the trace lookback's own bounds. */
function lookbackSeconds(value: string): number {
  const window = parseWindow(value);
  const bounds = `between ${MIN_TRACE_LOOKBACK_SECONDS / 60}m and ${
    MAX_TRACE_LOOKBACK_SECONDS / 86400
  }d`;
  if (
    'error' in window ||
    window.seconds < MIN_TRACE_LOOKBACK_SECONDS ||
    window.seconds > MAX_TRACE_LOOKBACK_SECONDS
  ) {
    throw new InputError(
      `Invalid query: lookback must be a number and one unit of s, m, h, d or w, ${bounds}, e.g. 1h`,
    );
  }
  return window.seconds;
}

export const tracesRoute = entityRoute({
  path: 'traces',
  event: 'entity-traces-read',
  query: tracesQuery,
  answer: (ctx, { resolved, query, credentials }) =>
    ctx.services.traces.listEntityTraces({
      target: resolved.target,
      lookbackSeconds: lookbackSeconds(query.lookback),
      limit: query.limit,
      ...(query.minDuration ? { minDurationMicros: query.minDuration } : {}),
      errorsOnly: query.errorsOnly,
      credentials,
    }),
  summarize: r => ({ traces: r.traces.length, sourceErrors: r.errors.length }),
});

const traceIdOf = (params: Record<string, unknown>) =>
  parse(traceParams, { traceId: params.traceId }, 'trace id').traceId;

export const traceRoute = entityRoute({
  path: 'traces/:traceId',
  event: 'entity-trace-read',
  query: z.object({}).strict(),
  checkParams: traceIdOf,
  answer: (ctx, { resolved, params, credentials }) =>
    ctx.services.traces.getEntityTrace(
      resolved.target,
      traceIdOf(params).toLowerCase(),
      credentials,
    ),
  summarize: r => ({
    traceId: r.trace?.traceId ?? null,
    spans: r.trace?.spans.length ?? 0,
    sourceErrors: r.errors.length,
  }),
});

/** What the trace list route answers, for a caller given by credentials (the route and ../actions). */
export const readEntityTraces = (
  ctx: EntityReadContext,
  target: unknown,
  rawQuery: unknown,
  credentials: BackstageCredentials,
) => readEntityRoute(ctx, tracesRoute, target, rawQuery, credentials);

/** What the single-trace route answers, for a caller given by credentials (route and ../actions). */
export const readEntityTrace = (
  ctx: EntityReadContext,
  target: unknown,
  rawQuery: unknown,
  credentials: BackstageCredentials,
) => readEntityRoute(ctx, traceRoute, target, rawQuery, credentials);
