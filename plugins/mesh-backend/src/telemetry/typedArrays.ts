/*
 * Growing typed arrays that are filled one value at a time (./promFunctions Histograms,
 * ../sources/prometheus/packedSamples SamplePacker): doubled when full, so filling n values copies
 * fewer than 2n.
 */

type Growable = Uint16Array | Uint32Array | Float64Array;

/** `array` if it holds `length` values, else a copy of it at least twice as long. */
export function withRoom<T extends Growable>(array: T, length: number): T {
  if (length <= array.length) return array;
  const Kind = array.constructor as new (n: number) => T;
  const grown = new Kind(Math.max(2 * array.length, length));
  grown.set(array);
  return grown;
}
