/*
 * The steps every normalised trace goes through, whatever backend it came from, so the UI can
 * draw one well-formed tree:
 *  1. exact duplicate spans are dropped (Jaeger's dedupe adjuster; otlp2jaeger output has them);
 *  2. span ids become unique: Zipkin (and Jaeger fed by Zipkin) lets an RPC's client and server
 *     share one id. The server half gets a new id and the client as parent; children reported by
 *     the server's own service move under it (Zipkin's SpanNode rule: same endpoint);
 *  3. clock skew is CORRECTED, not just flagged: a span from another service that does not fit
 *     its parent is shifted, with its same-service descendants (same clock), and says so in
 *     `warnings`. RPC server spans are centred in their client span (Zipkin's and Jaeger's
 *     adjusters do the same); other cross-service children are moved no earlier than their parent;
 *  4. a parent that is not in the trace is named in the span's warnings; spans are sorted by start.
 */
import { MeshSpan, MeshTrace } from '@mesh-portal/plugin-mesh-common';

export function finaliseTrace(traceId: string, spans: MeshSpan[]): MeshTrace {
  const unique = uniqueSpanIds(dropDuplicates(spans));
  correctClockSkew(unique);
  const ids = new Set(unique.map(s => s.spanId));
  for (const span of unique) {
    if (span.parentSpanId && !ids.has(span.parentSpanId))
      warn(span, `parent span ${span.parentSpanId} is not in the trace`);
  }
  return {
    traceId,
    spans: unique.sort(
      (a, b) =>
        a.startTimeMicros - b.startTimeMicros ||
        a.spanId.localeCompare(b.spanId),
    ),
  };
}

const kindOf = (s: MeshSpan) => String(s.tags['span.kind'] ?? '').toLowerCase();

function warn(span: MeshSpan, warning: string) {
  span.warnings = [...(span.warnings ?? []), warning];
}

function dropDuplicates(spans: MeshSpan[]): MeshSpan[] {
  const seen = new Set<string>();
  return spans.filter(s => {
    const key = JSON.stringify([
      s.spanId,
      s.parentSpanId,
      s.serviceName,
      s.operationName,
      s.startTimeMicros,
      s.durationMicros,
    ]);
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

function uniqueSpanIds(spans: MeshSpan[]): MeshSpan[] {
  const used = new Set(spans.map(s => s.spanId));
  const byId = new Map<string, MeshSpan[]>();
  for (const s of spans) byId.set(s.spanId, [...(byId.get(s.spanId) ?? []), s]);
  for (const [id, sharing] of byId) {
    if (sharing.length < 2) continue;
    // The client half keeps the id (its children are the server half and nothing else).
    const keeper =
      sharing.find(s => kindOf(s) === 'client') ??
      sharing.find(s => kindOf(s) !== 'server') ??
      sharing[0];
    for (const other of sharing.filter(s => s !== keeper)) {
      const newId = freshId(id, used);
      const isServer = kindOf(other) === 'server';
      // Children the server's own service reported hang under the server half (same endpoint).
      if (isServer) {
        for (const child of spans) {
          if (
            child.parentSpanId === id &&
            child.spanId !== id &&
            child.serviceName === other.serviceName
          )
            child.parentSpanId = newId;
        }
      }
      other.spanId = newId;
      if (isServer) other.parentSpanId = id;
      warn(
        other,
        `span id ${id} was shared with another span; renamed to ${newId}`,
      );
    }
  }
  return spans;
}

/** The next unused id after `id` (deterministic, so a reloaded trace gets the same ids). */
function freshId(id: string, used: Set<string>): string {
  const hex = /^[0-9a-f]+$/.test(id);
  let candidate = id;
  for (let n = 1; used.has(candidate); n++) {
    candidate = hex
      ? ((BigInt(`0x${id}`) + BigInt(n)) % 16n ** BigInt(id.length))
          .toString(16)
          .padStart(id.length, '0')
      : `${id}-${n}`;
  }
  used.add(candidate);
  return candidate;
}

function correctClockSkew(spans: MeshSpan[]) {
  const byId = new Map(spans.map(s => [s.spanId, s]));
  const children = new Map<string, MeshSpan[]>();
  for (const s of spans) {
    if (s.parentSpanId && byId.has(s.parentSpanId))
      children.set(s.parentSpanId, [
        ...(children.get(s.parentSpanId) ?? []),
        s,
      ]);
  }
  const shift = new Map<MeshSpan, number>();
  const queue = spans.filter(s => !s.parentSpanId || !byId.has(s.parentSpanId));
  const visited = new Set<MeshSpan>(queue);
  while (queue.length > 0) {
    const parent = queue.shift()!;
    for (const child of children.get(parent.spanId) ?? []) {
      if (visited.has(child)) continue; // a cycle in broken data must not loop forever
      visited.add(child);
      // Same service, same clock: it moves with its parent. Another service: its own correction.
      const delta =
        child.serviceName === parent.serviceName
          ? shift.get(parent) ?? 0
          : skewDelta(parent, child);
      if (delta !== 0) {
        child.startTimeMicros += delta;
        if (child.serviceName !== parent.serviceName) {
          warn(
            child,
            `clock skew: start shifted by ${
              delta > 0 ? '+' : ''
            }${delta} µs to fit its parent span ${parent.spanId}`,
          );
        }
      }
      shift.set(child, delta);
      queue.push(child);
    }
  }
}

/** How far `child` (from another service, so another clock) must move to fit `parent`. */
function skewDelta(parent: MeshSpan, child: MeshSpan): number {
  const parentEnd = parent.startTimeMicros + parent.durationMicros;
  const fits =
    child.startTimeMicros >= parent.startTimeMicros &&
    child.startTimeMicros + child.durationMicros <= parentEnd;
  if (fits) return 0;
  if (
    kindOf(parent) === 'client' &&
    kindOf(child) === 'server' &&
    child.durationMicros <= parent.durationMicros
  ) {
    // Centre the server in the client: equal network latency each way.
    const latency = Math.floor(
      (parent.durationMicros - child.durationMicros) / 2,
    );
    return parent.startTimeMicros + latency - child.startTimeMicros;
  }
  // Async children (messaging, follows-from) may outlive the parent, but never start before it.
  return child.startTimeMicros < parent.startTimeMicros
    ? parent.startTimeMicros - child.startTimeMicros
    : 0;
}
