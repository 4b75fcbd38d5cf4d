/*
 * A model snapshot goes through the shared cache packed (./packedEntry) and comes back the same;
 * what is not such an entry reads as nothing, and a damaged one is refused, not half read.
 */
import { gunzipSync, gzipSync } from 'zlib';
import { ENTRY_FORMAT, packEntry, unpackEntry } from './packedEntry';
import { ModelEntry } from './modelEntry';
import { samplesOf } from '../sampleList';
import { withSnapshotSamples } from '../../__testUtils__/snapshotSamples';

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
  withoutLatency: true,
};

/** What a cache store does with a value: JSON there and back. */
const stored = (value: unknown) => JSON.parse(JSON.stringify(value));

describe('packedEntry', () => {
  it('packs a snapshot and unpacks it unchanged, much smaller than its JSON', async () => {
    const packed = await packEntry(entry);
    expect(packed.format).toBe(ENTRY_FORMAT);
    expect(withSnapshotSamples((await unpackEntry(stored(packed)))!)).toEqual(
      entry,
    );
    expect(packed.packed.length).toBeLessThan(JSON.stringify(entry).length / 4);
  });

  it('keeps parts with 32-bit labels (more than 65,536 strings) beside 16-bit ones', async () => {
    const wide: ModelEntry = {
      ...entry,
      snapshot: {
        ...entry.snapshot,
        tcpSent: Array.from({ length: 70_000 }, (_, i) => ({
          labels: { source_workload: `w-${i}` },
          value: i,
        })),
      },
    };
    const back = (await unpackEntry(stored(await packEntry(wide))))!;
    const widths = Object.fromEntries(
      Object.entries(back.snapshot).map(([name, part]) => [
        name,
        (part as any).packed.labels.BYTES_PER_ELEMENT,
      ]),
    );
    expect(widths).toEqual({
      requests: 2,
      tcpSent: 4,
      tcpReceived: 2,
      latency: 2,
    });
    expect(withSnapshotSamples(back)).toEqual(wide);
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
    expect(withSnapshotSamples(back!)).toEqual(mixed);
    expect(Object.keys(samplesOf(back!.snapshot.requests)[0].labels)).toEqual([
      'b',
      'a',
    ]);
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
    const frame = gunzipSync(gz);
    /** The entry of another frame. */
    const read = (bytes: Buffer) =>
      unpackEntry({ ...packed, packed: gzipSync(bytes).toString('base64') });
    await expect(read(frame.subarray(0, frame.length - 8))).rejects.toThrow(
      'shorter than its header says',
    );
    await expect(read(Buffer.concat([frame, Buffer.alloc(8)]))).rejects.toThrow(
      'bytes after its parts',
    );
    await expect(
      unpackEntry({
        ...packed,
        packed: gz.subarray(0, 100).toString('base64'),
      }),
    ).rejects.toThrow();
    // A header that claims more than the frame holds is refused before anything is made of it.
    const headerLength = frame.readUInt32LE(0);
    const header = JSON.parse(frame.toString('utf8', 4, 4 + headerLength));
    const withLabels = (labels: number) => {
      header.parts[0].labels = labels;
      const text = Buffer.from(JSON.stringify(header));
      return Buffer.concat([
        Buffer.from(Uint32Array.of(text.length).buffer),
        text,
        frame.subarray(4 + headerLength),
      ]);
    };
    await expect(read(withLabels(2 ** 40))).rejects.toThrow(
      'shorter than its header says',
    );
    await expect(read(withLabels(-1))).rejects.toThrow('not a length');
    header.parts[0].labels = 0;
    header.parts[0].labelBytes = 3;
    await expect(read(withLabels(0))).rejects.toThrow('not a width');
  });
});
