/* Demo traces must tell the same story as the demo's metrics: same routing, faults and proxies. */
import { DemoMesh } from './DemoMesh';
import { DemoTraceSource } from './DemoTraceSource';

const END = new Date(1_700_100_000_000);
const source = new DemoTraceSource(
  new DemoMesh({ epochSeconds: 1_700_000_000 }),
);

async function traces(
  serviceName: string,
  extra: Partial<Parameters<DemoTraceSource['findTraces']>[0]> = {},
) {
  const { value, errors } = await source.findTraces({
    serviceName,
    end: END,
    lookbackSeconds: 3600,
    limit: 400,
    ...extra,
  });
  expect(errors).toEqual([]);
  return value;
}

describe('DemoTraceSource', () => {
  it('lists recent traces of a service, newest first, within the lookback', async () => {
    const list = await traces('productpage.bookinfo', { limit: 20 });
    expect(list).toHaveLength(20);
    const starts = list.map(t => t.startTimeMicros);
    expect([...starts].sort((a, b) => b - a)).toEqual(starts);
    expect(starts[starts.length - 1]).toBeGreaterThan(
      (END.getTime() - 3600_000) * 1000,
    );
    expect(list[0]).toMatchObject({
      rootServiceName: 'istio-ingressgateway.istio-system',
      services: expect.arrayContaining([
        'productpage.bookinfo',
        'details.bookinfo',
      ]),
    });
  });

  it('routes reviews calls by the VirtualService weights and injects the ratings fault', async () => {
    const ids = (await traces('productpage.bookinfo')).map(t => t.traceId);
    const spans = (
      await Promise.all(ids.map(id => source.getTrace(id)))
    ).flatMap(r => r.value!.spans);
    const reviewsServers = spans.filter(
      s =>
        s.serviceName === 'reviews.bookinfo' &&
        s.tags['span.kind'] === 'server',
    );
    const v1 =
      reviewsServers.filter(s =>
        String(s.tags.node_id).includes('~reviews-v1-'),
      ).length / reviewsServers.length;
    expect(v1).toBeGreaterThan(0.4);
    expect(v1).toBeLessThan(0.6);
    const ratingsCalls = spans.filter(
      s =>
        s.tags['span.kind'] === 'client' &&
        s.operationName.startsWith('ratings.bookinfo'),
    );
    const faulted = ratingsCalls.filter(
      s => s.isError && s.tags['http.status_code'] === '500',
    );
    expect(faulted.length / ratingsCalls.length).toBeGreaterThan(0.01);
    expect(faulted.length / ratingsCalls.length).toBeLessThan(0.12);
  });

  it('returns the same trace by id, and nothing for an unknown id', async () => {
    const [first] = await traces('reviews.bookinfo', { limit: 1 });
    const { value } = await source.getTrace(first.traceId);
    expect(value?.spans.length).toBe(first.spanCount);
    expect(value?.spans.every(s => s.traceId === first.traceId)).toBe(true);
    expect(
      (await source.getTrace('ffff000000000000ffffffffffffffff')).value,
    ).toBeUndefined();
    expect((await source.getTrace('not-a-trace')).value).toBeUndefined();
  });

  it('filters error traces and minimum duration', async () => {
    // productpage's traces often cross the ratings fault (5% of ratings calls): errors are common there.
    const errors = await traces('productpage.bookinfo', {
      errorsOnly: true,
      limit: 5,
    });
    expect(errors.length).toBeGreaterThan(0);
    expect(errors.every(t => t.errorCount > 0)).toBe(true);
    const slow = await traces('productpage.bookinfo', {
      minDurationMicros: 100_000,
      limit: 5,
    });
    expect(slow.every(t => t.durationMicros >= 100_000)).toBe(true);
  });

  it('has no spans from ambient workloads without a waypoint', async () => {
    const sockShop = await traces('front-end.sock-shop', { limit: 5 });
    expect(sockShop).toEqual([]);
    const viaGateway = await traces('istio-ingressgateway.istio-system', {
      limit: 50,
    });
    expect(viaGateway.some(t => t.services.length === 1)).toBe(true); // gateway → ambient front-end: one proxy span
  });
});
