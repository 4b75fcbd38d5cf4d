/*
 * One worker thread for the process, for work that would hold the event loop for seconds at
 * 5,000 workloads (issue 15): decoding large Prometheus answers (./prometheus/vectorDecoder) and
 * packing a model snapshot for the shared cache (./model/packedEntry). Jobs run one after the
 * other; their data is moved (transferred), not copied, where it can be. Started on first use,
 * never keeping the process alive, and stopped after {@link IDLE_MS} without work: decoding a
 * 64 MB answer grows the worker's heap by hundreds of MB, which it would otherwise hold between
 * refreshes (a new one starts in ~0.1 s, off the event loop). This module is also the worker's
 * script: it is emitted with the package, and in development loads TypeScript through the
 * backend's own loader. A worker that cannot start makes callers do the work themselves; one that
 * dies rejects its jobs.
 */
import { isMainThread, parentPort, Worker, workerData } from 'worker_threads';
import { textOf } from './http/bodyBlocks';
import { packJson, SerializedPieces, unpackJson } from './model/entryCodec';
import { decodeVector, VectorReduce } from './prometheus/decodeVector';
import { packSamples, transferOf } from './prometheus/packedSamples';

export type WorkerJob =
  | {
      kind: 'decodeVector';
      /** The body, in order: each block's first `length` bytes (./http/bodyBlocks). */
      parts: Array<{ bytes: ArrayBuffer; length: number }>;
      reduce: VectorReduce;
    }
  /** A model entry serialized in pieces (./model/entryCodec); answers its JSON, gzipped. */
  | { kind: 'packJson'; pieces: SerializedPieces }
  /** A model entry's gzipped JSON; answers it with packed samples (./model/entryCodec). */
  | { kind: 'unpackJson'; gz: ArrayBuffer };

const WORKER_MARK = 'mesh-worker-thread';

function runJob(job: WorkerJob): { result: unknown; transfer: ArrayBuffer[] } {
  if (job.kind === 'decodeVector') {
    const text = textOf(
      job.parts.map(p => new Uint8Array(p.bytes, 0, p.length)),
    );
    const decoded = decodeVector(text, job.reduce);
    if (!decoded.ok) return { result: decoded, transfer: [] };
    // Distinct strings once, labels and values as moved typed arrays (./prometheus/packedSamples).
    const packed = packSamples(decoded.samples);
    return {
      result: { ok: true, packed, warnings: decoded.warnings },
      transfer: transferOf(packed),
    };
  }
  if (job.kind === 'unpackJson') {
    const { entry, transfer } = unpackJson(job.gz);
    return { result: entry, transfer };
  }
  const packed = packJson(job.pieces);
  return { result: packed, transfer: [packed] };
}

if (!isMainThread && workerData === WORKER_MARK) {
  parentPort!.on('message', ({ id, job }: { id: number; job: WorkerJob }) => {
    try {
      const { result, transfer } = runJob(job);
      parentPort!.postMessage({ id, result }, transfer);
    } catch (error) {
      parentPort!.postMessage({ id, error: String(error) });
    }
  });
}

/** How long a worker without jobs is kept. */
export const IDLE_MS = 20_000;

export class WorkerThread {
  private worker?: Worker;
  private broken = false;
  private idleTimer?: NodeJS.Timeout;
  private nextId = 0;
  private readonly pending = new Map<
    number,
    { resolve: (result: any) => void; reject: (e: Error) => void }
  >();
  /** Jobs done on the worker (tests and benchmarks read it). */
  done = 0;
  /** Workers started so far. */
  starts = 0;

  constructor(private readonly idleMs = IDLE_MS) {}

  /** Whether a worker runs now. */
  get running(): boolean {
    return !!this.worker;
  }

  /** Whether a worker runs or can be started. */
  available(): boolean {
    return !!this.started();
  }

  /** Runs `job` on the worker, moving `transfer` there. */
  run<T>(job: WorkerJob, transfer: ArrayBuffer[] = []): Promise<T> {
    const worker = this.started();
    if (!worker) return Promise.reject(new Error('no worker thread'));
    const id = this.nextId++;
    clearTimeout(this.idleTimer);
    return new Promise<T>((resolve, reject) => {
      this.pending.set(id, { resolve, reject });
      if (this.pending.size === 1) worker.ref();
      worker.postMessage({ id, job }, transfer);
    });
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
      worker.on('message', ({ id, result, error }) => {
        const job = this.pending.get(id);
        this.pending.delete(id);
        if (this.pending.size === 0) {
          worker.unref();
          this.retireWhenIdle(worker);
        }
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

/**
 * The bytes in an ArrayBuffer of their own, so that moving it moves nothing else (Buffer.concat
 * of a large body allocates one; a view of a shared one is copied).
 */
export function ownArrayBuffer(bytes: Uint8Array): ArrayBuffer {
  return bytes.byteOffset === 0 && bytes.buffer.byteLength === bytes.length
    ? (bytes.buffer as ArrayBuffer)
    : new Uint8Array(bytes).buffer;
}
