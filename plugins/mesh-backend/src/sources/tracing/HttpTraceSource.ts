/*
 * What the Jaeger, Tempo and Zipkin sources have in common: the HTTP client, trace by id (a 404
 * is "no such trace"), the list of known services, links into the backend's UI. Each backend
 * says only where those documents live, how to read them, and how to search.
 */
import { MeshTrace, MeshTraceSummary } from '@mesh-portal/plugin-mesh-common';
import { HttpSourceOptions } from '../http/httpJson';
import { SourceResult, TraceQuery, TraceSource } from '../types';
import {
  asSourceResult,
  TraceSourceSettings,
  TracingBackendType,
  TracingHttpClient,
} from './TracingHttpClient';

export abstract class HttpTraceSource implements TraceSource {
  readonly serviceNameAnnotation?: string;
  protected readonly client: TracingHttpClient;

  constructor(
    type: TracingBackendType,
    options: HttpSourceOptions,
    private readonly settings: TraceSourceSettings,
  ) {
    this.client = new TracingHttpClient(type, options);
    this.serviceNameAnnotation = settings.serviceNameAnnotation;
  }

  abstract findTraces(
    query: TraceQuery,
  ): Promise<SourceResult<MeshTraceSummary[]>>;

  /** Path of one trace's document, e.g. `/api/traces/<id>`. */
  protected abstract tracePath(traceId: string): string;
  protected abstract normaliseTrace(body: unknown): MeshTrace | undefined;
  /** Path of the service list and how to read the names out of it. */
  protected abstract readonly servicesPath: string;
  protected abstract serviceNames(body: any): unknown;

  getTrace(traceId: string): Promise<SourceResult<MeshTrace | undefined>> {
    return asSourceResult(undefined, async () => {
      const body = await this.client.getJson(
        this.tracePath(encodeURIComponent(traceId)),
        undefined,
        'undefined',
      );
      return body === undefined ? undefined : this.normaliseTrace(body);
    });
  }

  listServices(): Promise<SourceResult<string[]>> {
    return asSourceResult([], async () => {
      const names = this.serviceNames(
        await this.client.getJson(this.servicesPath),
      );
      return Array.isArray(names) ? names.map(String).sort() : [];
    });
  }

  traceWebUrl(traceId: string): string | undefined {
    return this.settings.webLinks?.traceUrl(traceId);
  }
}
