/*
 * The form a model snapshot takes in the shared cache: its JSON, gzipped, as base64 (a cache value
 * must be JSON). At 5,000 workloads a snapshot's JSON is ~80 MB and compresses to ~3 MB: written
 * as plain JSON, serializing it and sending it to Redis held the refreshing replica's event loop
 * for ~4 s per refresh, and every other replica parsed it whole. Pure: no I/O.
 */
import v8 from 'v8';
import zlib from 'zlib';
import {
  PackedSamples,
  packSamples,
  transferOf,
} from '../prometheus/packedSamples';
import { Sample } from '../types';

/**
 * A model entry given as v8-serialized pieces (./packedEntry) — the entry without its snapshot,
 * and each part of the snapshot in slices of samples — as the gzipped JSON of the whole entry.
 */
export function packJson(pieces: SerializedPieces): ArrayBuffer {
  const entry = v8.deserialize(Buffer.from(pieces.head));
  entry.snapshot = {};
  for (const [part, slices] of Object.entries(pieces.snapshot))
    entry.snapshot[part] = slices.flatMap(slice =>
      v8.deserialize(Buffer.from(slice)),
    );
  const gz = zlib.gzipSync(JSON.stringify(entry), { level: 1 });
  return gz.buffer.slice(
    gz.byteOffset,
    gz.byteOffset + gz.length,
  ) as ArrayBuffer;
}

/**
 * The entry of gzipped JSON (as {@link packJson} writes it) with each part of its snapshot as
 * packed samples: each distinct label string once, labels and values in typed arrays to move
 * (../prometheus/packedSamples).
 */
export function unpackJson(gz: ArrayBuffer): {
  entry: Record<string, unknown> & { snapshot: Record<string, PackedSamples> };
  transfer: ArrayBuffer[];
} {
  const entry = JSON.parse(zlib.gunzipSync(Buffer.from(gz)).toString('utf8'));
  const transfer: ArrayBuffer[] = [];
  for (const [part, samples] of Object.entries(entry.snapshot ?? {})) {
    const packed = packSamples(samples as Sample[]);
    transfer.push(...transferOf(packed));
    entry.snapshot[part] = packed;
  }
  return { entry, transfer };
}

export interface SerializedPieces {
  /** The entry without its snapshot. */
  head: ArrayBuffer;
  /** Each part of the snapshot (requests, tcpSent, …), in slices of samples. */
  snapshot: Record<string, ArrayBuffer[]>;
}
