/* Tag conventions shared by the normalisers: typed values, error detection, span kinds. */
import { MeshSpan } from '@mesh-portal/plugin-mesh-common';

export type TagValue = MeshSpan['tags'][string];

/**
 * Error rule of the issue and of Kiali: tag `error` true (bool or "true"), or an OpenTelemetry
 * error status (`otel.status_code=ERROR`, which Jaeger and Zipkin exporters write, or `status=error`
 * as Tempo's search selects it).
 */
export function isErrorSpan(tags: MeshSpan['tags']): boolean {
  return (
    tags.error === true ||
    String(tags.error).toLowerCase() === 'true' ||
    String(tags['otel.status_code'] ?? '').toUpperCase() === 'ERROR' ||
    String(tags.status ?? '').toLowerCase() === 'error'
  );
}

/** Jaeger's spelling of span kinds (`client`, `server`, …) from OTLP enum names or numbers and Zipkin's upper case. */
export function spanKind(kind: unknown): string | undefined {
  const otlpNumbers = [
    '',
    'internal',
    'server',
    'client',
    'producer',
    'consumer',
  ];
  if (typeof kind === 'number') return otlpNumbers[kind] || undefined;
  if (typeof kind !== 'string' || !kind) return undefined;
  const name = kind.replace(/^SPAN_KIND_/, '').toLowerCase();
  return name === 'unspecified' ? undefined : name;
}

/** A number when it is exactly representable, else its text (int64 tags beyond 2^53). */
export function safeNumber(value: unknown): TagValue {
  const n = Number(value);
  return Number.isSafeInteger(n) || (Number.isFinite(n) && !Number.isInteger(n))
    ? n
    : String(value);
}

/** Tags of the emitting process/resource fill in what the span does not say itself. */
export function withDefaults(
  tags: MeshSpan['tags'],
  defaults: MeshSpan['tags'],
): MeshSpan['tags'] {
  return { ...defaults, ...tags };
}
