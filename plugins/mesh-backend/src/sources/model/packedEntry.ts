/*
 * A model snapshot as the shared cache keeps it: each part of the snapshot (requests, tcpSent, …)
 * as packed samples (../prometheus/packedSamples: every distinct label string once, labels and
 * values in typed arrays) framed in one buffer, gzipped on libuv's pool, as base64 (a cache value
 * must be JSON). Frame: the header's byte length (uint32, little-endian), the header's JSON (the
 * entry without its snapshot; per part its name, string table and array lengths), then each part's
 * labels and values as they lie in memory (little-endian, as on every platform Node supports).
 *
 * The entry was the gzipped JSON of its samples before: at 5,000 workloads ~80 MB of JSON per
 * snapshot, serialized on the event loop for the worker thread, stringified and gzipped there, and
 * parsed there again by every replica that read it — seconds of CPU per refresh and per replica,
 * and 80 MB strings in the worker's heap. Packed, the frame is ~15 MB before gzip, packing runs on
 * the event loop a slice of samples at a time, and no side needs the worker (bench:scale,
 * docs/design-decisions.md "Work off the event loop").
 */
import zlib from 'zlib';
import { promisify } from 'util';
import {
  PackedSamples,
  packSamplesInSlices,
} from '../prometheus/packedSamples';
import { PackedSampleList } from '../sampleList';
import { TrafficSnapshot } from '../types';
import type { ModelEntry } from './modelEntry';

const gzip = promisify(zlib.gzip);
const gunzip = promisify(zlib.gunzip);

/**
 * The format of {@link PackedEntry}; part of the cache key (./TrafficModel), so that replicas of
 * different versions never read each other's entries.
 */
export const ENTRY_FORMAT = 4;

export interface PackedEntry {
  format: typeof ENTRY_FORMAT;
  /** The frame, gzipped, base64. */
  packed: string;
}

interface FrameHeader {
  entry: Omit<ModelEntry, 'snapshot'>;
  parts: {
    name: string;
    strings: string[];
    labels: number;
    /** The width of a label index: 2 or 4 bytes (../prometheus/packedSamples). */
    labelBytes: number;
    values: number;
  }[];
}

/** Reads a frame front to back; a read past its end throws. */
class FrameReader {
  private at = 0;

  constructor(private readonly frame: Buffer) {}

  uint32(): number {
    return this.bytes(4).readUInt32LE(0);
  }

  bytes(length: number): Buffer {
    if (this.at + length > this.frame.length)
      throw new Error('model entry: frame shorter than its header says');
    const bytes = this.frame.subarray(this.at, this.at + length);
    this.at += length;
    return bytes;
  }

  atEnd(): boolean {
    return this.at === this.frame.length;
  }
}

export async function packEntry(entry: ModelEntry): Promise<PackedEntry> {
  const { snapshot, ...rest } = entry;
  const header: FrameHeader = { entry: rest, parts: [] };
  const arrays: Uint8Array[] = [];
  for (const [name, samples] of Object.entries(snapshot)) {
    const { strings, labels, values } = await packSamplesInSlices(samples);
    header.parts.push({
      name,
      strings,
      labels: labels.length,
      labelBytes: labels.BYTES_PER_ELEMENT,
      values: values.length,
    });
    arrays.push(bytesOf(labels), bytesOf(values));
  }
  const headerBytes = Buffer.from(JSON.stringify(header));
  const length = Buffer.alloc(4);
  length.writeUInt32LE(headerBytes.length);
  const gz = await gzip(Buffer.concat([length, headerBytes, ...arrays]), {
    level: 1,
  });
  return { format: ENTRY_FORMAT, packed: gz.toString('base64') };
}

/**
 * The entry of a {@link PackedEntry}; undefined for anything else. A damaged frame throws (the
 * caller says so and reads the cache again later: ./TrafficModel sync).
 */
export async function unpackEntry(
  value: unknown,
): Promise<ModelEntry | undefined> {
  if (!isPackedEntry(value)) return undefined;
  const frame = await gunzip(Buffer.from(value.packed, 'base64'));
  const reader = new FrameReader(frame);
  const header: FrameHeader = JSON.parse(
    reader.bytes(reader.uint32()).toString('utf8'),
  );
  const snapshot: Record<string, unknown> = {};
  for (const part of header.parts) {
    // The bytes are taken before the arrays are made: a header cannot make this allocate more
    // than the frame holds.
    const width = part.labelBytes;
    if (width !== 2 && width !== 4)
      throw new Error('model entry: a part of its header is not a width');
    const labels = reader.bytes(width * count(part.labels));
    const values = reader.bytes(8 * count(part.values));
    const packed: PackedSamples = {
      strings: part.strings,
      labels:
        width === 2
          ? new Uint16Array(labels.length / 2)
          : new Uint32Array(labels.length / 4),
      values: new Float64Array(values.length / 8),
    };
    bytesOf(packed.labels).set(labels);
    bytesOf(packed.values).set(values);
    snapshot[part.name] = new PackedSampleList(packed);
  }
  if (!reader.atEnd()) throw new Error('model entry: bytes after its parts');
  return { ...header.entry, snapshot: snapshot as unknown as TrafficSnapshot };
}

/** An array length from a header. */
function count(value: unknown): number {
  if (!Number.isSafeInteger(value) || (value as number) < 0)
    throw new Error('model entry: a part of its header is not a length');
  return value as number;
}

function isPackedEntry(value: unknown): value is PackedEntry {
  return (
    !!value &&
    typeof value === 'object' &&
    (value as PackedEntry).format === ENTRY_FORMAT &&
    typeof (value as PackedEntry).packed === 'string'
  );
}

function bytesOf(array: ArrayBufferView): Uint8Array {
  return new Uint8Array(array.buffer, array.byteOffset, array.byteLength);
}
