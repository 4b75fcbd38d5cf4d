/*
 * Traces from Grafana Tempo's HTTP API: `GET /api/search` (TraceQL or logfmt tags),
 * `GET /api/traces/:id` (OTLP JSON) and `GET /api/search/tag/service.name/values`. A tenant of a
 * multi-tenant Tempo is chosen by the configured `X-Scope-OrgID` header.
 */
import { MeshTrace, MeshTraceSummary } from '@internal/plugin-mesh-common';
import { HttpSourceOptions } from '../../http/httpJson';
import { SourceResult, TraceQuery, TraceSource } from '../../types';
import { hasWorkloadSpan } from '../spanWorkload';
import { applyQuery } from '../summarize';
import { asSourceResult, TraceSourceSettings, TracingHttpClient } from '../TracingHttpClient';
import { normaliseOtlpTrace } from './normaliseOtlp';
import { TempoSearchMode, tempoSearchHits, tempoSearchParams } from './tempoSearch';

export class TempoTraceSource implements TraceSource {
  private readonly client: TracingHttpClient;

  readonly serviceNameAnnotation?: string;

  constructor(
    options: HttpSourceOptions,
    private readonly settings: TraceSourceSettings & { searchMode?: TempoSearchMode } = {},
  ) {
    this.client = new TracingHttpClient('tempo', options);
    this.serviceNameAnnotation = settings.serviceNameAnnotation;
  }

  findTraces(query: TraceQuery): Promise<SourceResult<MeshTraceSummary[]>> {
    return asSourceResult([], async () => {
      const body = await this.client.getJson('/api/search', tempoSearchParams(query, this.settings.searchMode ?? 'traceql'));
      const hits = tempoSearchHits(body).filter(h => hasWorkloadSpan(h.spanTags, query.workloads));
      return applyQuery(hits.map(h => h.summary), query);
    });
  }

  getTrace(traceId: string): Promise<SourceResult<MeshTrace | undefined>> {
    return asSourceResult(undefined, async () => {
      const body = await this.client.getJson(`/api/traces/${encodeURIComponent(traceId)}`, undefined, 'undefined');
      return body === undefined ? undefined : normaliseOtlpTrace(body);
    });
  }

  listServices(): Promise<SourceResult<string[]>> {
    return asSourceResult([], async () => {
      const body = await this.client.getJson('/api/search/tag/service.name/values');
      return Array.isArray(body?.tagValues) ? body.tagValues.map(String).sort() : [];
    });
  }

  traceWebUrl(traceId: string): string | undefined {
    return this.settings.webLinks?.traceUrl(traceId);
  }
}
