/* Samples packed as a string table and typed arrays come back as they were. */
import { Sample } from '../types';
import { packSamples, unpackSamples } from './packedSamples';

describe('packedSamples', () => {
  it('keeps every label and value, each distinct string once in the table', () => {
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
    expect(unpackSamples(packed)).toEqual(samples);
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
    expect(unpackSamples(packSamples([]))).toEqual([]);
  });
});
