/*
 * Records keyed by response code (`200`, `503`, gRPC `14`, …): an edge's responses, an object's
 * requests by code. V8 keeps integer-like keys as array elements, and on a plain object the first
 * `record['503'] = …` allocates a backing store of ≈ 770 slots (6 KB) however few codes it holds:
 * at 5,000 workloads / 25,000 edges that made a mesh graph base 78 MB instead of a few
 * (`npm run bench:memory`). An object that has once held an index far beyond its elements (the
 * largest array index) keeps dictionary elements — a hash table sized by its entries — so these
 * records start that way. Keys, their order (integer keys ascending), values and JSON are the same.
 */
const LARGEST_ARRAY_INDEX = 2 ** 32 - 2;

/** An empty record for counts by response code, `entries` added in their order. */
export function codeRecord(
  entries: Iterable<[string, number]> = [],
): Record<string, number> {
  const record: Record<string, number> = {};
  record[LARGEST_ARRAY_INDEX] = 0;
  delete record[LARGEST_ARRAY_INDEX];
  for (const [code, value] of entries) record[code] = value;
  return record;
}

/** The sum of a record's rates, of the codes `keep` accepts when given: a loop, no arrays per call. */
export function sumOfCodes(
  record: Record<string, number>,
  keep?: (code: string) => boolean,
): number {
  let sum = 0;
  for (const code in record)
    if (Object.hasOwn(record, code) && (!keep || keep(code)))
      sum += record[code];
  return sum;
}
