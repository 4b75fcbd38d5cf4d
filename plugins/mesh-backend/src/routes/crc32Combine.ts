/*
 * The CRC-32 of two texts joined, from each one's CRC-32 and the second one's length: zlib's
 * crc32_combine (crc32.c; Node's zlib exposes crc32 but not this), so that a segment shared by many
 * responses (./gzipSegments) has its CRC computed once. Appending `length` zero bytes to a CRC
 * register is a linear map over GF(2); it is built by repeated squaring of the one-zero-bit
 * operator, so a combination costs O(log length) 32×32 matrix steps, not a pass over the text.
 */

/** The reflected CRC-32 polynomial (IEEE 802.3), as zlib's crc32 uses it. */
const POLYNOMIAL = 0xedb88320;

/** `matrix` (32 columns, each a 32-bit row vector) applied to `vector`. */
function times(matrix: Uint32Array, vector: number): number {
  let sum = 0;
  for (let i = 0, rest = vector >>> 0; rest !== 0; i++, rest >>>= 1)
    if (rest & 1) sum ^= matrix[i];
  return sum >>> 0;
}

function squared(matrix: Uint32Array): Uint32Array {
  const square = new Uint32Array(32);
  for (let i = 0; i < 32; i++) square[i] = times(matrix, matrix[i]);
  return square;
}

/** The CRC-32 of `a + b`, given `crcA` of `a`, `crcB` of `b` and `b`'s length in bytes. */
export function crc32Combine(
  crcA: number,
  crcB: number,
  lengthB: number,
): number {
  if (lengthB <= 0) return crcA >>> 0;
  // The operator for one zero bit, then two, then four: odd holds the current power, even the next.
  let odd = new Uint32Array(32);
  odd[0] = POLYNOMIAL;
  for (let i = 1, row = 1; i < 32; i++, row <<= 1) odd[i] = row >>> 0;
  let even = squared(odd); // two zero bits
  odd = squared(even); // four zero bits
  let crc = crcA >>> 0;
  let length = lengthB;
  // Apply lengthB zero bytes (8 bits each): one squaring per bit of the length.
  do {
    even = squared(odd);
    if (length & 1) crc = times(even, crc);
    length = Math.floor(length / 2);
    if (length === 0) break;
    odd = squared(even);
    if (length & 1) crc = times(odd, crc);
    length = Math.floor(length / 2);
  } while (length !== 0);
  return (crc ^ crcB) >>> 0;
}
