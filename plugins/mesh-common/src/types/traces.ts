import { MeshSourceError } from './errors';

/**
 * A span normalised from Jaeger, Tempo (OTLP) or Zipkin. Times are microseconds since the epoch,
 * durations microseconds, as in Jaeger's model.
 *
 * @public
 */
export interface MeshSpan {
  traceId: string;
  spanId: string;
  parentSpanId?: string;
  /** Tracing service name, e.g. `reviews.bookinfo` for Istio proxies. */
  serviceName: string;
  operationName: string;
  startTimeMicros: number;
  durationMicros: number;
  /** `error=true` tag or an OpenTelemetry error status. */
  isError: boolean;
  tags: Record<string, string | number | boolean>;
  /**
   * What normalisation changed or could not resolve about this span, e.g. a clock-skew shift or a
   * parent that is not in the trace (as Jaeger's span warnings).
   */
  warnings?: string[];
  /** Set in entity responses: the span was emitted by the entity (its tracing service or workload). */
  isFocus?: boolean;
}

/**
 * One line of a trace list.
 *
 * @public
 */
export interface MeshTraceSummary {
  traceId: string;
  rootServiceName: string;
  rootOperationName: string;
  startTimeMicros: number;
  durationMicros: number;
  spanCount: number;
  errorCount: number;
  services: string[];
  /**
   * The summary comes from a search index that returned only the matched spans (Tempo without
   * per-service statistics): `spanCount`, `errorCount` and `services` then cover those spans only.
   */
  partial?: boolean;
}

/**
 * A whole trace with its spans.
 *
 * @public
 */
export interface MeshTrace {
  traceId: string;
  spans: MeshSpan[];
}

/**
 * A trace in an entity's trace list: the summary plus where it came from and, when the trace
 * backend's UI is configured, a link to it there.
 *
 * @public
 */
export interface MeshEntityTraceSummary extends MeshTraceSummary {
  /** Clusters whose trace source returned the trace (several when they share one backend). */
  clusters: string[];
  /** The trace in the backend's own UI (Jaeger, Zipkin, Grafana), from config and the trace id only. */
  webUrl?: string;
}

/**
 * Query parameters of `GET /entities/by-name/:kind/:namespace/:name/traces`.
 *
 * @public
 */
export interface MeshEntityTracesQuery {
  /** How far back to search, `1m` to `7d` (default `1h`). */
  lookback?: string;
  /** Most traces returned, 1 to 500 (default 100). */
  limit?: number;
  /** Shortest trace duration returned, e.g. `100ms`, `2s`. */
  minDuration?: string;
  /** Only traces with an error span. */
  errorsOnly?: boolean;
}

/**
 * Response of `GET /entities/by-name/:kind/:namespace/:name/traces`: recent traces that pass
 * through the entity, newest first.
 *
 * @public
 */
export interface MeshEntityTracesResponse {
  entityRef: string;
  /** Tracing service names looked up (Istio's `<app>.<namespace>`, or the annotation override). */
  serviceNames: string[];
  lookbackSeconds: number;
  limit: number;
  minDurationMicros?: number;
  errorsOnly: boolean;
  traces: MeshEntityTraceSummary[];
  /** Why the list may be emptier than expected (no trace source for a cluster, unknown service name). */
  warnings: string[];
  errors: MeshSourceError[];
}

/**
 * Response of `GET /entities/by-name/:kind/:namespace/:name/traces/:traceId`. `trace` is absent
 * only when a trace source failed (see `errors`); a trace no source knows is a 404.
 *
 * @public
 */
export interface MeshEntityTraceResponse {
  entityRef: string;
  trace?: MeshTrace & {
    summary: MeshTraceSummary;
    clusters: string[];
    webUrl?: string;
  };
  errors: MeshSourceError[];
}
