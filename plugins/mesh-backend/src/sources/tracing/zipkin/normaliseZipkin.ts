/*
 * Zipkin v2 span arrays (`/api/v2/trace/:id`, and each element of `/api/v2/traces`) → MeshTrace.
 * Zipkin's own conventions are kept: the `error` tag marks an error whatever its value (the value
 * is the message, e.g. "500"); `kind` becomes Jaeger's `span.kind`; `shared` server spans reuse
 * the client's id and are split apart by finaliseTrace; clock skew is corrected there too.
 */
import { MeshSpan, MeshTrace } from '@mesh-portal/plugin-mesh-common';
import { finaliseTrace } from '../finaliseTrace';
import { isErrorSpan, spanKind } from '../spanTags';
import { normaliseHexId } from '../traceIds';

function normaliseSpan(raw: any, traceId: string): MeshSpan {
  const tags: MeshSpan['tags'] = {};
  for (const [key, value] of Object.entries(
    raw.tags && typeof raw.tags === 'object' ? raw.tags : {},
  ))
    tags[key] = String(value);
  const kind = spanKind(raw.kind);
  if (kind) tags['span.kind'] = kind;
  const remote = raw.remoteEndpoint?.serviceName;
  if (
    typeof remote === 'string' &&
    remote &&
    tags['peer.service'] === undefined
  )
    tags['peer.service'] = remote;
  const parentSpanId =
    typeof raw.parentId === 'string' && raw.parentId
      ? normaliseHexId(raw.parentId)
      : undefined;
  return {
    traceId,
    spanId: normaliseHexId(String(raw.id)),
    ...(parentSpanId ? { parentSpanId } : {}),
    serviceName: String(raw.localEndpoint?.serviceName || 'unknown'),
    operationName: String(raw.name ?? ''),
    startTimeMicros: Number(raw.timestamp) || 0,
    durationMicros: Number(raw.duration) || 0,
    isError: 'error' in tags || isErrorSpan(tags),
    tags,
  };
}

export function normaliseZipkinTrace(raw: unknown): MeshTrace | undefined {
  const spans = (Array.isArray(raw) ? raw : []).filter(
    s => s && typeof s.traceId === 'string' && typeof s.id === 'string',
  );
  if (spans.length === 0) return undefined;
  // Spans of one trace may mix 64- and 128-bit ids (lower 64 bits equal); name the trace by the longest.
  const traceId = normaliseHexId(
    spans.map(s => String(s.traceId)).sort((a, b) => b.length - a.length)[0],
  );
  return finaliseTrace(
    traceId,
    spans.map(s => normaliseSpan(s, traceId)),
  );
}
