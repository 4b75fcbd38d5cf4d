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
  const data = json?.data;
  if (
    json?.status !== 'success' ||
    data?.resultType !== 'vector' ||
    !Array.isArray(data.result)
  )
    return { ok: false };
  const samples: Sample[] = [];
  for (const r of data.result) {
    const value = Number(r?.value?.[1]);
    if (r && typeof r.metric === 'object' && Number.isFinite(value))
      samples.push({ labels: r.metric, value });
  }
  return {
    ok: true,
    samples:
      reduce === 'histogramQuantiles' ? histogramQuantiles(samples) : samples,
    warnings: Array.isArray(json.warnings) ? json.warnings.map(String) : [],
  };
}
