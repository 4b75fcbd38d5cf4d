/*
 * The process's worker thread (real worker_threads, running this package's TypeScript through the
 * backend's loader as in development) stops when idle, so the heap a large decode grew goes back
 * to the system, and starts again for the next job. A streamed job is fed in pieces; one dropped
 * before its end releases the worker as an answered one does, and one fed faster than the worker
 * reads waits for it.
 */
import type { Worker } from 'worker_threads';
import { decodeVector } from './prometheus/decodeVector';
import { PackedSamples, unpackSamples } from './prometheus/packedSamples';
import { MAX_BLOCKS_IN_FLIGHT, WorkerThread } from './workerThread';

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

  it('takes no new jobs on a worker grown past its heap limit, and stops it once its jobs are answered', async () => {
    // Every heap is over a limit of 0: the first answer retires the worker.
    const worker = new WorkerThread(60_000, 0);
    const open = () =>
      worker.stream<{ packed: PackedSamples }>({
        kind: 'decodeVector',
        reduce: 'samples',
      })!;
    const push = (stream: ReturnType<typeof open>) => {
      const bytes = new Uint8Array(Buffer.from(answer));
      stream.push(bytes.buffer, bytes.length);
    };
    const [first, second] = [open(), open()];
    push(first);
    push(second);
    expect(await unpackSamples((await first.end()).packed)).toEqual(expected);
    // The second job is still the grown worker's: a new job starts another.
    expect(worker.running).toBe(false);
    expect(worker.alive).toBe(1);
    expect(await decodeOn(worker)).toEqual(expected);
    expect(worker.starts).toBe(2);
    expect(await unpackSamples((await second.end()).packed)).toEqual(expected);
    for (let i = 0; i < 100 && worker.alive > 0; i++)
      await new Promise(resolve => setTimeout(resolve, 50));
    // Both stopped although the idle time (60 s) has not passed: each was over the limit.
    expect(worker.alive).toBe(0);
  }, 60_000);

  it('keeps a worker under its heap limit for the next job', async () => {
    const worker = new WorkerThread(60_000);
    await decodeOn(worker);
    await decodeOn(worker);
    expect(worker.starts).toBe(1);
    expect(worker.alive).toBe(1);
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

  /** A decoding stream on a worker of its own (idle time 100 ms). */
  const newStream = () => {
    const worker = new WorkerThread(100);
    const stream = worker.stream<unknown>({
      kind: 'decodeVector',
      reduce: 'samples',
    })!;
    return { worker, stream };
  };

  it('has a stream wait while the worker is MAX_BLOCKS_IN_FLIGHT blocks behind, and not after', async () => {
    const { stream } = newStream();
    const bytes = Buffer.from(answer);
    const waits = [];
    for (let i = 0; i < MAX_BLOCKS_IN_FLIGHT; i++) {
      const piece = new Uint8Array(bytes.subarray(i, i + 1));
      waits.push(stream.push(piece.buffer, piece.length));
    }
    // Nothing was read yet (the worker's answers come on a later turn): the last push waits.
    expect(waits.slice(0, -1)).toEqual(
      Array(MAX_BLOCKS_IN_FLIGHT - 1).fill(undefined),
    );
    expect(waits.at(-1)).toBeInstanceOf(Promise);
    await waits.at(-1);
    // The worker read half of them: pushing goes on without waiting.
    const rest = new Uint8Array(bytes.subarray(MAX_BLOCKS_IN_FLIGHT));
    expect(stream.push(rest.buffer, rest.length)).toBeUndefined();
    expect(await stream.end()).toMatchObject({ ok: true });
  }, 60_000);

  it('lets a waiting stream go on when its worker dies, and fails its end', async () => {
    const { worker, stream } = newStream();
    let wait: Promise<void> | undefined;
    for (let i = 0; i < MAX_BLOCKS_IN_FLIGHT; i++)
      wait = stream.push(new ArrayBuffer(1), 1);
    await (worker as unknown as { worker: Worker }).worker.terminate();
    await wait;
    await expect(stream.end()).rejects.toThrow('worker exited');
  }, 60_000);
});
