/*
 * One gzip stream (RFC 1952) made of segments compressed separately, so that a segment shared by
 * many responses (./sharedJson) is compressed once: each segment is raw DEFLATE ended by a sync
 * flush (RFC 1951: byte-aligned, never the final block) and refers to nothing before it, so the
 * segments' blocks concatenate into one valid DEFLATE stream (as pigz builds its output); then an
 * empty final block and the trailer (the CRC-32 and the size of the whole text). The only loss is
 * that no match spans two segments. A large segment's CRC-32 is kept with it too and combined with
 * the others' (./crc32Combine): computed over the whole text for each response, the CRC of the
 * overview's 8 MB took ~0.3 s of every minute of the event loop with 50 users (bench:scale
 * profile, 2026-12-04); compressing those 8 MB costs ~15 ms, once.
 */
import { Response } from 'express';
import { promisify } from 'util';
import { constants, crc32, deflateRaw, deflateRawSync } from 'zlib';
import { crc32Combine } from './crc32Combine';

const deflateRawOnPool = promisify(deflateRaw);

/**
 * A piece of a response's JSON; `deflated` is kept on segments shared by many responses, and
 * compressed on libuv's pool (the overview's 8 MB held the event loop as long as its JSON did).
 */
export interface Segment {
  json: Buffer;
  deflated?: Promise<Buffer>;
  crc?: number;
}

/** Segments from this size on keep their CRC; smaller ones cost less to run through than to combine. */
const KEPT_CRC_BYTES = 64 * 1024;

/** Member header: DEFLATE, no flags, no time, no extra flags, unknown OS. */
const HEADER = Buffer.from([0x1f, 0x8b, 8, 0, 0, 0, 0, 0, 0, 0xff]);
/** An empty final block (what a DEFLATE stream of nothing is). */
const FINAL_BLOCK = deflateRawSync(Buffer.alloc(0));

const deflated = (segment: Segment): Promise<Buffer> => {
  if (!segment.deflated) {
    const made = deflateRawOnPool(segment.json, {
      finishFlush: constants.Z_SYNC_FLUSH,
    });
    segment.deflated = made;
    // A failure is not kept on a shared segment: the next response compresses it again.
    made.catch(() => {
      if (segment.deflated === made) segment.deflated = undefined;
    });
  }
  return segment.deflated;
};

/** The gzip stream of the segments' text, as buffers to write in order. */
export async function gzipSegments(segments: Segment[]): Promise<Buffer[]> {
  const blocks = await Promise.all(segments.map(deflated));
  let crc = 0;
  let size = 0;
  for (const segment of segments) {
    const { json } = segment;
    size += json.length;
    if (json.length < KEPT_CRC_BYTES) crc = crc32(json, crc);
    else crc = crc32Combine(crc, (segment.crc ??= crc32(json)), json.length);
  }
  const trailer = Buffer.alloc(8);
  trailer.writeUInt32LE(crc >>> 0, 0);
  trailer.writeUInt32LE(size % 2 ** 32, 4);
  return [HEADER, ...blocks, FINAL_BLOCK, trailer];
}

/** Writes the segments gzipped, with the headers that say so. */
export async function writeGzipped(
  res: Response,
  segments: Segment[],
): Promise<void> {
  const buffers = await gzipSegments(segments);
  res.setHeader('Content-Encoding', 'gzip');
  res.setHeader(
    'Content-Length',
    buffers.reduce((n, b) => n + b.length, 0),
  );
  for (const buffer of buffers) res.write(buffer);
  res.end();
}
