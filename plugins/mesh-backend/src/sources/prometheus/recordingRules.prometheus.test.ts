/*
 * `workloadRecordingRules`: a real Prometheus (Debian package) scraping the demo mesh and loaded
 * with Istio's documented workload-level recording rules (__testUtils__/istioRecordingRules). The
 * graph and the series read from the recorded `workload:` series must match those read from the
 * proxies' own series, and must really come from the recorded ones.
 */
import { MeshGraph } from '@mesh-portal/plugin-mesh-common';
import { buildGraph } from '../../graph/buildGraph';
import { istioRecordingRules } from '../../__testUtils__/istioRecordingRules';
import {
  describeWithPrometheus,
  RunningPrometheus,
  startDemoPrometheus,
  waitForData,
} from '../../__testUtils__/prometheus';
import { istioMetricNames } from '../../telemetry/istioMetrics';
import { DemoMesh } from '../demo/DemoMesh';
import { TrafficSnapshot } from '../types';
import { PrometheusClient } from './PrometheusClient';
import { PrometheusTelemetrySource } from './PrometheusTelemetrySource';
import { CachedPrometheus } from './QueryCache';

const WINDOW = 15;
const mesh = new DemoMesh();

function graphOf(traffic: TrafficSnapshot, time: Date): MeshGraph {
  return buildGraph({
    graphType: 'workload',
    windowSeconds: WINDOW,
    time,
    traffic,
    workloads: mesh.workloads,
    services: mesh.objects.services.map(s => ({ ...s, cluster: 'demo' })),
    owners: new Map(),
    clusterName: id => id,
    errors: [],
  });
}

describeWithPrometheus("Istio's workload-level recording rules", () => {
  let prometheus: RunningPrometheus;
  beforeAll(async () => {
    prometheus = await startDemoPrometheus(1, 2, {
      mesh,
      rules: istioRecordingRules,
    });
    await waitForData(prometheus.url, 'workload:istio_requests_total');
    // Let the recorded series cover the whole rate window, and then some.
    await new Promise(r => setTimeout(r, (WINDOW + 3) * 1000));
  }, 90_000);
  afterAll(() => prometheus?.stop());

  const source = (workloadRecordingRules: boolean) =>
    new PrometheusTelemetrySource(
      new CachedPrometheus(new PrometheusClient({ url: prometheus.url })),
      { clusters: ['demo'], workloadRecordingRules },
    );

  it('queries the recorded series', () => {
    const queries = PrometheusTelemetrySource.queries(
      { windowSeconds: WINDOW },
      istioMetricNames(true),
    );
    expect(queries.requests).toContain('workload:istio_requests_total[15s]');
    expect(queries.tcpSent).toContain(
      'workload:istio_tcp_received_bytes_total',
    );
    expect(queries.tcpReceived).toContain(
      'workload:istio_tcp_sent_bytes_total',
    );
    expect(queries.latency).toContain(
      'workload:istio_request_duration_milliseconds_bucket',
    );
    expect(queries.requests).not.toMatch(/[^:]istio_requests_total/);
  });

  it('gives the graph the proxies’ own series give', async () => {
    const time = new Date(Date.now() - 1000);
    const [raw, recorded] = await Promise.all(
      [false, true].map(rules =>
        source(rules).getTraffic({ windowSeconds: WINDOW, time }),
      ),
    );
    expect(recorded.errors).toEqual([]);
    expect(raw.errors).toEqual([]);
    const expected = graphOf(raw.value, time);
    const actual = graphOf(recorded.value, time);
    expect(actual.edges.map(e => e.id).sort()).toEqual(
      expected.edges.map(e => e.id).sort(),
    );
    const byId = new Map(actual.edges.map(e => [e.id, e]));
    const compared = expected.edges.filter(
      e => e.rps >= 1 || (e.bytesPerSecond ?? 0) >= 1000,
    );
    expect(new Set(compared.map(e => e.protocol))).toEqual(
      new Set(['http', 'grpc', 'tcp']),
    );
    // Rule evaluations and scrapes sample the counters at slightly different moments.
    for (const e of compared) {
      const got = byId.get(e.id)!;
      if (e.protocol === 'tcp')
        expect(
          Math.abs(got.bytesPerSecond! - e.bytesPerSecond!) / e.bytesPerSecond!,
        ).toBeLessThan(0.25);
      else expect(Math.abs(got.rps - e.rps) / e.rps).toBeLessThan(0.25);
      expect(got.mtls).toBe(e.mtls);
      if (e.latency?.p95) expect(got.latency?.p95).toBeGreaterThan(0);
    }
  });

  it('gives an edge’s time series from the recorded series', async () => {
    const series = await source(true).getSeries({
      time: new Date(Date.now() - 1000),
      windowSeconds: 60,
      stepSeconds: 5,
      source: { namespace: 'bookinfo', workload: 'productpage-v1' },
      destination: { namespace: 'bookinfo', workload: 'details-v1' },
    });
    expect(series.errors).toEqual([]);
    expect(series.value.reporter).not.toBe('none');
    const total = series.value.requests
      .flatMap(r => r.values)
      .reduce((a, v) => a + v, 0);
    expect(total).toBeGreaterThan(0);
  });
});
