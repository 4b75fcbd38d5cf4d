/*
 * Tempo's `/api/search`: the request (TraceQL, or the older logfmt `tags` search) and its answer
 * as trace summaries. Search answers carry no full traces: Tempo ≥ 2.3 adds per-service span and
 * error counts (`serviceStats`), which make a complete summary; without them the summary covers
 * the matched spans only and is marked `partial` (Kiali lists Tempo traces the same way).
 */
import { MeshTraceSummary } from '@mesh-portal/plugin-mesh-common';
import { TraceQuery } from '../../types';
import { TraceBackendError } from '../TracingHttpClient';
import { isErrorSpan } from '../spanTags';
import { normaliseHexId } from '../traceIds';
import { nanosToMicros, otlpAttributes } from './normaliseOtlp';

export type TempoSearchMode = 'traceql' | 'tags';

/** Spans per span set Tempo returns (Kiali asks 10); more when spans must show the workload. */
const SPANS_PER_SET = 10;
const SPANS_PER_SET_FOR_WORKLOADS = 50;
// Attribute names go into the query unquoted, so only plain dotted names are accepted.
const ATTRIBUTE_NAME = /^[A-Za-z_][A-Za-z0-9_.]{0,127}$/;

/** A TraceQL or logfmt string literal: quoted, with quotes and backslashes escaped. */
export function quoted(value: string): string {
  return `"${value.replace(/\\/g, '\\\\').replace(/"/g, '\\"')}"`;
}

function checkedTags(
  tags: Record<string, string> | undefined,
): Array<[string, string]> {
  return Object.entries(tags ?? {}).map(([key, value]) => {
    if (!ATTRIBUTE_NAME.test(key))
      throw new TraceBackendError(
        'SYSTEM_ERROR',
        `Tag name ${key.slice(0, 40)} cannot be used in a Tempo search`,
      );
    return [key, value];
  });
}

/** `{ resource.service.name = "…" && … } [&& { status = error }] | select(…)`. */
export function traceQl(query: TraceQuery): string {
  const conditions = [`resource.service.name = ${quoted(query.serviceName)}`];
  if (query.operation) conditions.push(`name = ${quoted(query.operation)}`);
  for (const [key, value] of checkedTags(query.tags))
    conditions.push(`.${key} = ${quoted(value)}`);
  const errors = query.errorsOnly ? ' && { status = error }' : '';
  // Selected attributes come back on the matched spans: errors, services and workloads (node_id).
  return `{ ${conditions.join(
    ' && ',
  )} }${errors} | select(status, resource.service.name, span.node_id, .hostname)`;
}

export function tempoSearchParams(
  query: TraceQuery,
  mode: TempoSearchMode,
): URLSearchParams {
  const endSeconds = Math.ceil(query.end.getTime() / 1000);
  const params = new URLSearchParams({
    start: String(endSeconds - query.lookbackSeconds),
    end: String(endSeconds),
    limit: String(query.limit),
  });
  if (mode === 'traceql') {
    params.set('q', traceQl(query));
    params.set(
      'spss',
      String(query.workloads ? SPANS_PER_SET_FOR_WORKLOADS : SPANS_PER_SET),
    );
  } else {
    const terms = [`service.name=${quoted(query.serviceName)}`];
    if (query.operation) terms.push(`name=${quoted(query.operation)}`);
    for (const [key, value] of checkedTags(query.tags))
      terms.push(`${key}=${quoted(value)}`);
    if (query.errorsOnly) terms.push('error=true');
    params.set('tags', terms.join(' '));
  }
  if (query.minDurationMicros)
    params.set('minDuration', `${query.minDurationMicros}us`);
  return params;
}

export interface TempoSearchHit {
  summary: MeshTraceSummary;
  /** Tags of the matched spans (for the workload filter). */
  spanTags: Array<{ tags: ReturnType<typeof otlpAttributes> }>;
}

export function tempoSearchHits(body: any): TempoSearchHit[] {
  const traces: any[] = Array.isArray(body?.traces) ? body.traces : [];
  return traces.filter(t => t && typeof t.traceID === 'string').map(hit);
}

function hit(t: any): TempoSearchHit {
  // Tempo ≥ 2.2 answers `spanSets`; older versions one `spanSet`.
  let sets: any[] = [];
  if (Array.isArray(t.spanSets)) sets = t.spanSets;
  else if (t.spanSet) sets = [t.spanSet];
  const spans = new Map<string, any>();
  for (const set of sets)
    for (const s of Array.isArray(set?.spans) ? set.spans : [])
      if (s?.spanID) spans.set(s.spanID, s);
  const spanTags = [...spans.values()].map(s => ({
    tags: otlpAttributes(s.attributes),
  }));
  const rootServiceName =
    typeof t.rootServiceName === 'string' ? t.rootServiceName : '';
  const stats:
    | Record<string, { spanCount?: number; errorCount?: number }>
    | undefined =
    t.serviceStats && typeof t.serviceStats === 'object'
      ? t.serviceStats
      : undefined;
  const matchedServices = spanTags
    .map(s => s.tags['service.name'])
    .filter((s): s is string => typeof s === 'string');
  const summary: MeshTraceSummary = {
    traceId: normaliseHexId(t.traceID),
    rootServiceName,
    rootOperationName:
      typeof t.rootTraceName === 'string' ? t.rootTraceName : '',
    startTimeMicros: nanosToMicros(t.startTimeUnixNano),
    durationMicros: Math.round((Number(t.durationMs) || 0) * 1000),
    ...(stats
      ? {
          spanCount: Object.values(stats).reduce(
            (n, s) => n + (Number(s?.spanCount) || 0),
            0,
          ),
          errorCount: Object.values(stats).reduce(
            (n, s) => n + (Number(s?.errorCount) || 0),
            0,
          ),
          services: Object.keys(stats).sort(),
        }
      : {
          spanCount: sets.reduce((n, s) => n + (Number(s?.matched) || 0), 0),
          errorCount: spanTags.filter(s => isErrorSpan(s.tags)).length,
          services: [
            ...new Set([rootServiceName, ...matchedServices].filter(Boolean)),
          ].sort(),
          partial: true,
        }),
  };
  return { summary, spanTags };
}
