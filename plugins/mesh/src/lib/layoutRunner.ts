/*
 * Runs layouts off the render path. Big graphs go to a web worker, so the page stays responsive
 * while dagre works; small ones (where starting a worker costs more than the layout) run in a
 * deferred task. Either way a layout can be cancelled: a superseded worker job terminates the
 * worker (dagre cannot be interrupted otherwise), and a deferred one is simply not started.
 *
 * A graph is never left unlaid: when the worker cannot be created, fails to load (a missing
 * chunk, a Content-Security-Policy that forbids it) or answers with an error, the affected
 * layouts run on the main thread instead. See docs/design-decisions.md ("Layout worker").
 */
import { computeLayout, LayoutInput, LayoutResult } from './layout';
import type { LayoutAnswer, LayoutRequest } from './layout.worker';

/** From this many nodes the layout runs in a worker. */
export const WORKER_LAYOUT_MIN_NODES = 60;

export interface LayoutJob {
  /** Resolves with the positions; never settles once cancelled. */
  result: Promise<LayoutResult>;
  cancel(): void;
  /** Whether the layout was sent to a web worker (else it runs in a deferred main-thread task). */
  inWorker: boolean;
}

interface PendingJob {
  input: LayoutInput;
  resolve: (p: LayoutResult) => void;
  reject: (e: Error) => void;
}

let worker: Worker | undefined;
/** Set once a worker failed to load: later layouts go straight to the main thread. */
let workerUnavailable = false;
/** Requests posted to the current worker that it has not answered yet. */
let unanswered = 0;
let nextJobId = 1;
const pending = new Map<number, PendingJob>();

function createWorker(): Worker | undefined {
  if (typeof Worker === 'undefined') return undefined;
  try {
    // Bundlers (Rspack/webpack) turn this `new URL` into a separate worker chunk. In the
    // published build the specifier names the emitted `layout.worker.esm.js` instead
    // (scripts/packages/emitLayoutWorker.mjs runs when the package is packed).
    return new Worker(new URL('./layout.worker.ts', import.meta.url));
  } catch {
    return undefined;
  }
}

/** Main-thread layout in a macrotask, so React can commit (and paint a progress) first. */
function layoutLater(
  input: LayoutInput,
  resolve: (p: LayoutResult) => void,
  reject: (e: Error) => void,
): ReturnType<typeof setTimeout> {
  return setTimeout(() => {
    try {
      resolve(computeLayout(input));
    } catch (error) {
      reject(error as Error);
    }
  }, 0);
}

/** The worker failed to load or crashed: its jobs are laid out on the main thread. */
function abandonWorker(failed: Worker) {
  if (failed !== worker) return;
  failed.terminate();
  worker = undefined;
  workerUnavailable = true;
  unanswered = 0;
  const jobs = [...pending.values()];
  pending.clear();
  for (const job of jobs) layoutLater(job.input, job.resolve, job.reject);
}

function ensureWorker(): Worker | undefined {
  if (worker || workerUnavailable) return worker;
  const created = createWorker();
  if (!created) {
    workerUnavailable = true;
    return undefined;
  }
  worker = created;
  created.addEventListener('message', (event: MessageEvent<LayoutAnswer>) => {
    const answer = event.data;
    const job = pending.get(answer.jobId);
    pending.delete(answer.jobId);
    unanswered--;
    if (!job) return;
    // An error inside the worker (not a bad graph alone) is retried on the main thread;
    // if the main thread fails too, that error is the job's answer.
    if ('error' in answer) layoutLater(job.input, job.resolve, job.reject);
    else job.resolve(answer.positions);
  });
  created.addEventListener('error', event => {
    event.preventDefault?.();
    abandonWorker(created);
  });
  created.addEventListener('messageerror', () => abandonWorker(created));
  return created;
}

function runInWorker(target: Worker, input: LayoutInput): LayoutJob {
  const jobId = nextJobId++;
  // Also guards a job already handed to the main-thread fallback when it is cancelled.
  let cancelled = false;
  const result = new Promise<LayoutResult>((resolve, reject) => {
    pending.set(jobId, {
      input,
      resolve: positions => cancelled || resolve(positions),
      reject: error => cancelled || reject(error),
    });
  });
  unanswered++;
  target.postMessage({ jobId, input } satisfies LayoutRequest);
  return {
    result,
    inWorker: true,
    cancel() {
      cancelled = true;
      if (!pending.delete(jobId)) return;
      if (pending.size === 0 && unanswered > 0) {
        // The worker is computing answers nobody wants: stop it, a new one starts on demand.
        worker?.terminate();
        worker = undefined;
        unanswered = 0;
      }
    },
  };
}

function runDeferred(input: LayoutInput): LayoutJob {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const result = new Promise<LayoutResult>((resolve, reject) => {
    timer = layoutLater(input, resolve, reject);
  });
  return { result, cancel: () => clearTimeout(timer), inWorker: false };
}

/** Starts a layout; in a worker when the graph is big and a worker can run. */
export function runLayout(input: LayoutInput): LayoutJob {
  const target =
    input.nodes.length >= WORKER_LAYOUT_MIN_NODES ? ensureWorker() : undefined;
  return target ? runInWorker(target, input) : runDeferred(input);
}

/**
 * Starts the layout worker ahead of the first big graph (while its data is still being fetched),
 * so that loading the worker's code is not part of the first layout.
 */
export function prewarmLayoutWorker(): void {
  ensureWorker();
}
