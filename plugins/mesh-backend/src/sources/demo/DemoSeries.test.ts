/* Time series of nodes and edges from the demo: the same numbers as the graph, per step. */
import { DemoMesh } from './DemoMesh';
import { DemoTelemetrySource } from './DemoTelemetrySource';
import { samplesOf } from '../sampleList';

const mesh = new DemoMesh({ epochSeconds: 1_700_000_000 });
const source = new DemoTelemetrySource(mesh);
const time = new Date((1_700_000_000 + 7200) * 1000);

describe('demo time series', () => {
  it('follows a node inbound with one point per step, codes split, latency quantiles ordered', async () => {
    const { value } = await source.getSeries({
      time,
      windowSeconds: 600,
      stepSeconds: 60,
      destination: { namespace: 'bookinfo', workload: 'details-v1' },
    });
    expect(value.timestamps).toHaveLength(10);
    expect(value.reporter).toBe('destination');
    expect(value.requests.map(r => r.code).sort()).toEqual(['200', '503']);
    const ok = value.requests.find(r => r.code === '200')!;
    expect(ok.values.every(v => v > 15 && v < 30)).toBe(true);
    const [p50, p95, p99] = value.latency;
    value.timestamps.forEach((_, i) => {
      expect(p50.values[i]!).toBeLessThanOrEqual(p95.values[i]!);
      expect(p95.values[i]!).toBeLessThanOrEqual(p99.values[i]!);
    });
  });

  it('agrees with the graph edge over the same window', async () => {
    const edge = {
      source: { namespace: 'bookinfo', workload: 'productpage-v1' },
      destination: { namespace: 'bookinfo', workload: 'reviews-v1' },
    };
    const aligned = new Date(1_700_007_600 * 1000); // a multiple of the step: both read the same 10 minutes
    const { value } = await source.getSeries({
      time: aligned,
      windowSeconds: 600,
      stepSeconds: 600,
      ...edge,
    });
    const { value: traffic } = await source.getTraffic({
      time: aligned,
      windowSeconds: 600,
    });
    const expected = samplesOf(traffic.requests)
      .filter(
        s =>
          s.labels.reporter === 'destination' &&
          s.labels.source_workload === 'productpage-v1' &&
          s.labels.destination_workload === 'reviews-v1',
      )
      .reduce((a, s) => a + s.value, 0);
    expect(value.requests[0].values[0]).toBeCloseTo(expected, 6);
  });

  it("falls back to the client's reports when the server has no proxy of its own (ambient without waypoint)", async () => {
    const { value } = await source.getSeries({
      time,
      windowSeconds: 300,
      stepSeconds: 60,
      source: { namespace: 'istio-system', workload: 'istio-ingressgateway' },
      destination: { namespace: 'sock-shop', workload: 'front-end' },
    });
    expect(value.reporter).toBe('source');
    expect(value.requests[0].values.every(v => v > 0)).toBe(true);
  });

  it('follows a TCP-only edge in bytes each way, ztunnel reports included, as the graph counts them', async () => {
    const aligned = new Date(1_700_007_600 * 1000);
    const edge = {
      source: { namespace: 'sock-shop', workload: 'carts' },
      destination: { namespace: 'sock-shop', workload: 'carts-db' },
    };
    const { value } = await source.getSeries({
      time: aligned,
      windowSeconds: 600,
      stepSeconds: 600,
      ...edge,
    });
    expect(value.requests).toEqual([]);
    const { value: traffic } = await source.getTraffic({
      time: aligned,
      windowSeconds: 600,
    });
    const graphRate = (samples: typeof traffic.tcpSent) => {
      const matching = samplesOf(samples).filter(
        s =>
          s.labels.source_workload === 'carts' &&
          s.labels.destination_workload === 'carts-db',
      );
      // The graph keeps the server's report where there is one, like the series.
      const server = matching.filter(s => s.labels.reporter === 'destination');
      return (server.length > 0 ? server : matching).reduce(
        (a, s) => a + s.value,
        0,
      );
    };
    expect(value.tcp!.clientToServer[0]).toBeGreaterThan(0);
    expect(value.tcp!.clientToServer[0]).toBeCloseTo(
      graphRate(traffic.tcpSent),
      6,
    );
    expect(value.tcp!.serverToClient[0]).toBeCloseTo(
      graphRate(traffic.tcpReceived),
      6,
    );
  });

  it('returns an empty series for a peer without traffic', async () => {
    const { value } = await source.getSeries({
      time,
      windowSeconds: 300,
      stepSeconds: 60,
      destination: { namespace: 'bookinfo', workload: 'nope' },
    });
    expect(value).toMatchObject({ requests: [], reporter: 'none' });
    expect(value.tcp).toBeUndefined();
  });
});
