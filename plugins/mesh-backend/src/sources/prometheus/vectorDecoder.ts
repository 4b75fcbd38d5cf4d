/*
 * Large Prometheus answers decoded on the worker thread (issue 15; ../workerThread). A mesh model
 * refresh at 5,000 workloads reads tens of MB of JSON per query (the duration histogram's
 * buckets: docs/design-decisions.md, "Latency quantiles"); parsing that on the event loop held
 * every request for seconds after each refresh. The worker parses the body, keeps each series'
 * labels and value, reduces buckets to quantiles when asked, and sends back only that, each
 * distinct string once (./packedSamples). The body's bytes are moved, not copied. Small answers,
 * and any answer when no worker runs, are decoded here.
 */
import { BodyBlocks } from '../http/bodyBlocks';
import { workerThread } from '../workerThread';
import { DecodedVector, decodeVector, VectorReduce } from './decodeVector';
import { PackedSamples, unpackSamples } from './packedSamples';

export type { DecodedVector, VectorReduce } from './decodeVector';
export { decodeVector } from './decodeVector';

/** Answers smaller than this are decoded where they arrive (a worker round trip costs more). */
export const OFF_THREAD_BYTES = 1024 * 1024;

/**
 * Decodes a successful answer's body: off the event loop when it is large and the worker runs,
 * else here. The body's blocks are moved to the worker (`body` must not be used afterwards); a
 * worker that dies with them rejects.
 */
export async function decodeVectorBody(
  body: BodyBlocks,
  reduce: VectorReduce,
  offThreadBytes = OFF_THREAD_BYTES,
): Promise<DecodedVector> {
  if (body.length < offThreadBytes || !workerThread.available())
    return decodeVector(body.toString(), reduce);
  const parts = body.parts().map(p => ({
    bytes: p.buffer as ArrayBuffer,
    length: p.length,
  }));
  const decoded = await workerThread.run<
    { ok: true; packed: PackedSamples; warnings: string[] } | { ok: false }
  >(
    { kind: 'decodeVector', parts, reduce },
    parts.map(p => p.bytes),
  );
  if (!decoded.ok) return { ok: false, moved: true };
  return {
    ok: true,
    samples: unpackSamples(decoded.packed),
    warnings: decoded.warnings,
  };
}
