/*
 * A mesh-wide instant query sent and read by the worker thread itself (issue 15; ../workerThread).
 * When the answer streams to the worker through the event loop (./vectorDecoder), the event loop
 * still reads every byte of it from the socket — gunzips it, hands it through fetch's stream and
 * moves it on in blocks: `npm run bench:decode` measured 1.4 s of event-loop time for the
 * ~300 MB latency answer at 25,000 edges (0.8 s uncompressed), every refresh, while requests
 * wait. Sent from the worker, the answer never reaches the event loop: only the request (its
 * URL, headers with any credentials, body, TLS settings) goes there and the packed samples come
 * back. The request is read as on the event loop (../http/httpJson fetchBytes: the same timeout,
 * size limits, TLS diagnosis and messages); what fails comes back as the error's type and
 * message, for the caller to raise as its own error class.
 */
import { MeshSourceErrorType } from '@mesh-portal/plugin-mesh-common';
import type { Dispatcher } from 'undici';
import { BodyBlocks, BodySink } from '../http/bodyBlocks';
import { BodyGuard, fetchBytes } from '../http/httpJson';
import { storeDispatcher } from '../http/storeTls';
import type { VectorReduce } from './decodeVector';
import type { PackedSamples } from './packedSamples';
import { ReducedVectorStream } from './vectorStream';

/** What the event loop sends: the request as it would send it, and how to read the answer. */
export interface FetchVectorJob {
  kind: 'fetchVector';
  url: string;
  init: { method: string; headers: Record<string, string>; body: string };
  /** The guard's plain parts (its error maker stays with the caller). */
  guard: Omit<BodyGuard, 'makeError'>;
  reduce: VectorReduce;
  /** The most bytes a successful answer may have (the streamed limit, ./vectorDecoder). */
  maxVectorBytes: number;
  /** A successful answer this small is sent back as text too when it is not a vector. */
  keptBytes: number;
}

/** What the worker answers. */
export type FetchedVector =
  | {
      ok: true;
      status: number;
      packed: PackedSamples;
      warnings: string[];
      /** Whether the answer was over `keptBytes` (the next read of it goes to the worker again). */
      large: boolean;
    }
  /** A successful status whose body is no vector; `text` when it was small enough to keep. */
  | { ok: true; status: number; notVector: true; text?: string }
  /** An error status, with the body's text (bounded by the guard's limit). */
  | { ok: false; status: number; text: string }
  /** The request failed (unreachable, timeout, TLS, size): the error the caller raises. */
  | {
      failure: { type: MeshSourceErrorType; message: string; status?: number };
    };

class SourceFailure extends Error {
  constructor(
    readonly type: MeshSourceErrorType,
    message: string,
    readonly status?: number,
  ) {
    super(message);
  }
}

/** A successful answer decoded as it arrives; its first bytes kept, for an answer that is not a vector. */
class DecodingSink implements BodySink {
  readonly stream: ReducedVectorStream;
  private kept? = new BodyBlocks();

  constructor(
    reduce: VectorReduce,
    readonly maxBytes: number,
    private readonly keptBytes: number,
  ) {
    this.stream = new ReducedVectorStream(reduce);
  }

  append(chunk: Uint8Array): void {
    this.stream.push(chunk);
    if (!this.kept) return;
    if (this.kept.length + chunk.length > this.keptBytes) this.kept = undefined;
    else this.kept.append(chunk);
  }

  /** Whether the body outgrew what is kept of it. */
  get large(): boolean {
    return !this.kept;
  }

  /** The whole body, when it was small enough to keep. */
  keptText(): string | undefined {
    return this.kept?.toString();
  }

  toString(): string {
    return this.keptText() ?? '';
  }
}

/** One dispatcher per TLS setting, so the worker keeps its connections to a store between reads. */
const dispatchers = new Map<string, Dispatcher | undefined>();
function dispatcherFor(tls: FetchVectorJob['guard']['tls']) {
  const key = JSON.stringify(tls ?? null);
  if (!dispatchers.has(key)) dispatchers.set(key, storeDispatcher(tls));
  return dispatchers.get(key);
}

/** Runs on the worker thread. */
export async function fetchVector(job: FetchVectorJob): Promise<FetchedVector> {
  const guard: BodyGuard = {
    ...job.guard,
    makeError: (type, message, status) =>
      new SourceFailure(type, message, status),
  };
  let sink: DecodingSink | undefined;
  try {
    const { status, ok, body } = await fetchBytes(
      job.url,
      { ...job.init, dispatcher: dispatcherFor(job.guard.tls) },
      guard,
      response =>
        response.ok
          ? (sink = new DecodingSink(
              job.reduce,
              job.maxVectorBytes,
              job.keptBytes,
            ))
          : undefined,
    );
    if (!ok || !sink) return { ok: false, status, text: body.toString() };
    const decoded = sink.stream.end();
    if (!decoded.ok)
      return { ok: true, status, notVector: true, text: sink.keptText() };
    const { packed, warnings } = decoded;
    return { ok: true, status, packed, warnings, large: sink.large };
  } catch (error) {
    if (!(error instanceof SourceFailure)) throw error;
    const { type, message, status } = error;
    return { failure: { type, message, status } };
  }
}
