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
