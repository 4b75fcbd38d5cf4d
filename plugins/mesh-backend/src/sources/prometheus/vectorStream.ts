/*
 * A Prometheus instant-vector answer decoded as its bytes arrive (on the worker thread:
 * ../workerThread, ./vectorDecoder). At 5,000 workloads / 25,000 edges a model refresh's latency
 * read answers ~300 MB of JSON (~20 bucket series per edge and reporter: docs/design-decisions.md,
 * "Latency quantiles"). Parsed whole, that answer had to be held whole (so the 64 MiB default
 * limit split every refresh into 9 reads) and became a text and a tree of every bucket's labels
 * on the worker's heap. Here each result item is parsed on its own as soon as its bytes are in
 * and handed to a sink at once (its labels packed, or its bucket added to its histogram), so what
 * is held is what is kept. The envelope around the result list (status, resultType, warnings) is
 * parsed at the end from the bytes before and after the list: the answer is accepted on the same
 * terms as ./decodeVector's, except that a result item which is not an object (no store writes
 * one) refuses it.
 */
import { Histograms } from '../../telemetry/promFunctions';
import { sampleOf, vectorWarnings, type VectorReduce } from './decodeVector';
import { PackedSamples, packSamples, SamplePacker } from './packedSamples';

/** Where decoded samples go, one at a time. */
interface SampleSink {
  add(labels: Record<string, string>, value: number): void;
}

/** Bytes the envelope may take before and after the result list (a few hundred in practice). */
const MAX_ENVELOPE_BYTES = 1024 * 1024;
const RESULT_LIST = /"result"\s*:\s*\[/;
/** Bytes of a chunk tried for the end of an item cut before it (items are ~0.5 kB). */
const STITCH_BYTES = 64 * 1024;

const [QUOTE, BACKSLASH, COMMA] = [0x22, 0x5c, 0x2c];
const [OPEN_BRACE, CLOSE_BRACE, OPEN_BRACKET, CLOSE_BRACKET] = [
  0x7b, 0x7d, 0x5b, 0x5d,
];
const isSpace = (c: number) =>
  c === 0x20 || c === 0x0a || c === 0x0d || c === 0x09;

/** The index after the object starting at `at` closes, or -1 when its end has not arrived. */
function objectEnd(bytes: Buffer, at: number): number {
  let depth = 0;
  let inString = false;
  for (let i = at; i < bytes.length; i++) {
    const c = bytes[i];
    if (inString) {
      if (c === BACKSLASH) i++;
      else if (c === QUOTE) inString = false;
    } else if (c === QUOTE) inString = true;
    else if (c === OPEN_BRACE || c === OPEN_BRACKET) depth++;
    else if ((c === CLOSE_BRACE || c === CLOSE_BRACKET) && --depth === 0)
      return i + 1;
  }
  return -1;
}

export class VectorStream {
  private phase: 'head' | 'items' | 'tail' = 'head';
  /** Bytes received but not consumed yet: the envelope's start, or an item cut between chunks. */
  private pending: Buffer = Buffer.alloc(0);
  private head = '';
  private readonly tail: Buffer[] = [];
  private tailBytes = 0;
  private failed = false;

  constructor(private readonly sink: SampleSink) {}

  push(chunk: Uint8Array): void {
    if (this.failed) return;
    const piece = Buffer.from(chunk.buffer, chunk.byteOffset, chunk.length);
    const bytes = this.pending.length ? this.joined(piece) : piece;
    let at = 0;
    if (this.phase === 'head') {
      // latin1: one character per byte, so the match's index is a byte offset.
      const found = RESULT_LIST.exec(bytes.toString('latin1'));
      if (!found) {
        this.pending = bytes;
        this.failed = bytes.length > MAX_ENVELOPE_BYTES;
        return;
      }
      at = found.index + found[0].length;
      this.head = bytes.toString('utf8', 0, at - 1);
      this.phase = 'items';
    }
    if (this.phase === 'items') at = this.items(bytes, at);
    if (this.phase === 'tail') {
      this.tail.push(Buffer.from(bytes.subarray(at)));
      this.tailBytes += bytes.length - at;
      this.failed = this.tailBytes > MAX_ENVELOPE_BYTES;
      this.pending = Buffer.alloc(0);
    } else this.pending = bytes.subarray(at);
  }

  /**
   * The pending bytes followed by `next`. An item cut between chunks is completed from the start
   * of `next` and handed on, so that the rest of `next` is read where it is, not copied (every
   * chunk but the first would otherwise be copied once).
   */
  private joined(next: Buffer): Buffer {
    if (this.phase === 'items') {
      const cut = this.pending.length;
      const start = Buffer.concat([
        this.pending,
        next.subarray(0, STITCH_BYTES),
      ]);
      const end = objectEnd(start, 0);
      if (end > 0) {
        this.item(start.toString('utf8', 0, end));
        this.pending = Buffer.alloc(0);
        return next.subarray(end - cut);
      }
    }
    return Buffer.concat([this.pending, next]);
  }

  /** The answer's warnings, or undefined when the bytes were not a successful vector answer. */
  end(): { warnings: string[] } | undefined {
    if (this.failed || this.phase !== 'tail') return undefined;
    let envelope: any;
    try {
      envelope = JSON.parse(
        `${this.head}[]${Buffer.concat(this.tail).toString('utf8')}`,
      );
    } catch {
      return undefined;
    }
    const warnings = vectorWarnings(envelope);
    return warnings && { warnings };
  }

  /** Hands every complete item from `at` to the sink; returns where the unconsumed bytes start. */
  private items(bytes: Buffer, from: number): number {
    let at = from;
    while (at < bytes.length) {
      const c = bytes[at];
      if (c === COMMA || isSpace(c)) at++;
      else if (c === CLOSE_BRACKET) {
        this.phase = 'tail';
        return at + 1;
      } else if (c !== OPEN_BRACE) {
        this.failed = true;
        return bytes.length;
      } else {
        const end = objectEnd(bytes, at);
        if (end < 0) return at;
        this.item(bytes.toString('utf8', at, end));
        at = end;
      }
    }
    return at;
  }

  private item(text: string) {
    let r: any;
    try {
      r = JSON.parse(text);
    } catch {
      this.failed = true;
      return;
    }
    const sample = sampleOf(r);
    if (sample) this.sink.add(sample.labels, sample.value);
  }
}

/**
 * A streamed answer reduced as ./decodeVector reduces a whole one, packed for the event loop
 * (./packedSamples): `samples` packs each as it comes; `histogramQuantiles` keeps one histogram
 * per label set and packs the quantiles at the end.
 */
export class ReducedVectorStream {
  private readonly packer = new SamplePacker();
  private readonly histograms = new Histograms();
  private readonly stream: VectorStream;

  constructor(private readonly reduce: VectorReduce) {
    this.stream = new VectorStream(
      reduce === 'histogramQuantiles' ? this.histograms : this.packer,
    );
  }

  push(chunk: Uint8Array): void {
    this.stream.push(chunk);
  }

  end():
    | { ok: true; packed: PackedSamples; warnings: string[] }
    | { ok: false } {
    const envelope = this.stream.end();
    if (!envelope) return { ok: false };
    const packed =
      this.reduce === 'histogramQuantiles'
        ? packSamples(this.histograms.quantiles())
        : this.packer.packed();
    return { ok: true, packed, warnings: envelope.warnings };
  }
}
