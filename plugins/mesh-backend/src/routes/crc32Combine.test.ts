/* crc32Combine gives zlib's CRC-32 of the joined texts, for lengths from nothing to megabytes. */
import { crc32 } from 'zlib';
import { crc32Combine } from './crc32Combine';

const text = (length: number, seed: number) =>
  Buffer.from(Array.from({ length }, (_, i) => (i * 31 + seed) & 255));

describe('crc32Combine', () => {
  it.each([
    [0, 0],
    [1, 0],
    [0, 1],
    [5, 7],
    [100, 1],
    [1, 100],
    [1000, 65_537],
    [3, 1 << 20],
    [7, 3_000_001],
  ])(
    'combines a %i-byte and a %i-byte text as zlib computes their join',
    (a, b) => {
      const first = text(a, 3);
      const second = text(b, 11);
      expect(crc32Combine(crc32(first), crc32(second), b)).toBe(
        crc32(Buffer.concat([first, second])),
      );
    },
  );
});
