/*
 * Large Prometheus answers decoded on the worker thread as they arrive (issue 15; ../workerThread,
 * ./vectorStream). A mesh model refresh at 5,000 workloads reads hundreds of MB of JSON per
 * latency query (the duration histogram's buckets: docs/design-decisions.md, "Latency
 * quantiles"); parsing that on the event loop held every request for seconds after each refresh,
 * and holding it whole took as much memory again. The body is kept here only while it is small;
 * past `offThreadBytes` its bytes are moved to the worker in blocks as they arrive, and the worker
 * keeps each series' labels and value (or reduces buckets to quantiles) and sends back only that,
 * each distinct string once (./packedSamples). Small answers, and any answer when no worker runs,
 * are decoded here.
 */
import { BodyBlocks, BodySink } from '../http/bodyBlocks';
import { StreamedJob, WorkerStream, workerThread } from '../workerThread';
import { DecodedVector, decodeVector, VectorReduce } from './decodeVector';
import { PackedSampleList, SampleList, sampleList } from '../sampleList';
import { PackedSamples, unpackSamples } from './packedSamples';

export type { DecodedVector, VectorReduce } from './decodeVector';
export { decodeVector } from './decodeVector';

/** Answers smaller than this are decoded where they arrive (a worker round trip costs more). */
export const OFF_THREAD_BYTES = 1024 * 1024;

/** Bytes moved to the worker per message once an answer streams there. */
const PUSH_BYTES = 1024 * 1024;

/**
 * The most bytes an instant answer may have when a worker decodes it: what may be decoded as it
 * arrives, unless the answer must be held whole anyway (the held limit is below where streaming
 * starts, so it is reached first).
 */
export function streamedLimit(limits: {
  held: number;
  streamed: number;
  offThreadBytes: number;
}): number {
  return limits.held >= limits.offThreadBytes ? limits.streamed : limits.held;
}

/** {@link DecodedVector} with the samples as a list (../sampleList). */
export type DecodedList =
  | { ok: true; samples: SampleList; warnings: string[] }
  | { ok: false; moved?: boolean };

type StreamedVector =
  | { ok: true; packed: PackedSamples; warnings: string[] }
  | { ok: false };

/** A successful answer's body as it arrives (../http/httpJson fetchBytes), decoded by {@link decoded}. */
export class VectorBody implements BodySink {
  /** The body while it is small (or no worker runs). */
  private kept = new BodyBlocks();
  private stream?: WorkerStream<StreamedVector>;
  /** Bytes on their way to the worker, in blocks of their own (moved there, not copied again). */
  private outgoing = new BodyBlocks(PUSH_BYTES);

  private readonly offThreadBytes: number;

  constructor(
    private readonly reduce: VectorReduce,
    /**
     * Where the body starts going to the worker (default {@link OFF_THREAD_BYTES}); the bytes
     * accepted when it is held here, and when it goes to the worker as it arrives.
     */
    private readonly limits: {
      offThreadBytes?: number;
      held?: number;
      streamed?: number;
    } = {},
  ) {
    this.offThreadBytes = limits.offThreadBytes ?? OFF_THREAD_BYTES;
  }

  /**
   * Held here, the body is bounded as any other; once it streams to the worker (from
   * `offThreadBytes` on, when a worker can run), by what the worker may decode.
   */
  get maxBytes(): number | undefined {
    const { held } = this.limits;
    if (held === undefined) return undefined;
    const streamed = this.limits.streamed ?? held;
    if (this.stream) return streamed;
    return workerThread.usable
      ? streamedLimit({ held, streamed, offThreadBytes: this.offThreadBytes })
      : held;
  }

  append(chunk: Uint8Array): Promise<void> | undefined {
    if (this.stream) {
      this.outgoing.append(chunk);
      return this.outgoing.length >= PUSH_BYTES
        ? this.moveOutgoing()
        : undefined;
    }
    this.kept.append(chunk);
    if (this.kept.length < this.offThreadBytes) return undefined;
    const job: StreamedJob = { kind: 'decodeVector', reduce: this.reduce };
    this.stream = workerThread.stream<StreamedVector>(job);
    if (!this.stream) return undefined;
    // The kept blocks are moved as they are: nothing here reads them any more.
    [this.outgoing, this.kept] = [this.kept, new BodyBlocks()];
    return this.moveOutgoing();
  }

  /** The body did not arrive whole: the worker drops what it decoded. */
  abort(): void {
    this.stream?.abort();
  }

  /** Whether the bytes went to the worker (none are left here to read an error from). */
  get moved(): boolean {
    return !!this.stream;
  }

  toString(): string {
    return this.kept.toString();
  }

  /** The samples as objects (rebuilt a slice at a time when the worker decoded them). */
  async decoded(): Promise<DecodedVector> {
    const decoded = await this.decodedAsIs();
    if (!decoded.ok || !('packed' in decoded)) return decoded;
    const { packed, warnings } = decoded;
    return { ok: true, samples: await unpackSamples(packed), warnings };
  }

  /**
   * The samples as a list (../sampleList): as the worker packed them, never made as objects
   * unless read — what the mesh model keeps.
   */
  async decodedList(): Promise<DecodedList> {
    const decoded = await this.decodedAsIs();
    if (!decoded.ok) return decoded;
    const { warnings } = decoded;
    return 'packed' in decoded
      ? { ok: true, samples: new PackedSampleList(decoded.packed), warnings }
      : { ok: true, samples: sampleList(decoded.samples), warnings };
  }

  private async decodedAsIs(): Promise<
    DecodedVector | { ok: true; packed: PackedSamples; warnings: string[] }
  > {
    if (!this.stream) return decodeVector(this.kept.toString(), this.reduce);
    await this.moveOutgoing();
    const decoded = await this.stream.end();
    if (!decoded.ok) return { ok: false, moved: true };
    return { ok: true, packed: decoded.packed, warnings: decoded.warnings };
  }

  /**
   * Moves the outgoing blocks to the worker (each block's filled part); a promise of when the
   * worker is ready for more, when it is behind (../workerThread MAX_BLOCKS_IN_FLIGHT).
   */
  private moveOutgoing(): Promise<void> | undefined {
    let wait: Promise<void> | undefined;
    for (const part of this.outgoing.parts())
      wait = this.stream!.push(part.buffer as ArrayBuffer, part.length) ?? wait;
    this.outgoing = new BodyBlocks(PUSH_BYTES);
    return wait;
  }
}
