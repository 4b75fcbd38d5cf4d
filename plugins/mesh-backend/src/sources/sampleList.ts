/*
 * The samples of a traffic snapshot part, read without keeping one object per sample (issue 15):
 * the mesh model keeps each window's answer as the worker hands it back (./prometheus/packedSamples,
 * a string table and typed arrays, ~55 % of the memory of the same samples as objects) and a
 * sample is made only when a step reads it. Made at 5,000 workloads as objects, a refresh's
 * samples (130,000 a window) survived young-generation collections by the hundred thousand: one
 * collection every ~50 ms while they were built, and in bench:scale every request of the backend
 * (the catalog's too) waited up to a second then (docs/design-decisions.md, "Mesh model").
 *
 * Steps that go over a list more than once or across slices keep indexes (`select`, `filter`),
 * never the samples they read: a sample read is young garbage the next collection frees for free.
 * `label` and `value` read one sample's label or value without making it, for scans per request.
 */
import { finish, ITEMS_PER_YIELD, SlicedWork } from '../graph/slicedWork';
import { PackedLabelKeys } from './packedLabelKeys';
import type { PackedSamples } from './prometheus/packedSamples';
import type { Sample } from './types';

export interface SampleList extends Iterable<Sample> {
  readonly length: number;
  /** The sample at `index`, made anew on each call: keep indexes, not samples. */
  at(index: number): Sample;
  /** Label `name` of the sample at `index` (undefined when it has none), without making it. */
  label(index: number, name: string): string | undefined;
  value(index: number): number;
  /**
   * Names the values of labels `names` of the sample at `index` (a missing label counts as ''):
   * two samples of this list have the same key exactly when those values are the same.
   */
  key(index: number, names: readonly string[]): string;
  /** The samples at `indexes`, in their order. */
  select(indexes: ArrayLike<number>): SampleList;
  /** The samples `keep` accepts, in their order. */
  filter(keep: (sample: Sample) => boolean): SampleList;
  /** The samples whose index `keep` accepts (with `label` and `value`: no sample made). */
  filterIndexes(keep: (index: number) => boolean): SampleList;
}

/** What a snapshot part holds: samples as objects (live reads, tests) or a list (the model). */
export type Samples = readonly Sample[] | SampleList;

abstract class BaseSampleList implements SampleList {
  abstract readonly length: number;
  abstract at(index: number): Sample;

  label(index: number, name: string): string | undefined {
    return this.at(index).labels[name];
  }

  value(index: number): number {
    return this.at(index).value;
  }

  key(index: number, names: readonly string[]): string {
    // Concatenated, not mapped and joined: one key per sample read, no array for each.
    if (names.length === 0) return '';
    let key = this.label(index, names[0]) ?? '';
    for (let i = 1; i < names.length; i++)
      key += `\u0000${this.label(index, names[i]) ?? ''}`;
    return key;
  }

  *[Symbol.iterator](): Iterator<Sample> {
    for (let i = 0; i < this.length; i++) yield this.at(i);
  }

  select(indexes: ArrayLike<number>): SampleList {
    return selectedSamples(this, Array.from(indexes));
  }

  filter(keep: (sample: Sample) => boolean): SampleList {
    return this.filterIndexes(i => keep(this.at(i)));
  }

  filterIndexes(keep: (index: number) => boolean): SampleList {
    return finish(selectedSliced(this, keep));
  }
}

class ArraySamples extends BaseSampleList {
  constructor(private readonly samples: readonly Sample[]) {
    super();
  }

  get length() {
    return this.samples.length;
  }

  at(index: number): Sample {
    return this.samples[index];
  }

  [Symbol.iterator]() {
    return this.samples[Symbol.iterator]();
  }
}

/** Samples packed as the worker sends them, each made on reading. */
export class PackedSampleList extends BaseSampleList {
  /** Where each sample's labels start in `packed.labels`. */
  private readonly starts: Uint32Array;
  private readonly nameIndexes = new Map<string, number>();
  private readonly keys = new Map<readonly string[], PackedLabelKeys>();

  /** Throws when `packed` does not hold what it says (a damaged shared-cache entry). */
  constructor(readonly packed: PackedSamples) {
    super();
    const { strings, labels, values } = packed;
    this.starts = new Uint32Array(values.length);
    let at = 0;
    let walked = 0;
    for (; walked < values.length && at < labels.length; walked++) {
      this.starts[walked] = at;
      at += 1 + 2 * labels[at];
    }
    let valid = walked === values.length && at === labels.length;
    for (let i = 0; valid && i < values.length; i++) {
      const end = this.starts[i] + 1 + 2 * labels[this.starts[i]];
      for (let l = this.starts[i] + 1; l < end; l++)
        if (labels[l] >= strings.length) valid = false;
    }
    if (!valid)
      throw new Error('packed samples: labels do not match their values');
  }

  get length() {
    return this.packed.values.length;
  }

  get byteLength() {
    const { labels, values } = this.packed;
    return labels.byteLength + values.byteLength + this.starts.byteLength;
  }

  at(index: number): Sample {
    const { strings, labels, values } = this.packed;
    let at = this.starts[index];
    const count = labels[at++];
    const sampleLabels: Record<string, string> = {};
    for (let l = 0; l < count; l++, at += 2)
      sampleLabels[strings[labels[at]]] = strings[labels[at + 1]];
    return { labels: sampleLabels, value: values[index] };
  }

