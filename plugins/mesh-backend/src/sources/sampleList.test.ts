import { packSamples, packSamplesInSlices } from './prometheus/packedSamples';
import {
  concatSamples,
  PackedSampleList,
  packedBytes,
  sampleList,
  samplesOf,
  selectedSliced,
} from './sampleList';
import { dedupedByReporter } from '../graph/buildTrafficMap';
import { finish, ITEMS_PER_YIELD } from '../graph/slicedWork';
import { Sample } from './types';

const samples: Sample[] = [
  { labels: { reporter: 'source', a: 'x' }, value: 1 },
  { labels: {}, value: 2.5 },
  { labels: { a: 'y', reporter: 'destination', b: 'ü' }, value: -3 },
  { labels: { reporter: 'destination' }, value: Number.MIN_VALUE },
];

describe('sample lists', () => {
  it('read packed samples as the samples they were, labels in their order', () => {
    const list = new PackedSampleList(packSamples(samples));
    expect(list.length).toBe(4);
    expect([...list]).toEqual(samples);
    expect(Object.keys(list.at(2).labels)).toEqual(['a', 'reporter', 'b']);
    expect(list.at(0)).not.toBe(list.at(0)); // made on each read, kept by nobody
    expect(samples.map((_, i) => list.label(i, 'reporter'))).toEqual([
      'source',
      undefined,
      'destination',
      'destination',
    ]);
    expect(list.label(2, 'b')).toBe('ü');
    expect(list.label(0, 'absent')).toBeUndefined();
    expect(samples.map((_, i) => list.value(i))).toEqual([
      1,
      2.5,
      -3,
      Number.MIN_VALUE,
    ]);
  });

  it('key samples alike exactly when their key labels are, over objects, packed or selected', () => {
    const keyed: Sample[] = [
      { labels: { a: 'x', b: 'y', c: '1' }, value: 0 },
      { labels: { c: '2', b: 'y', a: 'x' }, value: 0 },
      { labels: { a: 'x', b: '' }, value: 0 },
      { labels: { a: 'x' }, value: 0 },
      { labels: { a: 'y', b: 'x' }, value: 0 },
      { labels: { b: 'x', a: 'y', d: '' }, value: 0 },
    ];
    const names = ['a', 'b', 'absent'];
    // Which samples share a key: an absent label is the empty string, order does not matter.
    const expected = [0, 0, 2, 2, 4, 4];
    const groups = (list: ReturnType<typeof sampleList>) => {
      const first = new Map<string, number>();
      return Array.from({ length: list.length }, (_, i) => {
        const key = list.key(i, names);
        if (!first.has(key)) first.set(key, i);
        return first.get(key);
      });
    };
    expect(groups(sampleList(keyed))).toEqual(expected);
    expect(groups(new PackedSampleList(packSamples(keyed)))).toEqual(expected);
    // Without any empty value in the table, an absent label still keys as one.
    const noEmpty = keyed.filter(s => s.labels.b !== '' && !('d' in s.labels));
    expect(
      groups(new PackedSampleList(packSamples([...noEmpty, ...noEmpty]))),
    ).toEqual([0, 0, 2, 3, 0, 0, 2, 3]);
    const packed = new PackedSampleList(packSamples(keyed));
    const picked = packed.select([5, 4, 0]);
    expect([0, 1, 2].map(i => picked.key(i, names))).toEqual(
      [5, 4, 0].map(i => packed.key(i, names)),
    );
  });

  it('select, filter and join as arrays would, over objects or packed', () => {
    const lists = [
      sampleList(samples),
      new PackedSampleList(packSamples(samples)),
    ];
    for (const list of lists) {
      const destination = (s: Sample) => s.labels.reporter === 'destination';
      expect(samplesOf(list.filter(destination))).toEqual(
        samples.filter(destination),
      );
      expect(
        samplesOf(list.filterIndexes(i => list.label(i, 'a') !== undefined)),
      ).toEqual([samples[0], samples[2]]);
      const picked = list.select([3, 0, 2]);
      expect(samplesOf(picked)).toEqual([samples[3], samples[0], samples[2]]);
      expect(samplesOf(picked.select([2, 0]))).toEqual([
        samples[2],
        samples[3],
      ]);
      expect(picked.label(2, 'b')).toBe('ü');
      expect(picked.value(1)).toBe(1);

      const joined = concatSamples([list, [], picked, samples.slice(1, 2)]);
      const expected = [...samples, samples[3], samples[0], samples[2]];
      expected.push(samples[1]);
      expect(joined.length).toBe(expected.length);
      expect(samplesOf(joined)).toEqual(expected);
      expect(expected.map((_, i) => joined.at(i))).toEqual(expected);
      expect(expected.map((_, i) => joined.label(i, 'a'))).toEqual(
        expected.map(s => s.labels.a),
      );
      expect(expected.map((_, i) => joined.value(i))).toEqual(
        expected.map(s => s.value),
      );
    }
    expect(concatSamples([[], []]).length).toBe(0);
    expect(samplesOf(concatSamples([samples]))).toEqual(samples);
  });

  it('select a slice at a time, and so does the reporter dedupe over them', () => {
    const many: Sample[] = Array.from({ length: 5000 }, (_, i) => ({
      labels: { reporter: i % 3 ? 'source' : 'destination', n: String(i % 7) },
      value: i,
    }));
    const list = new PackedSampleList(packSamples(many));
    const yields = (work: Generator<undefined, unknown, undefined>) => {
      let count = 0;
      while (!work.next().done) count++;
      return count;
    };
    const even = (i: number) => i % 2 === 0;
    expect(yields(selectedSliced(list, even))).toBe(
      Math.floor(5000 / ITEMS_PER_YIELD),
    );
    expect(samplesOf(finish(selectedSliced(list, even)))).toEqual(
      many.filter((_, i) => even(i)),
    );
    expect(finish(selectedSliced(list, () => true))).toBe(list);
    // Both passes of the dedupe (by reporter, then by key) give the event loop back.
    expect(yields(dedupedByReporter(list, ['n']))).toBeGreaterThanOrEqual(
      2 * Math.floor(5000 / ITEMS_PER_YIELD),
    );
  });

  it('count the bytes of typed arrays they hold', () => {
    const packed = packSamples(samples);
    const list = new PackedSampleList(packed);
    const bytes = packed.labels.byteLength + packed.values.byteLength + 4 * 4;
    expect(packedBytes(list)).toBe(bytes);
    expect(packedBytes(concatSamples([list, samples, list]))).toBe(2 * bytes);
    expect(packedBytes(samples)).toBe(0);
  });

  it('pack again only what is not packed yet', async () => {
    const packed = packSamples(samples);
    const list = new PackedSampleList(packed);
    expect(await packSamplesInSlices(list)).toBe(packed);
    const repacked = await packSamplesInSlices(list.select([2, 1]));
    expect([...new PackedSampleList(repacked)]).toEqual([
      samples[2],
      samples[1],
    ]);
  });

  it('refuse packed samples whose labels do not match their values or strings', () => {
    const good = packSamples(samples);
    const cases = [
      { ...good, values: good.values.subarray(0, 3) },
      { ...good, values: new Float64Array([...good.values, 0]) },
      { ...good, labels: good.labels.subarray(0, good.labels.length - 1) },
      { ...good, labels: Uint32Array.from([...good.labels, 0]) },
      {
        ...good,
        labels: Uint32Array.from(good.labels, (v, i) => (i === 1 ? 99 : v)),
      },
      {
        ...good,
        labels: Uint32Array.from(good.labels, (v, i) =>
          i === 0 ? 2 ** 30 : v,
        ),
      },
    ];
    for (const damaged of cases)
      expect(() => new PackedSampleList(damaged)).toThrow(
        'packed samples: labels do not match their values',
      );
    expect(new PackedSampleList(good).length).toBe(4);
  });
});
