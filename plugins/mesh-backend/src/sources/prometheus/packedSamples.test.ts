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
    expect(packed.labels).toBeInstanceOf(Uint32Array);
    expect(await unpackSamples(packSamples([]))).toEqual([]);
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
