/*
 * Traces from Grafana Tempo's HTTP API: `GET /api/search` (TraceQL or logfmt tags),
 * `GET /api/traces/:id` (OTLP JSON) and `GET /api/search/tag/service.name/values`. A tenant of a
 * multi-tenant Tempo is chosen by the configured `X-Scope-OrgID` header.
 */
import { MeshTrace, MeshTraceSummary } from '@mesh-portal/plugin-mesh-common';
import { HttpSourceOptions } from '../../http/httpJson';
import { SourceResult, TraceQuery } from '../../types';
import { HttpTraceSource } from '../HttpTraceSource';
import { hasWorkloadSpan } from '../spanWorkload';
import { applyQuery } from '../summarize';
import { asSourceResult, TraceSourceSettings } from '../TracingHttpClient';
import { normaliseOtlpTrace } from './normaliseOtlp';
import {
  TempoSearchMode,
  tempoSearchHits,
  tempoSearchParams,
} from './tempoSearch';

export class TempoTraceSource extends HttpTraceSource {
  protected readonly servicesPath = '/api/search/tag/service.name/values';
  private readonly searchMode: TempoSearchMode;

  constructor(
    options: HttpSourceOptions,
    settings: TraceSourceSettings & { searchMode?: TempoSearchMode } = {},
  ) {
    super('tempo', options, settings);
    this.searchMode = settings.searchMode ?? 'traceql';
  }

  findTraces(query: TraceQuery): Promise<SourceResult<MeshTraceSummary[]>> {
    return asSourceResult([], async () => {
      const body = await this.client.getJson(
        '/api/search',
        tempoSearchParams(query, this.searchMode),
      );
      const hits = tempoSearchHits(body).filter(h =>
        hasWorkloadSpan(h.spanTags, query.workloads),
      );
      return applyQuery(
        hits.map(h => h.summary),
        query,
      );
    });
  }

  protected tracePath(traceId: string): string {
    return `/api/traces/${traceId}`;
  }

  protected normaliseTrace(body: unknown): MeshTrace | undefined {
    return normaliseOtlpTrace(body);
  }

  protected serviceNames(body: any): unknown {
    return body?.tagValues;
  }
}
