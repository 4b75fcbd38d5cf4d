/*
 * A model snapshot as the shared cache keeps it (./entryCodec): packed on the worker thread when
 * it runs (the event loop only serializes it for the move, ~0.3 s at 5,000 workloads instead of
 * ~4 s), unpacked with zlib on libuv's pool and one JSON.parse. Entries written before packing
 * (plain objects) are read as they are.
 */
import v8 from 'v8';
import zlib from 'zlib';
import { promisify } from 'util';
import { ownArrayBuffer, workerThread } from '../workerThread';
import type { ModelEntry } from './TrafficModel';

const gzip = promisify(zlib.gzip);
const gunzip = promisify(zlib.gunzip);

export interface PackedEntry {
  /** The entry's JSON, gzipped, base64. */
  packed: string;
}

export async function packEntry(entry: ModelEntry): Promise<PackedEntry> {
  if (workerThread.available()) {
    const bytes = ownArrayBuffer(v8.serialize(entry));
    const gz = await workerThread.run<ArrayBuffer>(
      { kind: 'packJson', bytes },
      [bytes],
    );
    return { packed: Buffer.from(gz).toString('base64') };
  }
  const gz = await gzip(JSON.stringify(entry), { level: 1 });
  return { packed: gz.toString('base64') };
}

export async function unpackEntry(
  value: unknown,
): Promise<ModelEntry | undefined> {
  if (!value || typeof value !== 'object') return undefined;
  if (!('packed' in value)) return value as ModelEntry;
  const json = await gunzip(Buffer.from(String(value.packed), 'base64'));
  return JSON.parse(json.toString('utf8'));
}
