import { MeshSpan } from '@mesh-portal/plugin-mesh-common';
import { bookinfoGraph } from '../__fixtures__/bookinfo';
import { demo } from '../__fixtures__/demo';
import {
  traceCapNotice,
  formatMicros,
  traceServiceName,
  tracePoints,
  tracesThroughServices,
  waterfallRows,
  waterfallRuler,
} from './traces';

const span = (
  spanId: string,
  parentSpanId: string | undefined,
  start: number,
  duration: number,
): MeshSpan => ({
  traceId: 't',
  spanId,
  parentSpanId,
  serviceName: `svc-${spanId}`,
  operationName: 'op',
  startTimeMicros: start,
  durationMicros: duration,
  isError: false,
  tags: {},
});

describe('traceServiceName', () => {
  it("is Istio's <app>.<namespace>, and none for clients without identity", () => {
    const byName = (name: string) =>
      bookinfoGraph.nodes.find(n => n.name === name)!;
    expect(traceServiceName(byName('reviews-v2'))).toBe('reviews.bookinfo');
    expect(traceServiceName(byName('istio-ingressgateway'))).toBe(
      'istio-ingressgateway.istio-system',
    );
    expect(traceServiceName(byName('unknown'))).toBeUndefined();
  });
});

describe('tracesThroughServices', () => {
  const { traces } = demo.productpageTraces;

  it('keeps traces through every given service', () => {
    const withRatings = tracesThroughServices(traces, [
      'reviews.bookinfo',
      'ratings.bookinfo',
    ]);
    expect(withRatings.length).toBeGreaterThan(0);
    expect(withRatings.length).toBeLessThan(traces.length);
    expect(
      withRatings.every(t => t.services.includes('ratings.bookinfo')),
    ).toBe(true);
    expect(tracesThroughServices(traces, [])).toBe(traces);
    expect(tracesThroughServices(traces, ['nowhere.bookinfo'])).toEqual([]);
  });

  it('plots start time in ms against duration in ms, errors flagged', () => {
    const [point] = tracePoints([
      {
        ...traces[0],
        startTimeMicros: 2_000_000,
        durationMicros: 37_500,
        errorCount: 1,
      },
    ]);
    expect(point).toEqual({
      traceId: traces[0].traceId,
      time: 2000,
      durationMs: 37.5,
      isError: true,
    });
  });
});

describe('waterfallRows', () => {
  it('orders spans depth-first by start and positions them on the trace time line', () => {
    const rows = waterfallRows([
      span('c', 'a', 150, 50),
      span('a', undefined, 100, 100),
      span('b', 'a', 110, 20),
      span('d', 'b', 115, 5),
    ]);
    expect(rows.map(r => [r.span.spanId, r.depth])).toEqual([
      ['a', 0],
      ['b', 1],
      ['d', 2],
      ['c', 1],
    ]);
    expect(rows[0]).toMatchObject({ offset: 0, width: 1 });
    expect(rows[3].offset).toBeCloseTo(0.5);
    expect(rows[3].width).toBeCloseTo(0.5);
  });

  it('shows spans whose parent is missing as roots, and survives cycles', () => {
    const rows = waterfallRows([
      span('x', 'missing', 0, 10),
      span('y', 'z', 0, 1),
      span('z', 'y', 0, 1),
    ]);
    expect(rows.find(r => r.span.spanId === 'x')?.depth).toBe(0);
    // y and z are each other's parent: no endless loop, and both are still shown once.
    expect(rows.map(r => r.span.spanId).sort()).toEqual(['x', 'y', 'z']);
  });

  it('lays out the recorded demo trace with every span once', () => {
    const { spans } = demo.productpageTrace.trace!;
    const rows = waterfallRows(spans);
    expect(rows).toHaveLength(spans.length);
    expect(rows[0].depth).toBe(0);
    expect(
      rows.every(r => r.offset >= 0 && r.offset + r.width <= 1 + 1e-9),
    ).toBe(true);
  });

  it('rules the time line in nice steps that line up with the bars', () => {
    const spans = [span('a', undefined, 100, 100), span('b', 'a', 150, 50)];
    const ruler = waterfallRuler(spans, 4);
    expect(ruler.map(t => t.label)).toEqual(['0', '50 µs', '100 µs']);
    expect(ruler.map(t => t.offset)).toEqual([0, 0.5, 1]);
    // b starts 50 µs in: on the ruler's 50 µs mark.
    expect(waterfallRows(spans)[1].offset).toBe(ruler[1].offset);
    const demoRuler = waterfallRuler(demo.productpageTrace.trace!.spans);
    expect(new Set(demoRuler.map(t => t.label)).size).toBe(demoRuler.length);
    expect(demoRuler.every(t => t.offset >= 0 && t.offset <= 1)).toBe(true);
  });

  it.each([
    [850, '850 µs'],
    [12_345, '12 ms'],
    [1_500, '1.5 ms'],
    [1_200_000, '1.2 s'],
  ])('formats %d µs as %s', (micros, text) => {
    expect(formatMicros(micros)).toBe(text);
  });
});

describe('traceCapNotice', () => {
  const now = Date.UTC(2026, 0, 1, 12);
  const at = (secondsAgo: number) => ({
    startTimeMicros: (now - secondsAgo * 1000) * 1000,
  });

  it('says which span a full page of traces really covers', () => {
    const traces = Array.from({ length: 100 }, (_, i) => at(i * 5.4));
    expect(
      traceCapNotice({ limit: 100, lookbackSeconds: 3600, traces }, now),
    ).toBe(
      'Showing the newest 100 traces: they cover only the last 9 min of the 60 min asked for. Filter by minimum duration or errors to reach further back.',
    );
  });

  it('says nothing when the limit was not reached or the lookback is covered', () => {
    expect(
      traceCapNotice(
        { limit: 100, lookbackSeconds: 3600, traces: [at(10)] },
        now,
      ),
    ).toBeUndefined();
    const spread = Array.from({ length: 10 }, (_, i) => at(i * 400));
    expect(
      traceCapNotice({ limit: 10, lookbackSeconds: 3600, traces: spread }, now),
    ).toBeUndefined();
  });
});
