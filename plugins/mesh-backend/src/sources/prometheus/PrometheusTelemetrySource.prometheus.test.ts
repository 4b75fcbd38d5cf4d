/*
 * The demo mesh scraped by a real Prometheus (Debian package) must give the same graph and health
 * as the demo read in-process, within rate tolerance. The demo's series are served in Istio's
 * exposition format by DemoMetricsServer (ztunnel's on their own target, labelled app=ztunnel by
 * the scrape config, as Kubernetes pod labels would be).
 */
import { MeshGraph } from '@mesh-portal/plugin-mesh-common';
import { buildGraph } from '../../graph/buildGraph';
import { DemoMesh } from '../demo/DemoMesh';
import { DemoTelemetrySource } from '../demo/DemoTelemetrySource';
import {
  startDemoMetricsServer,
  RunningMetricsServer,
} from '../demo/DemoMetricsServer';
import { modelWith } from '../demo/testModel';
import {
  describeWithPrometheus,
  RunningPrometheus,
  startPrometheus,
  waitForData,
} from '../../__testUtils__/prometheus';
import { SeriesQuery, TrafficSnapshot } from '../types';
import { PrometheusClient } from './PrometheusClient';
import { PrometheusTelemetrySource } from './PrometheusTelemetrySource';
import { CachedPrometheus } from './QueryCache';

const WINDOW = 15;
// Ten times the demo's load, so whole-number counters over a short window still carry rare codes.
const model = modelWith((_istio, m) =>
  m.apps.forEach(a => a.entries.forEach(e => (e.rps *= 10))),
);
const mesh = new DemoMesh({ model });

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

