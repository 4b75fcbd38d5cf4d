/*
 * Samples as the worker thread sends them back (../workerThread, ./vectorDecoder): each distinct
 * string once, and every label as two indices into that table. Posting the samples themselves made
 * the event loop deserialize every label value as a string of its own — at 5,000 workloads a
 * refresh's snapshots held millions of copies of a few thousand names ("destination", "http",
 * namespace and service names: ~45 % of the heap in a heap snapshot of bench:scale) — and took
 * longer than rebuilding the samples from typed arrays, which are moved, not copied. Rebuilt
 * samples share one string per distinct value of an answer.
 */
import { Sample } from '../types';

export interface PackedSamples {
  /** Every distinct label name and value. */
  strings: string[];
  /** Per sample: its label count, then each label's name and value as indices into `strings`. */
  labels: Uint32Array;
  values: Float64Array;
}

export function packSamples(samples: Sample[]): PackedSamples {
  const index = new Map<string, number>();
  const strings: string[] = [];
  const indexOf = (s: string) => {
    let i = index.get(s);
    if (i === undefined) {
      index.set(s, (i = strings.length));
      strings.push(s);
    }
    return i;
  };
  const labels: number[] = [];
  const values = new Float64Array(samples.length);
  samples.forEach((sample, i) => {
    const entries = Object.entries(sample.labels);
    labels.push(entries.length);
    for (const [name, value] of entries)
      labels.push(indexOf(name), indexOf(String(value)));
    values[i] = sample.value;
  });
  return { strings, labels: Uint32Array.from(labels), values };
}

/** The typed arrays to move with a postMessage of `packed`. */
export function transferOf(packed: PackedSamples): ArrayBuffer[] {
  return [packed.labels.buffer, packed.values.buffer] as ArrayBuffer[];
}

export function unpackSamples(packed: PackedSamples): Sample[] {
  const { strings, labels, values } = packed;
  const samples: Sample[] = new Array(values.length);
  let at = 0;
  for (let i = 0; i < values.length; i++) {
    const count = labels[at++];
    const sampleLabels: Record<string, string> = {};
    for (let l = 0; l < count; l++, at += 2)
      sampleLabels[strings[labels[at]]] = strings[labels[at + 1]];
    samples[i] = { labels: sampleLabels, value: values[i] };
  }
  return samples;
}
