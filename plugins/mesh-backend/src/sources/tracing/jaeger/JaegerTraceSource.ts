/*
 * Traces from the Jaeger query HTTP API (`jaeger-query`, 16686, or Istio's `tracing` service):
 * `GET /api/traces?service&operation&tags&start&end&limit&minDuration`, `GET /api/traces/:id`,
 * `GET /api/services`. Every query parameter is built from typed, validated values.
 */
import { MeshTrace, MeshTraceSummary } from '@internal/plugin-mesh-common';
import { HttpSourceOptions } from '../../http/httpJson';
import { SourceResult, TraceQuery, TraceSource } from '../../types';
import { hasWorkloadSpan } from '../spanWorkload';
import { applyQuery, summarize } from '../summarize';
import { asSourceResult, TraceSourceSettings, TracingHttpClient } from '../TracingHttpClient';
import { normaliseJaegerResponse } from './normaliseJaeger';

export class JaegerTraceSource implements TraceSource {
  private readonly client: TracingHttpClient;

  readonly serviceNameAnnotation?: string;

  constructor(options: HttpSourceOptions, private readonly settings: TraceSourceSettings = {}) {
    this.client = new TracingHttpClient('jaeger', options);
    this.serviceNameAnnotation = settings.serviceNameAnnotation;
  }

  findTraces(query: TraceQuery): Promise<SourceResult<MeshTraceSummary[]>> {
    const endMicros = query.end.getTime() * 1000;
    const tags = { ...query.tags, ...(query.errorsOnly ? { error: 'true' } : {}) };
    const params = new URLSearchParams({
      service: query.serviceName,
      start: String(endMicros - query.lookbackSeconds * 1_000_000),
      end: String(endMicros),
      limit: String(query.limit),
    });
    if (query.operation) params.set('operation', query.operation);
    if (Object.keys(tags).length > 0) params.set('tags', JSON.stringify(tags));
    if (query.minDurationMicros) params.set('minDuration', `${query.minDurationMicros}us`);
    return asSourceResult([], async () => {
      const traces = normaliseJaegerResponse(await this.client.getJson('/api/traces', params));
      return applyQuery(traces.filter(t => hasWorkloadSpan(t.spans, query.workloads)).map(summarize), query);
    });
  }

  getTrace(traceId: string): Promise<SourceResult<MeshTrace | undefined>> {
    return asSourceResult(undefined, async () => {
      const body = await this.client.getJson(`/api/traces/${encodeURIComponent(traceId)}`, undefined, 'undefined');
      return body ? normaliseJaegerResponse(body)[0] : undefined;
    });
  }

  listServices(): Promise<SourceResult<string[]>> {
    return asSourceResult([], async () => {
      const body = await this.client.getJson('/api/services');
      return Array.isArray(body?.data) ? body.data.map(String).sort() : [];
    });
  }

  traceWebUrl(traceId: string): string | undefined {
    return this.settings.webLinks?.traceUrl(traceId);
  }
}
