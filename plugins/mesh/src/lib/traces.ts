/*
 * Trace shaping for the Traces view: filtering a trace list by the services a graph edge joins,
 * scatter points, and the span waterfall. Pure functions.
 */
import type {
  MeshNode,
  MeshSpan,
  MeshTraceSummary,
} from '@mesh-portal/plugin-mesh-common';
import { durationTicks } from './timeTicks';

/**
 * Istio's tracing service name of a graph node, `<app>.<namespace>` (proxies report the canonical
 * service as the app); undefined for nodes that emit no spans of their own.
 */
export function traceServiceName(node: MeshNode): string | undefined {
  if (node.type === 'unknown' || node.type === 'external') return undefined;
  if (node.type === 'entity' || node.type === 'team' || node.restricted)
    return undefined;
  const app = node.app ?? node.service ?? node.name;
  return `${app}.${node.namespace}`;
}

/** Traces that pass through every one of `services` (all of them when the list is empty). */
export function tracesThroughServices<T extends MeshTraceSummary>(
  traces: T[],
  services: string[],
): T[] {
  if (services.length === 0) return traces;
  return traces.filter(trace =>
    services.every(service => trace.services.includes(service)),
  );
}

export interface TracePoint {
  traceId: string;
  /** Start, in milliseconds since the epoch. */
  time: number;
  durationMs: number;
  isError: boolean;
}

export function tracePoints(traces: MeshTraceSummary[]): TracePoint[] {
  return traces.map(trace => ({
    traceId: trace.traceId,
    time: trace.startTimeMicros / 1000,
    durationMs: trace.durationMicros / 1000,
    isError: trace.errorCount > 0,
  }));
}

export interface WaterfallRow {
  span: MeshSpan;
  /** Nesting level under the trace's root span(s). */
  depth: number;
  /** Start and length as shares (0..1) of the trace's time span, for drawing the bar. */
  offset: number;
  width: number;
}

const byStart = (a: MeshSpan, b: MeshSpan) =>
  a.startTimeMicros - b.startTimeMicros ||
  (a.spanId < b.spanId ? -1 : a.spanId > b.spanId ? 1 : 0);

/**
 * Spans in waterfall order: each span followed by its children, siblings by start time. Spans
 * whose parent is not in the trace are shown as roots, as Jaeger does; every span appears once.
 */
export function waterfallRows(spans: MeshSpan[]): WaterfallRow[] {
  if (spans.length === 0) return [];
  const ids = new Set(spans.map(span => span.spanId));
  const children = new Map<string, MeshSpan[]>();
  const roots: MeshSpan[] = [];
  for (const span of spans) {
    if (
      span.parentSpanId &&
      ids.has(span.parentSpanId) &&
      span.parentSpanId !== span.spanId
    ) {
      children.set(span.parentSpanId, [
        ...(children.get(span.parentSpanId) ?? []),
        span,
      ]);
    } else {
      roots.push(span);
    }
  }
  const start = Math.min(...spans.map(span => span.startTimeMicros));
  const end = Math.max(
    ...spans.map(span => span.startTimeMicros + span.durationMicros),
  );
  const total = Math.max(end - start, 1);

  const rows: WaterfallRow[] = [];
  const visited = new Set<string>();
  const visit = (span: MeshSpan, depth: number) => {
    // Guards against cycles in malformed traces.
    if (visited.has(span.spanId)) return;
    visited.add(span.spanId);
    rows.push({
      span,
      depth,
      offset: (span.startTimeMicros - start) / total,
      width: span.durationMicros / total,
    });
    for (const child of [...(children.get(span.spanId) ?? [])].sort(byStart)) {
      visit(child, depth + 1);
    }
  };
  [...roots].sort(byStart).forEach(root => visit(root, 0));
  // Spans only reachable through a parent cycle (malformed data) still appear, as roots.
  [...spans].sort(byStart).forEach(span => visit(span, 0));
  return rows;
}

/** Microseconds as a readable duration (`850 µs`, `12.3 ms`, `1.2 s`). */
/** The waterfall's time ruler: nice offsets from the trace's first span start, with labels. */
export function waterfallRuler(
  spans: MeshSpan[],
  count = 5,
): Array<{ offset: number; label: string }> {
  if (spans.length === 0) return [];
  const start = Math.min(...spans.map(span => span.startTimeMicros));
  const end = Math.max(
    ...spans.map(span => span.startTimeMicros + span.durationMicros),
  );
  // The same time line as waterfallRows.
  const total = Math.max(end - start, 1);
  return durationTicks(total, count).map(micros => ({
    offset: micros / total,
    label: micros === 0 ? '0' : formatMicros(micros),
  }));
}

export function formatMicros(micros: number): string {
  if (micros < 1000) return `${Math.round(micros)} µs`;
  if (micros < 1_000_000)
    return `${Number((micros / 1000).toFixed(micros < 10_000 ? 1 : 0))} ms`;
  return `${Number((micros / 1_000_000).toFixed(2))} s`;
}

/**
 * When the backend returned as many traces as its limit, the list covers less than the lookback:
 * only the span from the oldest returned trace to now. Says so with that span, else undefined.
 */
export function traceCapNotice(
  answer: {
    limit: number;
    lookbackSeconds: number;
    traces: Array<{ startTimeMicros: number }>;
  },
  now: number = Date.now(),
): string | undefined {
  if (answer.traces.length < answer.limit || answer.traces.length === 0)
    return undefined;
  const oldest = Math.min(...answer.traces.map(t => t.startTimeMicros)) / 1000;
  const coveredSeconds = Math.max(1, Math.round((now - oldest) / 1000));
  if (coveredSeconds >= answer.lookbackSeconds) return undefined;
  const covered =
    coveredSeconds < 120
      ? `${coveredSeconds} s`
      : `${Math.round(coveredSeconds / 60)} min`;
  const lookback =
    answer.lookbackSeconds < 7200
      ? `${Math.round(answer.lookbackSeconds / 60)} min`
      : `${Math.round(answer.lookbackSeconds / 3600)} h`;
  return `Showing the newest ${answer.limit} traces: they cover only the last ${covered} of the ${lookback} asked for. Filter by minimum duration or errors to reach further back.`;
}
