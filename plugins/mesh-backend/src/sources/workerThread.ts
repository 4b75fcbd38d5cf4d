/*
 * One worker thread for the process, for work that would hold the event loop for seconds at
 * 5,000 workloads (issue 15): decoding large Prometheus answers as they arrive
 * (./prometheus/vectorDecoder), and sending and reading the mesh model's large reads itself
 * (./prometheus/fetchVectorJob). Jobs run one after the other; their data is moved (transferred),
 * not copied. Started on first use, never keeping the process alive, and stopped after
 * {@link IDLE_MS} without work: decoding a refresh's answers grows the worker's heap by hundreds
 * of MB (~350 MB of V8 pages beside the event loop's at 5,000 workloads), which it would otherwise
 * hold until the next read — Prometheus evaluates a window's queries for 20–35 s before their
 * answers arrive (a new worker starts in ~0.1 s, off the event loop). This module is also the worker's
 * script: it is emitted with the package, and in development loads TypeScript through the
 * backend's own loader. A worker that cannot start makes callers do the work themselves; one that
 * dies rejects its jobs.
 */
import { isMainThread, parentPort, Worker, workerData } from 'worker_threads';
import type { VectorReduce } from './prometheus/decodeVector';
import {
  fetchVector,
  FetchedVector,
  FetchVectorJob,
} from './prometheus/fetchVectorJob';
import { transferOf } from './prometheus/packedSamples';
import { ReducedVectorStream } from './prometheus/vectorStream';

/** A job whose input comes in pieces: a Prometheus answer decoded as it arrives. */
export type StreamedJob = { kind: 'decodeVector'; reduce: VectorReduce };

/** A job whose input is one message, answered once: a store read sent from the worker. */
export type Job = FetchVectorJob;

/** What the event loop posts: a job, or a streamed job's `open`, `push`es, then `end` or `abort`. */
type JobMessage =
  | { id: number; run: Job }
  | { id: number; stream: 'open'; job: StreamedJob }
  | { id: number; stream: 'push'; bytes: ArrayBuffer; length: number }
  | { id: number; stream: 'end' | 'abort' };

const WORKER_MARK = 'mesh-worker-thread';

/** The worker's side: the streamed jobs in progress, by id. */
function serveJobs() {
  const streams = new Map<number, ReducedVectorStream>();
  parentPort!.on('message', (message: JobMessage) => {
    const { id } = message;
    if ('run' in message) {
      fetchVector(message.run).then(
        result =>
          parentPort!.postMessage({ id, result }, transferOfAnswer(result)),
        error => parentPort!.postMessage({ id, error: String(error) }),
      );
    } else if (message.stream === 'open')
      streams.set(id, new ReducedVectorStream(message.job.reduce));
    else if (message.stream === 'push') {
      streams.get(id)?.push(new Uint8Array(message.bytes, 0, message.length));
      parentPort!.postMessage({ id, pulled: true });
    } else {
      const stream = streams.get(id);
      streams.delete(id);
      if (message.stream === 'end') {
        try {
          const result = stream!.end();
          const transfer = result.ok ? transferOf(result.packed) : [];
          parentPort!.postMessage({ id, result }, transfer);
        } catch (error) {
          parentPort!.postMessage({ id, error: String(error) });
        }
      }
    }
  });
}

/** The buffers of a fetched answer's samples, moved rather than copied. */
function transferOfAnswer(result: FetchedVector): ArrayBuffer[] {
  return 'packed' in result ? transferOf(result.packed) : [];
}

if (!isMainThread && workerData === WORKER_MARK) serveJobs();

/** A streamed job as the event loop feeds it (see {@link WorkerThread.stream}). */
export interface WorkerStream<T> {
  /**
   * Moves the first `length` bytes of `bytes` to the job. With {@link MAX_BLOCKS_IN_FLIGHT}
   * blocks not yet read by the worker, answers a promise of when fewer are: the caller waits for
   * it before it pushes more (it pauses reading the body).
   */
  push(bytes: ArrayBuffer, length: number): Promise<void> | undefined;
  /** No more input: the job's answer. */
  end(): Promise<T>;
  /** The input will not be complete: the job is dropped unanswered. */
  abort(): void;
}

/** How long a worker without jobs is kept: the answers of one window read arrive within it. */
export const IDLE_MS = 2_000;

/**
 * Blocks a stream may have on their way to the worker. Unbounded, a body arriving faster than the
 * worker reads it (it reads one stream at a time, and a refresh streams several answers at once)
 * piles up as blocks the worker has yet to read, in memory outside V8's heap that the allocator
 * keeps once it has grown.
 */
export const MAX_BLOCKS_IN_FLIGHT = 8;

/** A stream's blocks not yet read by the worker, and who waits for fewer. */
class InFlight {
  blocks = 0;
  private waiting?: Promise<void>;
  private wake?: () => void;

  /** One more block moved; a promise of fewer when the worker is {@link MAX_BLOCKS_IN_FLIGHT} behind. */
  pushed(): Promise<void> | undefined {
    if (++this.blocks < MAX_BLOCKS_IN_FLIGHT) return this.waiting;
    this.waiting ??= new Promise<void>(resolve => (this.wake = resolve));
    return this.waiting;
  }

  /**
   * The worker read one; whoever waits goes on once it has read half of what was waiting (not at
   * every block). `all`: the stream is over, nobody waits on it any more.
   */
  pulled(all = false) {
    if (--this.blocks > MAX_BLOCKS_IN_FLIGHT / 2 && !all) return;
    this.wake?.();
    this.waiting = this.wake = undefined;
  }
}

