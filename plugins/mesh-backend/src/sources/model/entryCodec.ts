/*
 * The form a model snapshot takes in the shared cache: its JSON, gzipped, as base64 (a cache value
 * must be JSON). At 5,000 workloads a snapshot's JSON is ~80 MB and compresses to ~3 MB: written
 * as plain JSON, serializing it and sending it to Redis held the refreshing replica's event loop
 * for ~4 s per refresh, and every other replica parsed it whole. Pure: no I/O.
 */
import v8 from 'v8';
import zlib from 'zlib';

/** A v8-serialized value (what the worker thread receives) as gzipped JSON. */
export function packJson(serialized: Buffer): ArrayBuffer {
  const json = JSON.stringify(v8.deserialize(serialized));
  const gz = zlib.gzipSync(json, { level: 1 });
  return gz.buffer.slice(
    gz.byteOffset,
    gz.byteOffset + gz.length,
  ) as ArrayBuffer;
}
