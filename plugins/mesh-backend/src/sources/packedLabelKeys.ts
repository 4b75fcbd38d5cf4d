/*
 * Keys of packed samples' label values (./sampleList `key`), made from their indexes into the
 * string table (./prometheus/packedSamples) instead of the strings themselves: the reporter dedupe
 * (../graph/buildTrafficMap) keys every sample of a part by ~10 labels, and at 5,000 workloads
 * joining their strings made 130,000 keys of ~150 characters per pass — one pass for the object
 * health and one per graph base, every refresh. Two characters per label instead.
 */
import type { PackedSamples } from './prometheus/packedSamples';

/** The index of a label the sample does not have, when no label value is the empty string. */
const ABSENT = 0xffffffff;

export class PackedLabelKeys {
  /** String index → the label's position in the key (-1: not a key label). */
  private readonly position: Int32Array;
  /** What a missing label counts as: the empty string's index (the value `label` gives is ''). */
  private readonly absent: number;
  private readonly codes: number[];

  constructor(
    private readonly packed: PackedSamples,
    names: readonly string[],
  ) {
    const { strings } = packed;
    this.position = new Int32Array(strings.length).fill(-1);
    names.forEach((name, p) => {
      const at = strings.indexOf(name);
      if (at >= 0) this.position[at] = p;
    });
    const empty = strings.indexOf('');
    this.absent = empty >= 0 ? empty : ABSENT;
    this.codes = new Array(2 * names.length);
  }

  /** The key of the sample whose labels start at `start` in the packed labels. */
  key(start: number): string {
    const { labels } = this.packed;
    const { codes, position, absent } = this;
    for (let c = 0; c < codes.length; c += 2) {
      codes[c] = absent & 0xffff;
      codes[c + 1] = absent >>> 16;
    }
    const end = start + 1 + 2 * labels[start];
    for (let at = start + 1; at < end; at += 2) {
      const p = position[labels[at]];
      if (p < 0) continue;
      const value = labels[at + 1];
      codes[2 * p] = value & 0xffff;
      codes[2 * p + 1] = value >>> 16;
    }
    return String.fromCharCode.apply(null, codes);
  }
}