export class WorkerThread {
  private worker?: Worker;
  private broken = false;
  private idleTimer?: NodeJS.Timeout;
  private nextId = 0;
  private readonly pending = new Map<
    number,
    { resolve: (result: any) => void; reject: (e: Error) => void }
  >();
  private readonly inFlight = new Map<number, InFlight>();
  /** Jobs done on the worker (tests and benchmarks read it). */
  done = 0;
  /** Workers started so far. */
  starts = 0;

  constructor(private readonly idleMs = IDLE_MS) {}

  /** Whether a worker runs now. */
  get running(): boolean {
    return !!this.worker;
  }

  /** Whether a worker runs or may be started (none failed to start), without starting one. */
  get usable(): boolean {
    return !this.broken;
  }

  /**
   * Runs a job on the worker: its answer, or undefined when no worker runs (the caller does the
   * work itself). A worker that dies meanwhile rejects it.
   */
  run(job: Job): Promise<FetchedVector> | undefined {
    const worker = this.started();
    if (!worker) return undefined;
    const id = this.nextId++;
    const answer = this.pendingAnswer<FetchedVector>(worker, id);
    worker.postMessage({ id, run: job } satisfies JobMessage);
    return answer;
  }

  /** A job's answer to come: the worker stays (and keeps the process up) until it is given. */
  private pendingAnswer<T>(worker: Worker, id: number): Promise<T> {
    clearTimeout(this.idleTimer);
    const answer = new Promise<T>((resolve, reject) =>
      this.pending.set(id, { resolve, reject }),
    );
    if (this.pending.size === 1) worker.ref();
    return answer;
  }

  /**
   * Starts a job whose input is pushed in pieces as it arrives; undefined when no worker runs (the
   * caller does the work itself). A worker that dies meanwhile rejects `end`.
   */
  stream<T>(job: StreamedJob): WorkerStream<T> | undefined {
    const worker = this.started();
    if (!worker) return undefined;
    const id = this.nextId++;
    const answer = this.pendingAnswer<T>(worker, id);
    // Not every stream is asked for its answer (an aborted one); a failure is told by `end`.
    answer.catch(() => undefined);
    worker.postMessage({ id, stream: 'open', job } satisfies JobMessage);
    const inFlight = new InFlight();
    this.inFlight.set(id, inFlight);
    return {
      push: (bytes, length) => {
        worker.postMessage(
          { id, stream: 'push', bytes, length } satisfies JobMessage,
          [bytes],
        );
        return inFlight.pushed();
      },
      end: () => {
        worker.postMessage({ id, stream: 'end' } satisfies JobMessage);
        return answer;
      },
      abort: () => {
        this.release(id);
        if (!this.pending.delete(id)) return;
        worker.postMessage({ id, stream: 'abort' } satisfies JobMessage);
        this.settled(worker);
      },
    };
  }

  /** A stream is over (answered, dropped, or its worker gone): whoever waits on it goes on. */
  private release(id: number) {
    this.inFlight.get(id)?.pulled(true);
    this.inFlight.delete(id);
  }

  /** After a job's answer (or abort): an idle worker no longer keeps the process up, and retires. */
  private settled(worker: Worker) {
    if (this.pending.size > 0) return;
    worker.unref();
    this.retireWhenIdle(worker);
  }

  private started(): Worker | undefined {
    if (this.worker || this.broken) return this.worker;
    try {
      const worker = new Worker(__filename, {
        workerData: WORKER_MARK,
        execArgv: typeScriptLoader(),
      });
      worker.unref();
      this.starts++;
      worker.on('message', ({ id, result, error, pulled }) => {
        if (pulled) {
          this.inFlight.get(id)?.pulled();
          return;
        }
        this.release(id);
        const job = this.pending.get(id);
        this.pending.delete(id);
        this.settled(worker);
        this.done++;
        if (error) job?.reject(new Error(error));
        else job?.resolve(result);
      });
      let answered = false;
      worker.once('message', () => (answered = true));
      const fail = (error: Error) => {
        // A retired worker's exit (see retireWhenIdle) concerns nobody.
        if (this.worker !== worker) return;
        this.worker = undefined;
        // One that never answered cannot load here: callers do the work themselves from now on.
        if (!answered) this.broken = true;
        for (const job of this.pending.values()) job.reject(error);
        this.pending.clear();
        // Their bodies read on; their ends reject.
        for (const id of [...this.inFlight.keys()]) this.release(id);
      };
      worker.on('error', fail);
      worker.on('exit', code => fail(new Error(`worker exited (${code})`)));
      this.worker = worker;
    } catch {
      this.broken = true;
    }
    return this.worker;
  }

  /** Stops the worker when no job came for `idleMs`; the next job starts a new one. */
  private retireWhenIdle(worker: Worker) {
    clearTimeout(this.idleTimer);
    this.idleTimer = setTimeout(() => {
      if (this.worker !== worker || this.pending.size > 0) return;
      this.worker = undefined;
      worker.terminate().catch(() => undefined);
    }, this.idleMs);
    this.idleTimer.unref();
  }
}

/** In development and tests this file is TypeScript: the worker loads it as the backend does. */
function typeScriptLoader(): string[] | undefined {
  if (!__filename.endsWith('.ts')) return undefined;
  try {
    return ['-r', require.resolve('@backstage/cli/config/nodeTransform.cjs')];
  } catch {
    return undefined;
  }
}

export const workerThread = new WorkerThread();
