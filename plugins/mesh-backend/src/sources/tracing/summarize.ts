/* The list view of a normalised trace, shared by the demo and the live trace sources. */
import { MeshTrace, MeshTraceSummary } from '@mesh-portal/plugin-mesh-common';
import { TraceQuery } from '../types';

/** Root span, overall duration, services and error count. */
export function summarize(trace: MeshTrace): MeshTraceSummary {
  const root = trace.spans.find(s => !s.parentSpanId) ?? trace.spans[0];
  const start = Math.min(...trace.spans.map(s => s.startTimeMicros));
  const end = Math.max(
    ...trace.spans.map(s => s.startTimeMicros + s.durationMicros),
  );
  return {
    traceId: trace.traceId,
    rootServiceName: root?.serviceName ?? '',
    rootOperationName: root?.operationName ?? '',
    startTimeMicros: start,
    durationMicros: end - start,
    spanCount: trace.spans.length,
    errorCount: trace.spans.filter(s => s.isError).length,
    services: [...new Set(trace.spans.map(s => s.serviceName))].sort(),
  };
}

/**
 * The query's filters applied to summaries again, newest first, cut to the limit: backends apply
 * them too, but not identically (span vs trace duration, error tag vs status), and the list
 * promises exactly what the query asked for.
 */
export function applyQuery(
  summaries: MeshTraceSummary[],
  query: TraceQuery,
): MeshTraceSummary[] {
  return summaries
    .filter(
      s =>
        !query.minDurationMicros || s.durationMicros >= query.minDurationMicros,
    )
    .filter(s => !query.errorsOnly || s.errorCount > 0)
    .sort((a, b) => b.startTimeMicros - a.startTimeMicros)
    .slice(0, query.limit);
}
