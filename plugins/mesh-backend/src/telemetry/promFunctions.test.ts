import {
  histogramQuantile,
  histogramQuantiles,
  parseBound,
  sumBy,
  sumWithout,
} from './promFunctions';

const buckets = (pairs: Array<[number, number]>) =>
  pairs.map(([le, value]) => ({ le, value }));

describe('histogramQuantile (Prometheus semantics)', () => {
  it('interpolates linearly inside the bucket holding the rank', () => {
    const b = buckets([
      [1, 0],
      [2, 50],
      [4, 100],
      [Infinity, 100],
    ]);
    expect(histogramQuantile(0.5, b)).toBe(2);
    expect(histogramQuantile(0.75, b)).toBe(3);
    expect(histogramQuantile(0.25, b)).toBe(1.5);
  });

  it('starts the lowest bucket at zero and caps ranks in +Inf at the highest finite bound', () => {
    expect(
      histogramQuantile(
        0.5,
        buckets([
          [10, 10],
          [Infinity, 10],
        ]),
      ),
    ).toBe(5);
    expect(
      histogramQuantile(
        0.99,
        buckets([
          [10, 50],
          [20, 60],
          [Infinity, 100],
        ]),
      ),
    ).toBe(20);
  });

  it('returns NaN without a +Inf bucket or without observations', () => {
    expect(
      histogramQuantile(
        0.5,
        buckets([
          [1, 1],
          [2, 2],
        ]),
      ),
    ).toBeNaN();
    expect(
      histogramQuantile(
        0.5,
        buckets([
          [1, 0],
          [Infinity, 0],
        ]),
      ),
    ).toBeNaN();
  });

  it('tolerates non-monotonic buckets like Prometheus does', () => {
    expect(
      histogramQuantile(
        0.5,
        buckets([
          [1, 60],
          [2, 40],
          [Infinity, 100],
        ]),
      ),
    ).toBeCloseTo(5 / 6, 9);
  });
});

describe('sumBy / sumWithout', () => {
  const samples = [
    { labels: { a: 'x', b: '1', reporter: 'source' }, value: 1 },
    { labels: { a: 'x', b: '1', reporter: 'destination' }, value: 2 },
    { labels: { a: 'y', b: '2', reporter: 'source' }, value: 4 },
  ];
  it('adds values per kept label set', () => {
    expect(sumBy(samples, ['a'])).toEqual([
      { labels: { a: 'x' }, value: 3 },
      { labels: { a: 'y' }, value: 4 },
    ]);
    expect(sumWithout(samples, ['reporter'])).toEqual([
      { labels: { a: 'x', b: '1' }, value: 3 },
      { labels: { a: 'y', b: '2' }, value: 4 },
    ]);
  });
});

describe('histogramQuantiles (one read of the buckets, every quantile)', () => {
  const rate = (edge: string, le: string, value: number) => ({
    labels: { source_workload: edge, reporter: 'destination', le },
    value,
  });

  it('groups bucket rates per label set and labels each quantile as the PromQL did', () => {
    const samples = histogramQuantiles([
      rate('a', '10', 50),
      rate('a', '20', 100),
      rate('a', '+Inf', 100),
      rate('b', '1', 0),
      rate('b', '+Inf', 0),
    ]);
    // b has no traffic: NaN, dropped like `histogram_quantile(…) > 0` drops it.
    expect(samples).toEqual([
      {
        labels: {
          source_workload: 'a',
          reporter: 'destination',
          quantile: '0.5',
        },
        value: 10,
      },
      {
        labels: {
          source_workload: 'a',
          reporter: 'destination',
          quantile: '0.95',
        },
        value: 19,
      },
      {
        labels: {
          source_workload: 'a',
          reporter: 'destination',
          quantile: '0.99',
        },
        value: 19.8,
      },
    ]);
  });

  it('reads bounds as Prometheus does and adds up buckets of the same bound', () => {
    expect([parseBound('+Inf'), parseBound('Inf'), parseBound('2.5')]).toEqual([
      Infinity,
      Infinity,
      2.5,
    ]);
    const coalesced = histogramQuantile(0.5, [
      { le: 1, value: 30 },
      { le: 1, value: 30 },
      { le: 2, value: 120 },
      { le: Infinity, value: 120 },
    ]);
    expect(coalesced).toBe(1);
  });

  it('groups buckets that arrive interleaved, histogram by histogram, in the order first seen', () => {
    // Two histograms' buckets alternating, each out of order: as a store may list them.
    const bucket = (w: string, le: string, value: number) => ({
      labels: { source_workload: w, reporter: 'destination', le },
      value,
    });
    const samples = histogramQuantiles(
      [
        bucket('b', '+Inf', 10),
        bucket('a', '2', 20),
        bucket('b', '1', 5),
        bucket('a', '+Inf', 20),
        bucket('b', '2', 10),
        bucket('a', '1', 0),
      ],
      ['source_workload', 'reporter'],
    );
    expect(
      samples.map(s => [s.labels.source_workload, s.labels.quantile, s.value]),
    ).toEqual([
      ['b', '0.5', 1],
      ['b', '0.95', 1.9],
      ['b', '0.99', 1.98],
      ['a', '0.5', 1.5],
      ['a', '0.95', 1.95],
      ['a', '0.99', 1.99],
    ]);
    // Histograms without data or without +Inf give no quantile.
    expect(
      histogramQuantiles(
        [bucket('c', '1', 0), bucket('c', '+Inf', 0), bucket('d', '1', 3)],
        ['source_workload'],
      ),
    ).toEqual([]);
  });
});
