/*
 * OTLP JSON traces → MeshTrace: Tempo's `/api/traces/:id` (`{ batches: [...] }`, or `{ trace:
 * { resourceSpans } }` from its v2 endpoint) and plain OTLP (`{ resourceSpans: [...] }`). Ids come
 * as base64 from Tempo and hex from the OTLP JSON spec; times are nanosecond strings. The resource's
 * `service.name` names the service; other resource attributes (host.name, k8s.pod.name) fill in
 * span tags. An ERROR status becomes `otel.status_code=ERROR`, as Jaeger's OTLP translation writes.
 */
import { MeshSpan, MeshTrace } from '@mesh-portal/plugin-mesh-common';
import { finaliseTrace } from '../finaliseTrace';
import {
  isErrorSpan,
  safeNumber,
  spanKind,
  TagValue,
  withDefaults,
} from '../spanTags';
import { otlpId } from '../traceIds';

/** An OTLP AnyValue as a tag value; arrays and key-value lists as JSON text. */
export function otlpValue(value: any): TagValue {
  if (!value || typeof value !== 'object') return '';
  if ('stringValue' in value) return String(value.stringValue);
  if ('boolValue' in value) return value.boolValue === true;
  if ('intValue' in value) return safeNumber(value.intValue);
  if ('doubleValue' in value) return Number(value.doubleValue);
  if ('bytesValue' in value) return String(value.bytesValue);
  return JSON.stringify(value.arrayValue ?? value.kvlistValue ?? value);
}

export function otlpAttributes(list: unknown): MeshSpan['tags'] {
  const tags: MeshSpan['tags'] = {};
  for (const kv of Array.isArray(list) ? list : []) {
    if (kv && typeof kv.key === 'string') tags[kv.key] = otlpValue(kv.value);
  }
  return tags;
}

/** Nanoseconds (a decimal string, beyond 2^53) → microseconds. */
export function nanosToMicros(nanos: unknown): number {
  if (typeof nanos !== 'string' && typeof nanos !== 'number') return 0;
  try {
    return Number(BigInt(String(nanos).split('.')[0]) / 1000n);
  } catch {
    return 0;
  }
}

function isStatusError(status: any): boolean {
  return status?.code === 'STATUS_CODE_ERROR' || status?.code === 2;
}

function normaliseSpan(
  raw: any,
  serviceName: string,
  resourceTags: MeshSpan['tags'],
): MeshSpan {
  const tags = withDefaults(otlpAttributes(raw.attributes), resourceTags);
  const kind = spanKind(raw.kind);
  if (kind) tags['span.kind'] = kind;
  if (isStatusError(raw.status)) {
    tags['otel.status_code'] = 'ERROR';
    if (raw.status.message)
      tags['otel.status_description'] = String(raw.status.message);
  }
  const start = nanosToMicros(raw.startTimeUnixNano);
  const parent = raw.parentSpanId ? otlpId(raw.parentSpanId) : '';
  return {
    traceId: otlpId(raw.traceId),
    spanId: otlpId(raw.spanId),
    ...(parent && !/^0+$/.test(parent) ? { parentSpanId: parent } : {}),
    serviceName,
    operationName: String(raw.name ?? ''),
    startTimeMicros: start,
    durationMicros: Math.max(0, nanosToMicros(raw.endTimeUnixNano) - start),
    isError: isErrorSpan(tags),
    tags,
  };
}

/** All spans of an OTLP document, whatever the envelope. */
export function otlpSpans(body: any): MeshSpan[] {
  const resources: any[] =
    body?.batches ?? body?.resourceSpans ?? body?.trace?.resourceSpans ?? [];
  const spans: MeshSpan[] = [];
  for (const resource of Array.isArray(resources) ? resources : []) {
    const resourceTags = otlpAttributes(resource?.resource?.attributes);
    const serviceName = String(resourceTags['service.name'] ?? 'unknown');
    delete resourceTags['service.name'];
    const scopes: any[] =
      resource?.scopeSpans ?? resource?.instrumentationLibrarySpans ?? [];
    for (const scope of Array.isArray(scopes) ? scopes : []) {
      for (const raw of Array.isArray(scope?.spans) ? scope.spans : []) {
        if (raw && raw.spanId)
          spans.push(normaliseSpan(raw, serviceName, resourceTags));
      }
    }
  }
  return spans;
}

export function normaliseOtlpTrace(body: any): MeshTrace | undefined {
  const spans = otlpSpans(body);
  if (spans.length === 0) return undefined;
  return finaliseTrace(spans[0].traceId, spans);
}
