/* The model's read queue: one read at a time, lower ranks first, in order within a rank. */
import { ReadQueue } from './readQueue';

describe('ReadQueue', () => {
  it('runs one read at a time, the lowest rank waiting first, in order within a rank', async () => {
    const queue = new ReadQueue();
    const started: string[] = [];
    let running = 0;
    let most = 0;
    const gates = new Map<string, () => void>();
    const read = (name: string, rank: number) =>
      queue.run(rank, async () => {
        started.push(name);
        most = Math.max(most, ++running);
        await new Promise<void>(resolve => gates.set(name, resolve));
        running--;
        return name;
      });
    const tick = () => new Promise(resolve => setImmediate(resolve));
    const reads = [
      read('1h', 360),
      read('1m', 240),
      read('5m-a', 120),
      read('10m', 120),
      read('5m-b', 120),
    ];
    await tick();
    for (const name of ['1h', '5m-a', '10m', '5m-b', '1m']) {
      expect(started[started.length - 1]).toBe(name);
      gates.get(name)!();
      await tick();
      await tick();
    }
    expect(await Promise.all(reads)).toEqual([
      '1h',
      '1m',
      '5m-a',
      '10m',
      '5m-b',
    ]);
    expect(started).toEqual(['1h', '5m-a', '10m', '5m-b', '1m']);
    expect(most).toBe(1);
  });

  it('goes on after a read that fails', async () => {
    const queue = new ReadQueue();
    const failing = queue.run(1, async () => {
      throw new Error('store down');
    });
    const next = queue.run(1, async () => 'next');
    await expect(failing).rejects.toThrow('store down');
    expect(await next).toBe('next');
  });
});
