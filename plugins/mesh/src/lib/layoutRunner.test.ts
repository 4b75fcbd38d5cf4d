import { computeLayout, LayoutInput } from './layout';
import { runLayout } from './layoutRunner';

const input: LayoutInput = {
  nodes: [{ id: 'a' }, { id: 'b' }, { id: 'c' }],
  edges: [
    { id: 'ab', source: 'a', target: 'b' },
    { id: 'bc', source: 'b', target: 'c' },
  ],
};

describe('runLayout without workers (jsdom)', () => {
  it('lays out after the current task, with the same result as the synchronous layout', async () => {
    let settled = false;
    const job = runLayout(input);
    job.result.then(() => (settled = true));
    await Promise.resolve();
    // Deferred: nothing ran in the caller's task, so React can commit and paint a progress first.
    expect(settled).toBe(false);
    expect(await job.result).toEqual(computeLayout(input));
  });

  it('never settles a cancelled job', async () => {
    jest.useFakeTimers();
    try {
      const onResult = jest.fn();
      const job = runLayout(input);
      job.result.then(onResult, onResult);
      job.cancel();
      jest.runAllTimers();
      await Promise.resolve();
      expect(onResult).not.toHaveBeenCalled();
    } finally {
      jest.useRealTimers();
    }
  });
});

/**
 * Test double of the browser's Worker (jsdom has none): it answers on the main thread in a later
 * task, or fails the ways a real worker can (constructor throws, script fails to load, error
 * answer). Each test loads a fresh runner, since the runner keeps one worker per page.
 */
type WorkerBehaviour =
  | 'answers'
  | 'throws'
  | 'failsToLoad'
  | 'answersWithError';

function installWorker(behaviour: WorkerBehaviour) {
  const created: FakeWorker[] = [];
  class FakeWorker extends EventTarget {
    terminated = false;
    constructor(readonly url: URL | string) {
      super();
      if (behaviour === 'throws') throw new Error('SecurityError: worker-src');
      created.push(this);
      if (behaviour === 'failsToLoad')
        setTimeout(() => this.dispatchEvent(new Event('error')), 0);
    }
    postMessage(message: { jobId: number; input: LayoutInput }) {
      const { jobId } = message;
      if (behaviour === 'failsToLoad') return; // a worker that never loaded never answers
      setTimeout(() => {
        const data =
          behaviour === 'answers'
            ? { jobId, positions: computeLayout(message.input) }
            : { jobId, error: 'RangeError: out of memory' };
        this.dispatchEvent(new MessageEvent('message', { data }));
      }, 0);
    }
    terminate() {
      this.terminated = true;
    }
  }
  (globalThis as { Worker?: unknown }).Worker = FakeWorker;
  let runner: typeof import('./layoutRunner') | undefined;
  jest.isolateModules(() => {
    runner = require('./layoutRunner');
  });
  return { runner: runner!, created };
}

function bigGraph(): LayoutInput {
  const nodes = Array.from({ length: 70 }, (_, i) => ({ id: `n${i}` }));
  const edges = nodes
    .slice(1)
    .map((n, i) => ({ id: `e${i}`, source: `n${i}`, target: n.id }));
  return { nodes, edges };
}

describe('runLayout with a worker', () => {
  afterEach(() => {
    delete (globalThis as { Worker?: unknown }).Worker;
  });

  it('sends big graphs to the worker and small ones to the main thread', async () => {
    const { runner, created } = installWorker('answers');
    const big = bigGraph();
    const job = runner.runLayout(big);
    expect(job.inWorker).toBe(true);
    expect(await job.result).toEqual(computeLayout(big));
    expect(String(created[0].url)).toMatch(/layout\.worker\.ts$/);
    expect(runner.runLayout(input).inWorker).toBe(false);
  });

  it('lays out on the main thread when the worker cannot be created', async () => {
    const { runner } = installWorker('throws');
    const job = runner.runLayout(bigGraph());
    expect(job.inWorker).toBe(false);
    expect(await job.result).toEqual(computeLayout(bigGraph()));
  });

  it('lays out on the main thread when the worker fails to load, and stops using workers', async () => {
    const { runner, created } = installWorker('failsToLoad');
    const first = runner.runLayout(bigGraph());
    expect(first.inWorker).toBe(true);
    expect(await first.result).toEqual(computeLayout(bigGraph()));
    expect(created[0].terminated).toBe(true);
    const second = runner.runLayout(bigGraph());
    expect(second.inWorker).toBe(false);
    expect(await second.result).toEqual(computeLayout(bigGraph()));
    expect(created).toHaveLength(1);
  });

  it('retries on the main thread when the worker answers with an error', async () => {
    const { runner } = installWorker('answersWithError');
    const job = runner.runLayout(bigGraph());
    expect(await job.result).toEqual(computeLayout(bigGraph()));
  });

  it('never settles a job cancelled while its worker failed', async () => {
    const { runner } = installWorker('failsToLoad');
    const onResult = jest.fn();
    const cancelled = runner.runLayout(bigGraph());
    cancelled.result.then(onResult, onResult);
    const kept = runner.runLayout(bigGraph());
    cancelled.cancel();
    await kept.result;
    await new Promise(resolve => setTimeout(resolve, 10));
    expect(onResult).not.toHaveBeenCalled();
  });
});
