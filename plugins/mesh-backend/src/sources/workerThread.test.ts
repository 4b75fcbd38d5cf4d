/*
 * The process's worker thread (real worker_threads, running this package's TypeScript through the
 * backend's loader as in development) stops when idle, so the heap a large decode grew goes back
 * to the system, and starts again for the next job.
 */
import { decodeVector } from './prometheus/decodeVector';
import { PackedSamples, unpackSamples } from './prometheus/packedSamples';
import { WorkerThread } from './workerThread';

const answer = JSON.stringify({
  status: 'success',
  data: {
    resultType: 'vector',
    result: [{ metric: { reporter: 'destination' }, value: [1, '2'] }],
  },
});

const decodeOn = async (worker: WorkerThread) => {
  const bytes = new Uint8Array(Buffer.from(answer));
  const decoded = await worker.run<{ packed: PackedSamples }>(
    {
      kind: 'decodeVector',
      parts: [{ bytes: bytes.buffer, length: bytes.length }],
      reduce: 'samples',
    },
    [bytes.buffer],
  );
  return unpackSamples(decoded.packed);
};
const expected = (decodeVector(answer, 'samples') as { samples: unknown })
  .samples;

describe('WorkerThread', () => {
  it('stops after its idle time and starts again for the next job', async () => {
    const worker = new WorkerThread(200);
    expect(await decodeOn(worker)).toEqual(expected);
    expect(worker.running).toBe(true);
    expect(worker.starts).toBe(1);
    // Jobs within the idle time keep it.
    await new Promise(resolve => setTimeout(resolve, 50));
    await decodeOn(worker);
    expect(worker.starts).toBe(1);
    for (let i = 0; i < 100 && worker.running; i++)
      await new Promise(resolve => setTimeout(resolve, 50));
    expect(worker.running).toBe(false);
    expect(await decodeOn(worker)).toEqual(expected);
    expect(worker.starts).toBe(2);
    expect(worker.available()).toBe(true);
  }, 60_000);
});
