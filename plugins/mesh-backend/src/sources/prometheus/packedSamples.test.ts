/* Samples packed as a string table and typed arrays come back as they were. */
import { Sample } from '../types';
import { packSamples, unpackSamples } from './packedSamples';

describe('packedSamples', () => {
  it('keeps every label and value, each distinct string once in the table', async () => {
    const samples: Sample[] = [
      {
        labels: { reporter: 'destination', destination_service: 'a' },
        value: 1.5,
      },
      { labels: { reporter: 'source', destination_service: 'a' }, value: 0 },
      { labels: {}, value: Number.MAX_VALUE },
      {
        labels: {
          reporter: 'destination',
          quantile: '0.95',
          'odd name': 'é ✓',
        },
        value: -2,
      },
    ];
    const packed = packSamples(samples);
    expect(await unpackSamples(packed)).toEqual(samples);
    expect(packed.strings).toEqual([
      'reporter',
      'destination',
      'destination_service',
      'a',
      'source',
      'quantile',
      '0.95',
      'odd name',
      'é ✓',
    ]);
    expect(packed.labels).toBeInstanceOf(Uint16Array);
    expect(await unpackSamples(packSamples([]))).toEqual([]);
  });

  it('keeps labels at 16 bits up to 65,536 strings and at 32 beyond, the same samples either way', async () => {
    // Two names, `source` and one value per sample: 3 + `count` strings.
    const samples = (count: number): Sample[] =>
      Array.from({ length: count }, (_, i) => ({
        labels: { destination_workload: `w-${i}`, reporter: 'source' },
        value: i,
      }));
    const narrow = packSamples(samples(65_533));
    expect(narrow.strings).toHaveLength(65_536);
    expect(narrow.labels).toBeInstanceOf(Uint16Array);
    expect(narrow.labels.byteLength).toBe(2 * 5 * 65_533);
    expect(await unpackSamples(narrow)).toEqual(samples(65_533));
    const wide = packSamples(samples(65_534));
    expect(wide.strings).toHaveLength(65_537);
    expect(wide.labels).toBeInstanceOf(Uint32Array);
    expect(await unpackSamples(wide)).toEqual(samples(65_534));
  });

  it('keeps labels at 32 bits when a sample has more labels than 16 bits can count', async () => {
    const labels = Object.fromEntries(
      Array.from({ length: 65_536 }, (_, i) => [`l${i}`, 'v']),
    );
    const packed = packSamples([{ labels, value: 1 }]);
    expect(packed.labels).toBeInstanceOf(Uint32Array);
    expect(packed.labels[0]).toBe(65_536);
    expect((await unpackSamples(packed))[0].labels).toEqual(labels);
  });

  it('rebuilds many samples across turns of the event loop, in order', async () => {
    const samples: Sample[] = Array.from({ length: 12_345 }, (_, i) => ({
      labels: { destination_workload: `w-${i % 97}`, i: String(i) },
      value: i,
    }));
    let turns = 0;
    const counting = setInterval(() => turns++, 0);
    const back = await unpackSamples(packSamples(samples));
    clearInterval(counting);
    expect(back).toEqual(samples);
    // 12,345 samples are three slices: the event loop ran between them.
    expect(turns).toBeGreaterThan(0);
  });
});
