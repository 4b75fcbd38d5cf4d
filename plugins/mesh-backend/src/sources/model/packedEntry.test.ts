/*
 * A model snapshot goes through the shared cache packed (./packedEntry; its samples moved to the
 * worker in slices) and comes back the same, unpacked on the worker (a real worker thread).
 */
import { workerThread } from '../workerThread';
import { packEntry, unpackEntry } from './packedEntry';
import { ModelEntry } from './TrafficModel';

const entry: ModelEntry = {
  time: 1796370000000,
  snapshot: {
    requests: Array.from({ length: 12_000 }, (_, i) => ({
      labels: {
        source_workload: `client-${i}`,
        destination_workload: 'server',
        response_code: i % 10 ? '200' : '503',
      },
      value: i / 7,
    })),
    tcpSent: [],
    tcpReceived: [],
    latency: [{ labels: { quantile: '0.95' }, value: 12.5 }],
  },
  errors: [],
};

describe('packedEntry', () => {
  it('packs a snapshot on the worker thread and unpacks it unchanged', async () => {
    const before = workerThread.done;
    const packed = await packEntry(entry);
    expect(workerThread.done).toBe(before + 1);
    expect(typeof packed.packed).toBe('string');
    // What a cache store does with a value: JSON there and back.
    const stored = JSON.parse(JSON.stringify(packed));
    expect(await unpackEntry(stored)).toEqual(entry);
    // Unpacked there too.
    expect(workerThread.done).toBe(before + 2);
    expect(packed.packed.length).toBeLessThan(JSON.stringify(entry).length / 4);
  });

  it('reads an entry written before packing as it is, and nothing as nothing', async () => {
    expect(await unpackEntry(JSON.parse(JSON.stringify(entry)))).toEqual(entry);
    expect(await unpackEntry(undefined)).toBeUndefined();
  });
});
