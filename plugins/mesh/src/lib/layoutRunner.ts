/*
 * Runs layouts off the render path. Big graphs go to a web worker, so the page stays responsive
 * while dagre works; small ones (where starting a worker costs more than the layout) run in a
 * deferred task. Either way a layout can be cancelled: a superseded worker job terminates the
 * worker (dagre cannot be interrupted otherwise), and a deferred one is simply not started.
 */
import { computeLayout, LayoutInput, LayoutPositions } from './layout';
import type { LayoutAnswer, LayoutRequest } from './layout.worker';

/** From this many nodes the layout runs in a worker. */
export const WORKER_LAYOUT_MIN_NODES = 60;

export interface LayoutJob {
  /** Resolves with the positions; never settles once cancelled. */
  result: Promise<LayoutPositions>;
  cancel(): void;
  /** Whether the layout runs in a web worker (else in a deferred main-thread task). */
  inWorker: boolean;
}

let worker: Worker | undefined;
/** Requests posted to the current worker that it has not answered yet. */
let unanswered = 0;
let nextJobId = 1;
const pending = new Map<
  number,
  { resolve: (p: LayoutPositions) => void; reject: (e: Error) => void }
>();

function createWorker(): Worker | undefined {
  if (typeof Worker === 'undefined') return undefined;
  try {
    // The bundler (Rspack) turns this `new URL` into a separate worker chunk.
    return new Worker(new URL('./layout.worker.ts', import.meta.url));
  } catch {
    return undefined;
  }
}

function ensureWorker(): Worker | undefined {
  if (worker) return worker;
  worker = createWorker();
  worker?.addEventListener('message', (event: MessageEvent<LayoutAnswer>) => {
    const answer = event.data;
    const job = pending.get(answer.jobId);
    pending.delete(answer.jobId);
    unanswered--;
    if (!job) return;
    if ('error' in answer) job.reject(new Error(answer.error));
    else job.resolve(answer.positions);
  });
  return worker;
}

function runInWorker(target: Worker, input: LayoutInput): LayoutJob {
  const jobId = nextJobId++;
  const result = new Promise<LayoutPositions>((resolve, reject) => {
    pending.set(jobId, { resolve, reject });
  });
  unanswered++;
  target.postMessage({ jobId, input } satisfies LayoutRequest);
  return {
    result,
    inWorker: true,
    cancel() {
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
  const result = new Promise<LayoutPositions>((resolve, reject) => {
    // A macrotask lets React commit (and the browser paint a progress indicator) first.
    timer = setTimeout(() => {
      try {
        resolve(computeLayout(input));
      } catch (error) {
        reject(error as Error);
      }
    }, 0);
  });
  return { result, cancel: () => clearTimeout(timer), inWorker: false };
}

/** Starts a layout; in a worker when the graph is big and workers are available. */
export function runLayout(input: LayoutInput): LayoutJob {
  const target =
    input.nodes.length >= WORKER_LAYOUT_MIN_NODES ? ensureWorker() : undefined;
  return target ? runInWorker(target, input) : runDeferred(input);
}
