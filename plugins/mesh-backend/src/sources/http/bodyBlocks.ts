/*
 * A response body kept as it arrives, copied chunk by chunk into blocks of memory of its own: on
 * this machine's VM, first touching fresh memory runs at ~350 MB/s, so joining a 60 MB body at the
 * end (Buffer.concat) held the event loop ~0.4 s; copied as chunks arrive, the same cost is spread
 * over many short tasks. Large bodies are then moved to the worker thread block by block
 * (../prometheus/vectorDecoder), never joined here.
 */
/** Where a response body goes as it arrives (./httpJson fetchBytes). */
export interface BodySink {
  /** Takes `chunk`; a promise when the sink wants no more until it resolves (./httpJson waits). */
  append(chunk: Uint8Array): Promise<void> | void;
  /** The most bytes this sink accepts, when not the source's `maxResponseBytes` (./httpJson). */
  readonly maxBytes?: number;
  /** The text of what is kept of the body. */
  toString(): string;
  /** The body will not arrive whole (cut off, over the limit): drop what was started with it. */
  abort?(): void;
}

const FIRST_BLOCK_BYTES = 64 * 1024;
const MAX_BLOCK_BYTES = 4 * 1024 * 1024;

export class BodyBlocks implements BodySink {
  private readonly blocks: Uint8Array[] = [];
  /** Bytes used in the last block. */
  private used = 0;
  length = 0;

  /** `firstBlockBytes`: the size of the first block (the next ones double, up to 4 MB). */
  constructor(private readonly firstBlockBytes = FIRST_BLOCK_BYTES) {}

  append(chunk: Uint8Array): void {
    let offset = 0;
    while (offset < chunk.length) {
      let last = this.blocks[this.blocks.length - 1];
      if (!last || this.used === last.length) {
        const size = last
          ? Math.min(2 * last.length, MAX_BLOCK_BYTES)
          : this.firstBlockBytes;
        last = new Uint8Array(size);
        this.blocks.push(last);
        this.used = 0;
      }
      const n = Math.min(chunk.length - offset, last.length - this.used);
      last.set(chunk.subarray(offset, offset + n), this.used);
      this.used += n;
      offset += n;
      this.length += n;
    }
  }

  /** The filled part of each block, in order (views of the blocks). */
  parts(): Uint8Array[] {
    const last = this.blocks.length - 1;
    return this.blocks.map((b, i) =>
      i === last ? b.subarray(0, this.used) : b,
    );
  }

  toString(): string {
    return textOf(this.parts());
  }
}

/**
 * The UTF-8 text of bytes given in parts, decoded part by part (no joined copy of the bytes; a
 * character cut between two parts is kept whole). As `Buffer#toString`: a BOM is kept, invalid
 * bytes become U+FFFD.
 */
export function textOf(parts: Uint8Array[]): string {
  const decoder = new TextDecoder('utf-8', { ignoreBOM: true });
  return (
    parts.map(p => decoder.decode(p, { stream: true })).join('') +
    decoder.decode()
  );
}