  label(index: number, name: string): string | undefined {
    const { strings, labels } = this.packed;
    // Names compared as indexes into the string table: found there once per name.
    let nameAt = this.nameIndexes.get(name);
    if (nameAt === undefined)
      this.nameIndexes.set(name, (nameAt = strings.indexOf(name)));
    if (nameAt < 0) return undefined;
    let at = this.starts[index];
    const end = at + 1 + 2 * labels[at];
    for (at++; at < end; at += 2)
      if (labels[at] === nameAt) return strings[labels[at + 1]];
    return undefined;
  }

  key(index: number, names: readonly string[]): string {
    // By the array's identity: a pass keys every sample with the same one (a constant).
    let keys = this.keys.get(names);
    if (!keys)
      this.keys.set(names, (keys = new PackedLabelKeys(this.packed, names)));
    return keys.key(this.starts[index]);
  }

  value(index: number): number {
    return this.packed.values[index];
  }
}

/**
 * Indexes into another list. Plain arrays, not typed ones: a step's selections live for a slice
 * or a few, and typed arrays' memory is the C allocator's, outside V8's heap, which keeps what it
 * once grew to (replica 1's glibc heaps held ~250–280 MB in bench:scale); made and freed by the
 * dozen per refresh, they would only add to it, where V8 collects them with the rest of a
 * step's garbage.
 */
class SelectedSamples extends BaseSampleList {
  constructor(
    private readonly from: SampleList,
    private readonly indexes: readonly number[],
  ) {
    super();
  }

  get length() {
    return this.indexes.length;
  }

  at(index: number): Sample {
    return this.from.at(this.indexes[index]);
  }

  label(index: number, name: string): string | undefined {
    return this.from.label(this.indexes[index], name);
  }

  key(index: number, names: readonly string[]): string {
    return this.from.key(this.indexes[index], names);
  }

  value(index: number): number {
    return this.from.value(this.indexes[index]);
  }

  select(indexes: ArrayLike<number>): SampleList {
    return new SelectedSamples(
      this.from,
      Array.from(indexes, i => this.indexes[i]),
    );
  }
}

class ConcatenatedSamples extends BaseSampleList {
  /** The index each part starts at, and the total last. */
  private readonly starts: number[] = [0];

  constructor(private readonly parts: SampleList[]) {
    super();
    for (const p of parts) this.starts.push(this.starts.at(-1)! + p.length);
  }

  get length() {
    return this.starts.at(-1)!;
  }

  get byteLength() {
    return this.parts.reduce((sum, part) => sum + packedBytes(part), 0);
  }

  at(index: number): Sample {
    const [part, i] = this.locate(index);
    return part.at(i);
  }

  label(index: number, name: string): string | undefined {
    const [part, i] = this.locate(index);
    return part.label(i, name);
  }

  value(index: number): number {
    const [part, i] = this.locate(index);
    return part.value(i);
  }

  *[Symbol.iterator](): Iterator<Sample> {
    for (const part of this.parts) yield* part;
  }

  private locate(index: number): [SampleList, number] {
    let lo = 0;
    let hi = this.parts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (this.starts[mid] <= index) lo = mid;
      else hi = mid - 1;
    }
    return [this.parts[lo], index - this.starts[lo]];
  }
}

function selectedSamples(
  from: SampleList,
  indexes: readonly number[],
): SampleList {
  return new SelectedSamples(from, indexes);
}

const EMPTY: SampleList = new ArraySamples([]);

/** `samples` as a list (the same list when it is one). */
export function sampleList(samples: Samples): SampleList {
  return Array.isArray(samples)
    ? new ArraySamples(samples)
    : (samples as SampleList);
}

/** The lists one after the other, without copying them. */
export function concatSamples(parts: Samples[]): SampleList {
  const lists = parts.map(sampleList).filter(l => l.length > 0);
  if (lists.length === 0) return EMPTY;
  return lists.length === 1 ? lists[0] : new ConcatenatedSamples(lists);
}

/**
 * The samples of `list` whose index `keep` accepts, yielding every
 * {@link ITEMS_PER_YIELD} samples (../graph/slicedWork): going over a snapshot part reads
 * 60,000–130,000 samples at 5,000 workloads, tens of milliseconds in one piece.
 */
export function* selectedSliced(
  list: SampleList,
  keep: (index: number) => boolean,
): SlicedWork<SampleList> {
  const kept: number[] = [];
  for (let i = 0; i < list.length; i++) {
    if (keep(i)) kept.push(i);
    if (i % ITEMS_PER_YIELD === ITEMS_PER_YIELD - 1) yield;
  }
  return kept.length === list.length ? list : list.select(kept);
}

/**
 * Bytes of typed arrays a list holds (packed samples and the index of their starts); 0 for
 * samples as objects, which live in V8's heap.
 */
export function packedBytes(samples: Samples): number {
  if (samples instanceof PackedSampleList) return samples.byteLength;
  if (samples instanceof ConcatenatedSamples) return samples.byteLength;
  return 0;
}

/** Every sample of `samples` as an object (tests, small answers). */
export function samplesOf(samples: Samples): Sample[] {
  return Array.isArray(samples) ? [...samples] : [...sampleList(samples)];
}
