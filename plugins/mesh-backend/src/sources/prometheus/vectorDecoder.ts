/*
 * Large Prometheus answers decoded on a worker thread (issue 15). A mesh model refresh at 5,000
 * workloads reads hundreds of MB of JSON (the duration histogram's buckets: docs/design-decisions.md,
 * "Latency quantiles"); parsing that on the event loop held every request for seconds after each
 * refresh. The worker parses the body, keeps each series' labels and value, reduces buckets to
 * quantiles when asked, and sends back only that. The body's bytes are moved, not copied.
 * This module is also the worker's script (it is emitted with the package, and loads TypeScript
 * through the backend's own loader in development); a worker that cannot start, or dies, makes
 * the answer decode on the calling thread, as small answers always do.
 */
import { isMainThread, parentPort, Worker, workerData } from 'worker_threads';
import { histogramQuantiles } from '../../telemetry/promFunctions';
import { Sample } from '../types';

/** What to keep of an instant vector: its samples, or the quantiles of its histogram buckets. */
export type VectorReduce = 'samples' | 'histogramQuantiles';

export type DecodedVector =
  | { ok: true; samples: Sample[]; warnings: string[] }
  /**
   * Not a successful vector answer: the caller reads the body itself for the error, unless it
   * was `moved` to the worker.
   */
  | { ok: false; moved?: boolean };

/** Answers smaller than this are decoded where they arrive (a worker round trip costs more). */
export const OFF_THREAD_BYTES = 1024 * 1024;

/** Decodes a successful `/api/v1/query` answer (the same on either thread). */
export function decodeVector(
  text: string,
  reduce: VectorReduce,
): DecodedVector {
  let json: any;
  try {
    json = JSON.parse(text);
  } catch {
    return { ok: false };
  }
  const data = json?.data;
  if (
    json?.status !== 'success' ||
    data?.resultType !== 'vector' ||
    !Array.isArray(data.result)
  )
    return { ok: false };
  const samples: Sample[] = [];
  for (const r of data.result) {
    const value = Number(r?.value?.[1]);
    if (r && typeof r.metric === 'object' && Number.isFinite(value))
      samples.push({ labels: r.metric, value });
  }
  return {
    ok: true,
    samples:
      reduce === 'histogramQuantiles' ? histogramQuantiles(samples) : samples,
    warnings: Array.isArray(json.warnings) ? json.warnings.map(String) : [],
  };
}

interface Job {
  id: number;
  bytes: ArrayBuffer;
  reduce: VectorReduce;
}

const WORKER_MARK = 'mesh-vector-decoder';

if (!isMainThread && workerData === WORKER_MARK) {
  const decoder = new TextDecoder();
  parentPort!.on('message', (job: Job) => {
    const decoded = decodeVector(decoder.decode(job.bytes), job.reduce);
    parentPort!.postMessage({ id: job.id, decoded });
  });
}

/** One worker for the process, started on first use; jobs run one after the other. */
class DecoderThread {
  private worker?: Worker;
  private broken = false;
  private nextId = 0;
  private readonly pending = new Map<
    number,
    { resolve: (d: DecodedVector) => void; reject: (e: Error) => void }
  >();
  /** Answers decoded on the worker (tests and benchmarks read it). */
  decoded = 0;

  /** Whether a worker runs or can be started. */
  available(): boolean {
    return !!this.started();
  }

  decode(bytes: ArrayBuffer, reduce: VectorReduce): Promise<DecodedVector> {
    const worker = this.started();
    if (!worker) return Promise.reject(new Error('no decoder thread'));
    const id = this.nextId++;
    return new Promise((resolve, reject) => {
      this.pending.set(id, { resolve, reject });
      if (this.pending.size === 1) worker.ref();
      worker.postMessage({ id, bytes, reduce } satisfies Job, [bytes]);
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
      worker.on('message', ({ id, decoded }) => {
        const job = this.pending.get(id);
        this.pending.delete(id);
        if (this.pending.size === 0) worker.unref();
        this.decoded++;
        job?.resolve(decoded);
      });
      const fail = (error: Error) => {
        this.worker = undefined;
        for (const job of this.pending.values()) job.reject(error);
        this.pending.clear();
      };
      worker.on('error', fail);
      worker.on('exit', code => fail(new Error(`decoder exited (${code})`)));
      this.worker = worker;
    } catch {
      this.broken = true;
    }
    return this.worker;
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

export const decoderThread = new DecoderThread();

/**
 * Decodes a successful answer's body: off the event loop when it is large and the worker runs,
 * else here. The bytes are moved to the worker (`body` must not be used afterwards); a worker
 * that dies with them rejects.
 */
export async function decodeVectorBody(
  body: Buffer,
  reduce: VectorReduce,
  offThreadBytes = OFF_THREAD_BYTES,
): Promise<DecodedVector> {
  if (body.length < offThreadBytes || !decoderThread.available())
    return decodeVector(body.toString('utf8'), reduce);
  // A buffer of its own, so that moving it moves nothing else (Buffer.concat of a large body
  // allocates one; a view of a shared one is copied).
  const own =
    body.byteOffset === 0 && body.buffer.byteLength === body.length
      ? (body.buffer as ArrayBuffer)
      : new Uint8Array(body).buffer;
  const decoded = await decoderThread.decode(own, reduce);
  return decoded.ok ? decoded : { ok: false, moved: true };
}
