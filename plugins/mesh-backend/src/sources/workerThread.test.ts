/*
 * The process's worker thread (real worker_threads, running this package's TypeScript through the
 * backend's loader as in development) stops when idle, so the heap a large decode grew goes back
 * to the system, and starts again for the next job. A streamed job is fed in pieces; one dropped
 * before its end releases the worker as an answered one does.
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

/** Decodes `answer` streamed to `worker` in pieces of 10 bytes. */
const decodeOn = async (worker: WorkerThread) => {
  const stream = worker.stream<{ packed: PackedSamples }>({
    kind: 'decodeVector',
    reduce: 'samples',
  })!;
  const bytes = Buffer.from(answer);
  for (let i = 0; i < bytes.length; i += 10) {
    const piece = new Uint8Array(bytes.subarray(i, i + 10));
    stream.push(piece.buffer, piece.length);
  }
  return unpackSamples((await stream.end()).packed);
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
    expect(worker.running).toBe(true);
  }, 60_000);

  it('lets a stream dropped before its end retire the worker as an answered one', async () => {
    const worker = new WorkerThread(100);
    const stream = worker.stream({ kind: 'decodeVector', reduce: 'samples' })!;
    const piece = new Uint8Array(Buffer.from(answer.slice(0, 20)));
    stream.push(piece.buffer, piece.length);
    expect(worker.running).toBe(true);
    stream.abort();
    for (let i = 0; i < 100 && worker.running; i++)
      await new Promise(resolve => setTimeout(resolve, 50));
    expect(worker.running).toBe(false);
    // The next job starts a new worker.
    expect(await decodeOn(worker)).toEqual(expected);
  }, 60_000);
});
