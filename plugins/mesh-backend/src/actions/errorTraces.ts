/*
 * Recent error traces of an entity for explain-entity-health: the traces route's list (errors
 * only), the first few opened through the single-trace route to find where the failure started.
 */
import { BackstageCredentials } from '@backstage/backend-plugin-api';
import { MeshSpan } from '@mesh-portal/plugin-mesh-common';
import { readEntityTrace, readEntityTraces } from '../routes/tracesRoutes';
import { ActionContext } from './actionContext';
import { ms, routeQuery } from './compact';

/** Error traces listed, and how many of them are opened to find the failing span. */
export const ERROR_TRACES = 5;
const OPENED_TRACES = 3;

/** The error span none of whose children failed: where the failure started. */
export function failingSpan(spans: MeshSpan[]): MeshSpan | undefined {
  const failed = spans.filter(s => s.isError);
  const failedParents = new Set(failed.map(s => s.parentSpanId));
  return failed
    .filter(s => !failedParents.has(s.spanId))
    .sort((a, b) => a.startTimeMicros - b.startTimeMicros)[0];
}

const statusOf = (span: MeshSpan) => {
  const code =
    span.tags['grpc.status_code'] ??
    span.tags['rpc.grpc.status_code'] ??
    span.tags['http.status_code'];
  return code === undefined ? null : String(code);
};

export async function errorTraces(
  ctx: ActionContext,
  target: { kind: string; namespace: string; name: string },
  credentials: BackstageCredentials,
) {
  const list = await readEntityTraces(
    ctx,
    target,
    routeQuery({ errorsOnly: true, limit: ERROR_TRACES }),
    credentials,
  );
  const opened = await Promise.all(
    list.traces
      .slice(0, OPENED_TRACES)
      .map(t =>
        readEntityTrace(
          ctx,
          { ...target, traceId: t.traceId },
          {},
          credentials,
        ),
      ),
  );
  const items = list.traces.map((t, i) => {
    const span = opened[i]?.trace && failingSpan(opened[i].trace!.spans);
    return {
      traceId: t.traceId,
      startedAt: new Date(t.startTimeMicros / 1000).toISOString(),
      durationMs: ms(t.durationMicros / 1000)!,
      rootService: t.rootServiceName,
      rootOperation: t.rootOperationName,
      errorSpans: t.errorCount,
      failingSpan: span
        ? {
            service: span.serviceName,
            operation: span.operationName,
            durationMs: ms(span.durationMicros / 1000)!,
            statusCode: statusOf(span),
          }
        : null,
    };
  });
  return {
    items,
    errors: [...list.errors, ...opened.flatMap(o => o.errors)],
  };
}
