/*
 * The CRC-32 of two texts joined, from each one's CRC-32 and the second one's length: zlib's
 * crc32_combine (crc32.c; Node's zlib exposes crc32 but not this), so that a segment shared by many
 * responses (./gzipSegments) has its CRC computed once. Appending `length` zero bytes to a CRC
 * register is a linear map over GF(2); the maps for 2^k zero bytes are made once by repeated
 * squaring, so a combination costs one 32×32 matrix step per bit of the length, not a pass over
 * the text.
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

/**
 * The operators that append 2^k zero bytes, k = 0, 1, …: the same for every combination, so made
 * once (each the square of the one before; the first, one zero byte, is the one-zero-bit operator
 * squared three times).
 */
const zeroBytes: Uint32Array[] = [];

function zeroBytesOperator(k: number): Uint32Array {
  if (zeroBytes.length === 0) {
    const oneZeroBit = new Uint32Array(32);
    oneZeroBit[0] = POLYNOMIAL;
    for (let i = 1, row = 1; i < 32; i++, row <<= 1) oneZeroBit[i] = row >>> 0;
    zeroBytes.push(squared(squared(squared(oneZeroBit))));
  }
  while (zeroBytes.length <= k)
    zeroBytes.push(squared(zeroBytes[zeroBytes.length - 1]));
  return zeroBytes[k];
}

/** The CRC-32 of `a + b`, given `crcA` of `a`, `crcB` of `b` and `b`'s length in bytes. */
export function crc32Combine(
  crcA: number,
  crcB: number,
  lengthB: number,
): number {
  if (lengthB <= 0) return crcA >>> 0;
  let crc = crcA >>> 0;
  // Apply lengthB zero bytes: the operator of each power of two in the length.
  for (let k = 0, length = lengthB; length > 0; k++) {
    if (length % 2 === 1) crc = times(zeroBytesOperator(k), crc);
    length = Math.floor(length / 2);
  }
  return (crc ^ crcB) >>> 0;
}
