/*
 * Decoding of a Prometheus instant-vector answer: on the event loop for small answers, on the
 * worker thread for large ones (./vectorDecoder, ../workerThread). Pure: no I/O.
 */
import { histogramQuantiles } from '../../telemetry/promFunctions';
import { Sample } from '../types';

/** What to keep of an instant vector: its samples, or the quantiles of its histogram buckets. */
export type VectorReduce = 'samples' | 'histogramQuantiles';

export type DecodedVector =
  | { ok: true; samples: Sample[]; warnings: string[] }
  /**
   * Not a successful vector answer: the caller reads the body itself for the error, unless it
   * was `moved` to the worker.
   */
  | { ok: false; moved?: boolean };

/** Decodes a successful `/api/v1/query` answer (the same on either thread). */
export function decodeVector(
  text: string,
  reduce: VectorReduce,
): DecodedVector {
  let json: any;
  try {
    json = JSON.parse(text);
  } catch {
    return { ok: false };
  }
  const warnings = vectorWarnings(json);
  if (!warnings) return { ok: false };
  const samples: Sample[] = [];
  for (const r of json.data.result) {
    const sample = sampleOf(r);
    if (sample) samples.push(sample);
  }
  return {
    ok: true,
    samples:
      reduce === 'histogramQuantiles' ? histogramQuantiles(samples) : samples,
    warnings,
  };
}

/** A successful vector answer's warnings; undefined when `json` is no such answer. */
export function vectorWarnings(json: any): string[] | undefined {
  if (
    json?.status !== 'success' ||
    json.data?.resultType !== 'vector' ||
    !Array.isArray(json.data.result)
  )
    return undefined;
  return Array.isArray(json.warnings) ? json.warnings.map(String) : [];
}

/** A result item's sample; undefined for an item without labels or a value that is no number. */
export function sampleOf(r: any): Sample | undefined {
  const value = Number(r?.value?.[1]);
  return r?.metric && typeof r.metric === 'object' && Number.isFinite(value)
    ? { labels: r.metric, value }
    : undefined;
}
