/*
 * Traces from the Jaeger query HTTP API (`jaeger-query`, 16686, or Istio's `tracing` service):
 * `GET /api/traces?service&operation&tags&start&end&limit&minDuration`, `GET /api/traces/:id`,
 * `GET /api/services`. Every query parameter is built from typed, validated values.
 */
import { MeshTrace, MeshTraceSummary } from '@mesh-portal/plugin-mesh-common';
import { HttpSourceOptions } from '../../http/httpJson';
import { SourceResult, TraceQuery } from '../../types';
import { HttpTraceSource } from '../HttpTraceSource';
import { hasWorkloadSpan } from '../spanWorkload';
import { applyQuery, summarize } from '../summarize';
import { asSourceResult, TraceSourceSettings } from '../TracingHttpClient';
import { normaliseJaegerResponse } from './normaliseJaeger';

export class JaegerTraceSource extends HttpTraceSource {
  protected readonly servicesPath = '/api/services';

  constructor(options: HttpSourceOptions, settings: TraceSourceSettings = {}) {
    super('jaeger', options, settings);
  }

  findTraces(query: TraceQuery): Promise<SourceResult<MeshTraceSummary[]>> {
    const endMicros = query.end.getTime() * 1000;
    const tags = {
      ...query.tags,
      ...(query.errorsOnly ? { error: 'true' } : {}),
    };
    const params = new URLSearchParams({
      service: query.serviceName,
      start: String(endMicros - query.lookbackSeconds * 1_000_000),
      end: String(endMicros),
      limit: String(query.limit),
    });
    if (query.operation) params.set('operation', query.operation);
    if (Object.keys(tags).length > 0) params.set('tags', JSON.stringify(tags));
    if (query.minDurationMicros)
      params.set('minDuration', `${query.minDurationMicros}us`);
    return asSourceResult([], async () => {
      const traces = normaliseJaegerResponse(
        await this.client.getJson('/api/traces', params),
      );
      return applyQuery(
        traces
          .filter(t => hasWorkloadSpan(t.spans, query.workloads))
          .map(summarize),
        query,
      );
    });
  }

  protected tracePath(traceId: string): string {
    return `/api/traces/${traceId}`;
  }

  protected normaliseTrace(body: unknown): MeshTrace | undefined {
    return normaliseJaegerResponse(body)[0];
  }

  protected serviceNames(body: any): unknown {
    return body?.data;
  }
}