describeWithPrometheus(
  'PrometheusTelemetrySource against a real Prometheus',
  () => {
    let exporter: RunningMetricsServer;
    let prometheus: RunningPrometheus;

    beforeAll(async () => {
      exporter = await startDemoMetricsServer(mesh);
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
      await waitForData(prometheus.url, 'istio_requests_total');
      // Let the scrapes cover the whole rate window, and then some.
      await new Promise(r => setTimeout(r, (WINDOW + 3) * 1000));
    }, 60_000);

    afterAll(async () => {
      await prometheus?.stop();
      await exporter?.close();
    });

    it('builds the same graph and health through Prometheus as in-process', async () => {
      const prom = new CachedPrometheus(
        new PrometheusClient({ url: prometheus.url }),
      );
      const source = new PrometheusTelemetrySource(prom, {
        clusters: ['demo'],
      });
      const time = new Date(Date.now() - 1000);
      const viaPrometheus = await source.getTraffic({
        windowSeconds: WINDOW,
        time,
      });
      expect(viaPrometheus.errors).toEqual([]);
      expect(prom.stats.sent).toBe(4);
      const inProcess = await new DemoTelemetrySource(mesh).getTraffic({
        windowSeconds: WINDOW,
        time,
      });

      const expected = graphOf(inProcess.value, time);
      const actual = graphOf(viaPrometheus.value, time);
      const byId = new Map(actual.edges.map(e => [e.id, e]));
      const compared = expected.edges.filter(
        x => x.rps >= 2 || (x.bytesPerSecond ?? 0) >= 2000,
      );
      // Most of the demo's ~60 edges carry enough traffic to compare: HTTP, gRPC and TCP alike.
      expect(compared.length).toBeGreaterThan(40);
      expect(new Set(compared.map(e => e.protocol))).toEqual(
        new Set(['http', 'grpc', 'tcp']),
      );
      for (const e of compared) {
        const got = byId.get(e.id);
        expect({ edge: e.id, present: !!got }).toEqual({
          edge: e.id,
          present: true,
        });
        if (e.protocol === 'tcp')
          expect(got!.bytesPerSecond!).toBeGreaterThan(e.bytesPerSecond! * 0.8);
        else expect(Math.abs(got!.rps - e.rps) / e.rps).toBeLessThan(0.15);
        expect(got!.mtls).toBe(e.mtls);
        if (e.rps > 0)
          expect(Math.abs(got!.errorRate - e.errorRate)).toBeLessThan(0.03);
        if (e.latency?.p50)
          expect(
            Math.abs(got!.latency!.p50! - e.latency.p50) / e.latency.p50,
          ).toBeLessThan(0.35);
      }
      const health = (g: MeshGraph) =>
        Object.fromEntries(g.nodes.map(n => [n.id, n.health.status]));
      const expectedHealth = health(expected);
      const actualHealth = health(actual);
      for (const id of [
        'wl:demo:bookinfo:productpage-v1',
        'wl:demo:bookinfo:reviews-v2',
        'svc:demo:bookinfo:ratings',
        'wl:demo:online-boutique:paymentservice',
        'wl:demo:sock-shop:front-end',
      ]) {
        expect({ id, status: actualHealth[id] }).toEqual({
          id,
          status: expectedHealth[id],
        });
      }
    });

    /** One series query read through the real Prometheus and in-process from the demo. */
    const seriesBothWays = async (
      peers: Pick<SeriesQuery, 'source' | 'destination'>,
    ) => {
      const prom = new CachedPrometheus(
        new PrometheusClient({ url: prometheus.url }),
      );
      const source = new PrometheusTelemetrySource(prom, {
        clusters: ['demo'],
      });
      const query = {
        time: new Date(Date.now() - 1000),
        windowSeconds: WINDOW,
        stepSeconds: 5,
        ...peers,
      };
      return {
        prom,
        viaPrometheus: await source.getSeries(query),
        inProcess: (await new DemoTelemetrySource(mesh).getSeries(query)).value,
      };
    };

    it('reads the same time series through range queries as in-process', async () => {
      const { prom, viaPrometheus, inProcess } = await seriesBothWays({
        destination: { namespace: 'bookinfo', workload: 'details-v1' },
      });
      expect(viaPrometheus.errors).toEqual([]);
      expect(viaPrometheus.value.timestamps).toEqual(inProcess.timestamps);
      expect(viaPrometheus.value.reporter).toBe('destination');
      const ok = (s: typeof inProcess) =>
        s.requests.find(r => r.code === '200')!.values;
      // Points after Prometheus has two scrapes in their step: within rate tolerance of the exact values.
      ok(viaPrometheus.value)
        .slice(1)
        .forEach((v, i) =>
          expect(
            Math.abs(v - ok(inProcess)[i + 1]) / ok(inProcess)[i + 1],
          ).toBeLessThan(0.25),
        );
      expect(prom.stats.sent).toBe(3);
      expect(viaPrometheus.value.tcp).toBeUndefined();
      expect(
        viaPrometheus.value.latency[0].values
          .slice(1)
          .every(v => v !== null && v > 0),
      ).toBe(true);
    });

    it('reads TCP bytes each way of a TCP-only edge (ztunnel reports) through range queries as in-process', async () => {
      const { viaPrometheus, inProcess } = await seriesBothWays({
        source: { namespace: 'sock-shop', workload: 'carts' },
        destination: { namespace: 'sock-shop', workload: 'carts-db' },
      });
      expect(viaPrometheus.errors).toEqual([]);
      expect(viaPrometheus.value.requests).toEqual([]);
      for (const direction of ['clientToServer', 'serverToClient'] as const) {
        const exact = inProcess.tcp![direction];
        viaPrometheus.value
          .tcp![direction].slice(1)
          .forEach((v, i) =>
            expect(Math.abs(v - exact[i + 1]) / exact[i + 1]).toBeLessThan(
              0.25,
            ),
          );
      }
    });

    it('sends 4 queries per read whatever the namespace scope, and 50 concurrent identical reads share them', async () => {
      const prom = new CachedPrometheus(
        new PrometheusClient({ url: prometheus.url }),
      );
      const source = new PrometheusTelemetrySource(prom, {
        clusters: ['demo'],
        alignSeconds: 5,
      });
      const time = new Date();
      const scoped = await source.getTraffic({
        windowSeconds: WINDOW,
        time,
        namespaces: [
          'bookinfo',
          'sock-shop',
          'online-boutique',
          'istio-system',
        ],
      });
      expect(scoped.errors).toEqual([]);
      expect(scoped.value.requests.length).toBeGreaterThan(10);
      expect(prom.stats.sent).toBe(4);
      const results = await Promise.all(
        Array.from({ length: 50 }, () =>
          source.getTraffic({
            windowSeconds: WINDOW,
            time: new Date(time.getTime() + 1),
          }),
        ),
      );
      expect(results.every(r => r.errors.length === 0)).toBe(true);
      expect(prom.stats.sent).toBeLessThanOrEqual(8);
      expect(prom.stats.coalesced).toBeGreaterThanOrEqual(49 * 4 - 4);
    });
  },
);
