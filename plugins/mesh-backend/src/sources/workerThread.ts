/*
 * One worker thread for the process, for work that would hold the event loop for seconds at
 * 5,000 workloads (issue 15): decoding large Prometheus answers as they arrive
 * (./prometheus/vectorDecoder), and sending and reading the mesh model's large reads itself
 * (./prometheus/fetchVectorJob). Jobs run one after the other; their data is moved (transferred),
 * not copied. Started on first use, never keeping the process alive, and stopped after
 * {@link IDLE_MS} without work, or once its jobs are answered when it has grown past
 * {@link RETIRE_HEAP_BYTES}: decoding a refresh's answers grows its heap by ~100 MB at 5,000
 * workloads, which it would otherwise hold until its next jobs (a new worker starts in ~0.1 s, off
 * the event loop). This module is also the worker's script: it is emitted with the package, and in
 * development loads TypeScript through the backend's own loader. A worker that cannot start makes
 * callers do the work themselves; one that dies rejects its jobs.
 */
import { isMainThread, Worker, workerData } from 'worker_threads';
import type { FetchedVector } from './prometheus/fetchVectorJob';
import { InFlight, MAX_BLOCKS_IN_FLIGHT } from './workerInFlight';
import {
  AnswerMessage,
  Job,
  JobMessage,
  serveJobs,
  StreamedJob,
} from './workerJobs';

export { MAX_BLOCKS_IN_FLIGHT };
export type { Job, StreamedJob };

const WORKER_MARK = 'mesh-worker-thread';

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
 * The heap (V8's committed pages) from which a worker takes no new jobs: it stops once its jobs
 * are answered, and the next job starts a new one. A worker that sends the model's reads itself
 * always has some waiting for Prometheus (20–35 s per window at 5,000 workloads; the next
 * window's reads are sent as soon as the last one's are in), so it was never idle: it held the
 * ~115 MB a large decode grew through the next window's evaluation, and the next (issue 15:
 * `rssMB` 1,117 against 983 before worker-sent reads). A small decode stays under this.
 */
export const RETIRE_HEAP_BYTES = 64 * 1024 * 1024;

interface PendingJob {
  worker: Worker;
  resolve: (result: any) => void;
  reject: (e: Error) => void;
}

export class WorkerThread {
  /** The worker that takes new jobs (others, retiring, stop once their jobs are answered). */
  private worker?: Worker;
  private broken = false;
  private idleTimer?: NodeJS.Timeout;
  private nextId = 0;
  private readonly pending = new Map<number, PendingJob>();
  private readonly inFlight = new Map<number, InFlight>();
  /** Jobs done on the worker (tests and benchmarks read it). */
  done = 0;
  /** Workers started so far. */
  starts = 0;

  constructor(
    private readonly idleMs = IDLE_MS,
    private readonly retireHeapBytes = RETIRE_HEAP_BYTES,
  ) {}

  /** Whether a worker taking jobs runs now. */
  get running(): boolean {
    return !!this.worker;
  }

  /** Workers running now: the one taking jobs and those retiring, which still have jobs. */
  get alive(): number {
    const workers = new Set([...this.pending.values()].map(j => j.worker));
    if (this.worker) workers.add(this.worker);
    return workers.size;
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

  private jobsOn(worker: Worker): number {
    let jobs = 0;
    for (const job of this.pending.values()) if (job.worker === worker) jobs++;
    return jobs;
  }

  /** A job's answer to come: the worker stays (and keeps the process up) until it is given. */
  private pendingAnswer<T>(worker: Worker, id: number): Promise<T> {
    clearTimeout(this.idleTimer);
    const answer = new Promise<T>((resolve, reject) =>
      this.pending.set(id, { worker, resolve, reject }),
    );
    if (this.jobsOn(worker) === 1) worker.ref();
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

  /**
   * After a job's answer (or abort): a worker without jobs no longer keeps the process up; a
   * retiring one stops, the one taking jobs stops when idle.
   */
  private settled(worker: Worker) {
    if (this.jobsOn(worker) > 0) return;
    worker.unref();
    if (worker === this.worker) this.retireWhenIdle(worker);
    else this.stop(worker);
  }

  private stop(worker: Worker) {
    worker.terminate().catch(() => undefined);
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
      worker.on('message', message => this.answered(worker, message));
      let answered = false;
      worker.once('message', () => (answered = true));
      const fail = (error: Error) => {
        if (this.worker === worker) {
          this.worker = undefined;
          // One that never answered cannot load here: callers do the work themselves from now on.
          if (!answered) this.broken = true;
        }
        // Its jobs reject; their bodies read on. (A stopped worker's exit finds none.)
        for (const [id, job] of this.pending)
          if (job.worker === worker) {
            this.pending.delete(id);
            this.release(id);
            job.reject(error);
          }
      };
      worker.on('error', fail);
      worker.on('exit', code => fail(new Error(`worker exited (${code})`)));
      this.worker = worker;
    } catch {
      this.broken = true;
    }
    return this.worker;
  }

  private answered(worker: Worker, message: AnswerMessage) {
    const { id } = message;
    if ('pulled' in message) {
      this.inFlight.get(id)?.pulled();
      return;
    }
    const { result, error, heapBytes } = message;
    this.release(id);
    const job = this.pending.get(id);
    this.pending.delete(id);
    // Retiring: it takes no new job, and stops once it has none (settled).
    if (heapBytes > this.retireHeapBytes && worker === this.worker)
      this.worker = undefined;
    this.settled(worker);
    this.done++;
    if (error) job?.reject(new Error(error));
    else job?.resolve(result);
  }

  /** Stops the worker when no job came for `idleMs`; the next job starts a new one. */
  private retireWhenIdle(worker: Worker) {
    clearTimeout(this.idleTimer);
    this.idleTimer = setTimeout(() => {
      if (this.worker !== worker || this.jobsOn(worker) > 0) return;
      this.worker = undefined;
      this.stop(worker);
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
