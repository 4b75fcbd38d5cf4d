/*
 * Jaeger query API (`/api/traces`, `/api/traces/:id`) JSON → MeshTrace. A Jaeger trace is
 * `{ traceID, spans[], processes{} }`; each span names its process (service + process tags such
 * as `hostname`) and its parent through `references` (CHILD_OF preferred over FOLLOWS_FROM, only
 * within the same trace: ui_01-trace.json has a reference into another trace).
 */
import { MeshSpan, MeshTrace } from '@mesh-portal/plugin-mesh-common';
import { finaliseTrace } from '../finaliseTrace';
import { isErrorSpan, safeNumber, TagValue, withDefaults } from '../spanTags';
import { normaliseHexId } from '../traceIds';

interface JaegerKeyValue {
  key: string;
  type?: string;
  value: unknown;
}

function tagValue({ type, value }: JaegerKeyValue): TagValue {
  if (type === 'bool') return value === true || value === 'true';
  if (type === 'int64' || type === 'float64') return safeNumber(value);
  return typeof value === 'number' || typeof value === 'boolean'
    ? value
    : String(value ?? '');
}

function tagsOf(list: unknown): MeshSpan['tags'] {
  const tags: MeshSpan['tags'] = {};
  for (const kv of Array.isArray(list) ? (list as JaegerKeyValue[]) : []) {
    if (kv && typeof kv.key === 'string') tags[kv.key] = tagValue(kv);
  }
  return tags;
}

function parentOf(span: any, traceId: string): string | undefined {
  const refs: any[] = Array.isArray(span.references) ? span.references : [];
  const inTrace = refs.filter(
    r =>
      r &&
      typeof r.spanID === 'string' &&
      normaliseHexId(String(r.traceID ?? traceId)) === traceId,
  );
  const ref = inTrace.find(r => r.refType === 'CHILD_OF') ?? inTrace[0];
  const id = ref?.spanID ?? span.parentSpanID;
  return typeof id === 'string' && id !== '' && !/^0+$/.test(id)
    ? normaliseHexId(id)
    : undefined;
}

export function normaliseJaegerTrace(raw: any): MeshTrace | undefined {
  if (!raw || typeof raw.traceID !== 'string' || !Array.isArray(raw.spans))
    return undefined;
  const traceId = normaliseHexId(raw.traceID);
  const processes: Record<string, any> =
    raw.processes && typeof raw.processes === 'object' ? raw.processes : {};
  const spans: MeshSpan[] = raw.spans
    .filter((s: any) => s && typeof s.spanID === 'string')
    .map((s: any): MeshSpan => {
      const process = processes[s.processID] ?? s.process ?? {};
      const tags = withDefaults(tagsOf(s.tags), tagsOf(process.tags));
      const parentSpanId = parentOf(s, traceId);
      const warnings = Array.isArray(s.warnings) ? s.warnings.map(String) : [];
      return {
        traceId,
        spanId: normaliseHexId(s.spanID),
        ...(parentSpanId ? { parentSpanId } : {}),
        serviceName: String(process.serviceName ?? 'unknown'),
        operationName: String(s.operationName ?? ''),
        startTimeMicros: Number(s.startTime) || 0,
        durationMicros: Number(s.duration) || 0,
        isError: isErrorSpan(tags),
        tags,
        ...(warnings.length ? { warnings } : {}),
      };
    });
  return spans.length ? finaliseTrace(traceId, spans) : undefined;
}

/** The traces of a `{ data: [trace…] }` envelope. */
export function normaliseJaegerResponse(body: any): MeshTrace[] {
  const data: unknown[] = Array.isArray(body?.data) ? body.data : [];
  return data.map(normaliseJaegerTrace).filter((t): t is MeshTrace => !!t);
}
