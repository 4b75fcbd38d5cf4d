/*
 * Traces from the Zipkin v2 API (Zipkin itself, or Jaeger/Tempo's Zipkin-compatible endpoints):
 * `GET /api/v2/traces?serviceName&spanName&annotationQuery&minDuration&endTs&lookback&limit`,
 * `GET /api/v2/trace/:id`, `GET /api/v2/services`. Times are milliseconds, durations microseconds.
 */
import { MeshTrace, MeshTraceSummary } from '@mesh-portal/plugin-mesh-common';
import { HttpSourceOptions } from '../../http/httpJson';
import { SourceResult, TraceQuery } from '../../types';
import { HttpTraceSource } from '../HttpTraceSource';
import { hasWorkloadSpan } from '../spanWorkload';
import { applyQuery, summarize } from '../summarize';
import {
  asSourceResult,
  TraceBackendError,
  TraceSourceSettings,
} from '../TracingHttpClient';
import { normaliseZipkinTrace } from './normaliseZipkin';

/** `annotationQuery` terms: `key` (presence) or `key=value`, joined by ` and `; whitespace would split a term. */
function annotationQuery(query: TraceQuery): string | undefined {
  const terms = Object.entries(query.tags ?? {}).map(([key, value]) => {
    if (/\s/.test(key) || /\s/.test(value))
      throw new TraceBackendError(
        'SYSTEM_ERROR',
        `Tag ${key.slice(
          0,
          40,
        )} cannot be expressed in a Zipkin annotationQuery`,
      );
    return `${key}=${value}`;
  });
  // Zipkin marks errors with an `error` tag whose value is the message: query its presence.
  if (query.errorsOnly) terms.push('error');
  return terms.length ? terms.join(' and ') : undefined;
}

export class ZipkinTraceSource extends HttpTraceSource {
  protected readonly servicesPath = '/api/v2/services';

  constructor(options: HttpSourceOptions, settings: TraceSourceSettings = {}) {
    super('zipkin', options, settings);
  }

  findTraces(query: TraceQuery): Promise<SourceResult<MeshTraceSummary[]>> {
    return asSourceResult([], async () => {
      const params = new URLSearchParams({
        serviceName: query.serviceName,
        endTs: String(query.end.getTime()),
        lookback: String(query.lookbackSeconds * 1000),
        limit: String(query.limit),
      });
      if (query.operation) params.set('spanName', query.operation);
      const annotations = annotationQuery(query);
      if (annotations) params.set('annotationQuery', annotations);
      if (query.minDurationMicros)
        params.set('minDuration', String(query.minDurationMicros));
      const body = await this.client.getJson('/api/v2/traces', params);
      const traces = (Array.isArray(body) ? body : [])
        .map(normaliseZipkinTrace)
        .filter((t): t is MeshTrace => !!t);
      return applyQuery(
        traces
          .filter(t => hasWorkloadSpan(t.spans, query.workloads))
          .map(summarize),
        query,
      );
    });
  }

  protected tracePath(traceId: string): string {
    return `/api/v2/trace/${traceId}`;
  }

  protected normaliseTrace(body: unknown): MeshTrace | undefined {
    return normaliseZipkinTrace(body);
  }

  protected serviceNames(body: any): unknown {
    return body;
  }
}
