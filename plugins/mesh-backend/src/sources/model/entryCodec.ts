/*
 * The form a model snapshot takes in the shared cache: its JSON, gzipped, as base64 (a cache value
 * must be JSON). At 5,000 workloads a snapshot's JSON is ~80 MB and compresses to ~3 MB: written
 * as plain JSON, serializing it and sending it to Redis held the refreshing replica's event loop
 * for ~4 s per refresh, and every other replica parsed it whole. Pure: no I/O.
 */
import v8 from 'v8';
import zlib from 'zlib';

/**
 * A value given as v8-serialized pieces — `head`, plus arrays serialized in slices
 * (./packedEntry) — as gzipped JSON of the value with each array's slices joined (under the key
 * `under`, when given).
 */
export function packJson(pieces: SerializedPieces): ArrayBuffer {
  const value = v8.deserialize(Buffer.from(pieces.head));
  const target = pieces.under ? (value[pieces.under] = {}) : value;
  for (const [name, slices] of Object.entries(pieces.arrays))
    target[name] = slices.flatMap(slice => v8.deserialize(Buffer.from(slice)));
  const gz = zlib.gzipSync(JSON.stringify(value), { level: 1 });
  return gz.buffer.slice(
    gz.byteOffset,
    gz.byteOffset + gz.length,
  ) as ArrayBuffer;
}

export interface SerializedPieces {
  head: ArrayBuffer;
  /** Arrays of the value (`head` holds the rest), each in slices. */
  arrays: Record<string, ArrayBuffer[]>;
  /** The key of the object holding the arrays; the value itself when absent. */
  under?: string;
}
