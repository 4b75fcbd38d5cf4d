/*
 * A model snapshot as the shared cache keeps it (./entryCodec): packed on the worker thread when
 * it runs (the event loop only serializes it for the move, ~0.3 s at 5,000 workloads instead of
 * ~4 s), unpacked on the worker too (its samples come back with each distinct label string once),
 * else with zlib on libuv's pool and one JSON.parse. Entries written before packing (plain
 * objects) are read as they are.
 */
import v8 from 'v8';
import zlib from 'zlib';
import { promisify } from 'util';
import { ownArrayBuffer, workerThread } from '../workerThread';
import { SerializedPieces } from './entryCodec';
import { PackedSamples, unpackSamples } from '../prometheus/packedSamples';
import { TrafficSnapshot } from '../types';
import type { ModelEntry } from './TrafficModel';

const gzip = promisify(zlib.gzip);
const gunzip = promisify(zlib.gunzip);

export interface PackedEntry {
  /** The entry's JSON, gzipped, base64. */
  packed: string;
}

export async function packEntry(entry: ModelEntry): Promise<PackedEntry> {
  if (workerThread.available()) {
    const pieces = await serializedPieces(entry);
    try {
      const gz = await workerThread.run<ArrayBuffer>(
        { kind: 'packJson', pieces },
        [pieces.head, ...Object.values(pieces.snapshot).flat()],
      );
      return { packed: Buffer.from(gz).toString('base64') };
    } catch {
      // The worker died: the entry is still here, so pack it here.
    }
  }
  const gz = await gzip(JSON.stringify(entry), { level: 1 });
  return { packed: gz.toString('base64') };
}

/** Samples per serialized slice: a few ms of event loop each. */
const SLICE = 5_000;

/**
 * The entry serialized for the move to the worker, a slice of samples at a time with a turn of the
 * event loop between slices: serialized whole, the ~76 MB of a 5,000-workload snapshot held the
 * event loop ~0.6 s (most of it first touching the fresh memory).
 */
async function serializedPieces(entry: ModelEntry): Promise<SerializedPieces> {
  const { snapshot, ...rest } = entry;
  const slices: Record<string, ArrayBuffer[]> = {};
  for (const [part, samples] of Object.entries(snapshot)) {
    slices[part] = [];
    for (let i = 0; i < samples.length; i += SLICE) {
      slices[part].push(
        ownArrayBuffer(v8.serialize(samples.slice(i, i + SLICE))),
      );
      await new Promise(resolve => setImmediate(resolve));
    }
  }
  return { head: ownArrayBuffer(v8.serialize(rest)), snapshot: slices };
}

export async function unpackEntry(
  value: unknown,
): Promise<ModelEntry | undefined> {
  if (!value || typeof value !== 'object') return undefined;
  if (!('packed' in value)) return value as ModelEntry;
  const gz = Buffer.from(String(value.packed), 'base64');
  if (workerThread.available()) {
    // Parsed there; each distinct label string comes back once (../prometheus/packedSamples).
    // A failure (an unreadable entry, a worker that died with the bytes) reaches the caller,
    // which says so and reads the cache again later (./TrafficModel sync).
    const { snapshot, ...rest } = await workerThread.run<
      Omit<ModelEntry, 'snapshot'> & {
        snapshot: Record<keyof TrafficSnapshot, PackedSamples>;
      }
    >({ kind: 'unpackJson', gz: ownArrayBuffer(gz) });
    const parts = Object.entries(snapshot).map(
      ([part, packed]) => [part, unpackSamples(packed)] as const,
    );
    return {
      ...rest,
      snapshot: Object.fromEntries(parts) as unknown as TrafficSnapshot,
    };
  }
  const json = await gunzip(gz);
  return JSON.parse(json.toString('utf8'));
}
