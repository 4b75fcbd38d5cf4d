import { histogramQuantile, sumBy, sumWithout } from './promFunctions';

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
