/*
 * The graph route reading telemetry through a configured Prometheus (mesh.demo.prometheus): the
 * real Debian Prometheus scraping the demo's /metrics — and the same route when that Prometheus
 * is unreachable, which must still answer 200 with a typed per-source error.
 */
import { MeshEntityGraphResponse } from '@mesh-portal/plugin-mesh-common';
import net from 'net';
import request from 'supertest';
import { DemoMesh } from '../sources/demo/DemoMesh';
import {
  RunningMetricsServer,
  startDemoMetricsServer,
} from '../sources/demo/DemoMetricsServer';
import {
  describeWithPrometheus,
  RunningPrometheus,
  startPrometheus,
  waitForData,
} from '../__testUtils__/prometheus';
import { entityUrl, startMeshBackend } from '../__testUtils__/testBackend';

describe('graph route with an unreachable Prometheus', () => {
  // A port that stays taken (a freed one can be handed to the test backend itself, which then
  // answers the Prometheus queries with 404s) and resets every connection, as a dead endpoint does.
  let resetting: net.Server;
  beforeAll(async () => {
    resetting = net.createServer(socket => socket.destroy());
    await new Promise<void>(resolve =>
      resetting.listen(0, '127.0.0.1', resolve),
    );
  });
  afterAll(() => new Promise(resolve => resetting.close(resolve)));

  it('answers 200 with the mapping, no traffic and a typed UNREACHABLE telemetry error', async () => {
    const { port } = resetting.address() as net.AddressInfo;
    const server = await startMeshBackend({
      config: {
        mesh: {
          demo: {
            prometheus: { url: `http://127.0.0.1:${port}`, timeoutSeconds: 2 },
          },
        },
      },
    });
    const res = await request(server).get(entityUrl('productpage', 'graph'));
    expect(res.status).toBe(200);
    const graph: MeshEntityGraphResponse = res.body;
    expect(graph.mapping.workloads.map(w => w.name)).toEqual([
      'productpage-v1',
    ]);
    expect(graph.edges).toEqual([]);
    expect(graph.errors).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          source: 'telemetry',
          errorType: 'UNREACHABLE',
          cluster: 'demo',
        }),
      ]),
    );
    // The health view of the same entity still has replica status.
    const health = await request(server).get(entityUrl('reviews', 'health'));
    expect(health.status).toBe(200);
    expect(
      health.body.items.find((i: any) => i.name === 'reviews-v2').health.status,
    ).toBe('degraded');
  });
});

describeWithPrometheus('graph route through a real Prometheus', () => {
  let exporter: RunningMetricsServer;
  let prometheus: RunningPrometheus;
  beforeAll(async () => {
    exporter = await startDemoMetricsServer(new DemoMesh());
    const address = exporter.url.replace('http://', '');
    prometheus = await startPrometheus([
      { job: 'istio-proxies', address },
      {
        job: 'ztunnel',
        address,
        metricsPath: '/metrics/ztunnel',
        labels: { app: 'ztunnel' },
      },
    ]);
    // Several scrapes, so a short window already holds enough samples for rate().
    await waitForData(
      prometheus.url,
      'count_over_time(up{job="istio-proxies"}[1m]) > 5',
      40_000,
    );
  }, 60_000);
  afterAll(async () => {
    await prometheus?.stop();
    await exporter?.close();
  });

  it('returns the Bookinfo neighbourhood with traffic read from Prometheus', async () => {
    const server = await startMeshBackend({
      // No evaluation-time alignment: the default (5 s) could put the evaluation before the scrapes.
      config: {
        mesh: {
          demo: { prometheus: { url: prometheus.url } },
          telemetry: { alignSeconds: 0 },
        },
      },
    });
    const res = await request(server).get(
      entityUrl('productpage', 'graph', '?window=30s'),
    );
    expect(res.status).toBe(200);
    const graph: MeshEntityGraphResponse = res.body;
    expect(graph.errors).toEqual([]);
    const names = graph.nodes.map(n => n.name);
    for (const name of [
      'productpage-v1',
      'details-v1',
      'reviews-v1',
      'reviews-v2',
      'reviews-v3',
      'ratings-v1',
    ])
      expect(names).toContain(name);
    // Prometheus has only a few seconds of a 30 s window yet, so rates are underestimated: > 0 is
    // what this test can say (PrometheusTelemetrySource.prometheus.test compares values closely).
    expect(
      graph.edges.find(
        e =>
          e.source.endsWith(':productpage-v1') &&
          e.target.endsWith(':details-v1'),
      )!.rps,
    ).toBeGreaterThan(0);
  });
});
