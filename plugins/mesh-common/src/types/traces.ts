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
