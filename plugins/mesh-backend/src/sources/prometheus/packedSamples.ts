/*
 * Samples as the worker thread sends them back (../workerThread, ./vectorDecoder): each distinct
 * string once, and every label as two indices into that table. Posting the samples themselves made
 * the event loop deserialize every label value as a string of its own — at 5,000 workloads a
 * refresh's snapshots held millions of copies of a few thousand names ("destination", "http",
 * namespace and service names: ~45 % of the heap in a heap snapshot of bench:scale) — and took
 * longer than rebuilding the samples from typed arrays, which are moved, not copied. Rebuilt
 * samples share one string per distinct value of an answer.
 */
import {
  finish,
  finishInSlices,
  ITEMS_PER_YIELD,
  SlicedWork,
} from '../../graph/slicedWork';
import { PackedSampleList } from '../sampleList';
import { withRoom } from '../../telemetry/typedArrays';
import { Sample } from '../types';

export interface PackedSamples {
  /** Every distinct label name and value. */
  strings: string[];
  /**
   * Per sample: its label count, then each label's name and value as indices into `strings`; 16
   * bits wide when every index and count fits (a table of at most 65,536 strings: half the memory
   * of the model's largest arrays at 5,000 workloads), else 32.
   */
  labels: Uint16Array | Uint32Array;
  values: Float64Array;
}

/** How many distinct values a 16-bit label array can index. */
const NARROW_LIMIT = 0x10000;

/** {@link packSamples} one sample at a time (a streamed answer: ./vectorStream). */
export class SamplePacker {
  private readonly index = new Map<string, number>();
  private readonly strings: string[] = [];
  private labels = new Uint32Array(1024);
  private values = new Float64Array(256);
  private labelsUsed = 0;
  private count = 0;
  private mostLabels = 0;

  add(labels: Record<string, string>, value: number): void {
    const names = Object.keys(labels);
    this.labels = withRoom(this.labels, this.labelsUsed + 1 + 2 * names.length);
    this.mostLabels = Math.max(this.mostLabels, names.length);
    this.labels[this.labelsUsed++] = names.length;
    for (const name of names) {
      this.labels[this.labelsUsed++] = this.indexOf(name);
      this.labels[this.labelsUsed++] = this.indexOf(String(labels[name]));
    }
    this.values = withRoom(this.values, this.count + 1);
    this.values[this.count++] = value;
  }

  packed(): PackedSamples {
    const used = this.labels.subarray(0, this.labelsUsed);
    let labels: Uint16Array | Uint32Array = used.slice();
    if (this.strings.length <= NARROW_LIMIT && this.mostLabels < NARROW_LIMIT)
      (labels = new Uint16Array(used.length)).set(used);
    return {
      strings: this.strings,
      labels,
      values: this.values.slice(0, this.count),
    };
  }

  private indexOf(s: string): number {
    let i = this.index.get(s);
    if (i === undefined) {
      this.index.set(s, (i = this.strings.length));
      this.strings.push(s);
    }
    return i;
  }
}

export function packSamples(samples: Iterable<Sample>): PackedSamples {
  return finish(packedSamplesOf(samples));
}

/**
 * {@link packSamples}, a slice at a time (../../graph/slicedWork); a list the worker packed is
 * already packed (../sampleList).
 */
export function packSamplesInSlices(
  samples: Iterable<Sample>,
): Promise<PackedSamples> {
  if (samples instanceof PackedSampleList)
    return Promise.resolve(samples.packed);
  return finishInSlices(packedSamplesOf(samples));
}

function* packedSamplesOf(
  samples: Iterable<Sample>,
): SlicedWork<PackedSamples> {
  const packer = new SamplePacker();
  let count = 0;
  for (const s of samples) {
    if (++count % ITEMS_PER_YIELD === 0) yield;
    packer.add(s.labels, s.value);
  }
  return packer.packed();
}

/** The typed arrays to move with a postMessage of `packed`. */
export function transferOf(packed: PackedSamples): ArrayBuffer[] {
  return [packed.labels.buffer, packed.values.buffer] as ArrayBuffer[];
}

/**
 * The samples of `packed`, rebuilt a slice at a time (../../graph/slicedWork): a 5,000-workload
 * answer (55,000–75,000 samples) rebuilt at once held the event loop 30–60 ms.
 */
export function unpackSamples(packed: PackedSamples): Promise<Sample[]> {
  return finishInSlices(unpackedSamplesOf(packed));
}

function* unpackedSamplesOf(packed: PackedSamples): SlicedWork<Sample[]> {
  const { strings, labels, values } = packed;
  const samples: Sample[] = new Array(values.length);
  let at = 0;
  for (let i = 0; i < values.length; i++) {
    if (i % ITEMS_PER_YIELD === ITEMS_PER_YIELD - 1) yield;
    const count = labels[at++];
    const sampleLabels: Record<string, string> = {};
    for (let l = 0; l < count; l++, at += 2)
      sampleLabels[strings[labels[at]]] = strings[labels[at + 1]];
    samples[i] = { labels: sampleLabels, value: values[i] };
  }
  return samples;
}
