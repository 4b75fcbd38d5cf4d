/*
 * A model snapshot goes through the shared cache packed (./packedEntry) and comes back the same;
 * what is not such an entry reads as nothing, and a damaged one is refused, not half read.
 */
import { ENTRY_FORMAT, packEntry, unpackEntry } from './packedEntry';
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
    tcpReceived: [
      {
        labels: { source_workload: 'é — ünïcode', reporter: 'source' },
        value: 1e300,
      },
    ],
    latency: [{ labels: { quantile: '0.95' }, value: 12.5 }],
  },
  errors: [
    {
      source: 'prometheus',
      kind: 'timeout',
      message: 'the 1h read timed out',
    } as any,
  ],
  failing: true,
};

/** What a cache store does with a value: JSON there and back. */
const stored = (value: unknown) => JSON.parse(JSON.stringify(value));

describe('packedEntry', () => {
  it('packs a snapshot and unpacks it unchanged, much smaller than its JSON', async () => {
    const packed = await packEntry(entry);
    expect(packed.format).toBe(ENTRY_FORMAT);
    expect(await unpackEntry(stored(packed))).toEqual(entry);
    expect(packed.packed.length).toBeLessThan(JSON.stringify(entry).length / 4);
  });

  it('keeps the labels each sample had, in their order, when samples differ in their label names', async () => {
    const mixed: ModelEntry = {
      time: 1,
      errors: [],
      snapshot: {
        requests: [
          { labels: { b: '1', a: '2' }, value: 0 },
          { labels: {}, value: -1 },
          { labels: { a: '2', c: 'x' }, value: Number.MIN_VALUE },
        ],
        tcpSent: [],
        tcpReceived: [],
        latency: [],
      },
    };
    const back = await unpackEntry(stored(await packEntry(mixed)));
    expect(back).toEqual(mixed);
    expect(Object.keys(back!.snapshot.requests[0].labels)).toEqual(['b', 'a']);
  });

  it('reads nothing from what is no entry of this format', async () => {
    expect(await unpackEntry(undefined)).toBeUndefined();
    expect(await unpackEntry(stored(entry))).toBeUndefined();
    const packed = await packEntry(entry);
    expect(await unpackEntry({ ...packed, format: 1 })).toBeUndefined();
  });

  it('refuses a damaged entry instead of reading part of it', async () => {
    const packed = await packEntry(entry);
    const gz = Buffer.from(packed.packed, 'base64');
    const frame = require('zlib').gunzipSync(gz) as Buffer;
    const cut = require('zlib').gzipSync(frame.subarray(0, frame.length - 8));
    await expect(
      unpackEntry({ ...packed, packed: cut.toString('base64') }),
    ).rejects.toThrow('shorter than its header says');
    const longer = require('zlib').gzipSync(
      Buffer.concat([frame, Buffer.alloc(8)]),
    );
    await expect(
      unpackEntry({ ...packed, packed: longer.toString('base64') }),
    ).rejects.toThrow('bytes after its parts');
    await expect(
      unpackEntry({
        ...packed,
        packed: gz.subarray(0, 100).toString('base64'),
      }),
    ).rejects.toThrow();
  });
});
