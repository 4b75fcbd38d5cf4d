/*
 * The model's refresh reads the latency histogram once and computes the quantiles in process
 * (histogramQuantiles): they must equal what Prometheus' own `histogram_quantile` returns for
 * every edge. A real Prometheus scrapes a real Istio sidecar scrape (../shared/fixtures, Istio
 * 1.11, served with its counters growing so that rates exist) and the demo mesh (many edges with
 * different latency distributions, in Istio's exposition format).
 */
import fs from 'fs';
import http from 'http';
import { AddressInfo } from 'net';
import path from 'path';
import {
  describeWithFixtures,
  FIXTURES_DIR,
} from '../../__testUtils__/fixtures';
import {
  describeWithPrometheus,
  RunningPrometheus,
  startPrometheus,
  waitForData,
} from '../../__testUtils__/prometheus';
import { DemoMesh } from '../demo/DemoMesh';
import {
  RunningMetricsServer,
  startDemoMetricsServer,
} from '../demo/DemoMetricsServer';
import { Sample } from '../types';
import { PrometheusClient } from './PrometheusClient';
import { PrometheusTelemetrySource } from './PrometheusTelemetrySource';
import { CachedPrometheus } from './QueryCache';
import { workerThread } from '../workerThread';
import { samplesOf } from '../sampleList';

const WINDOW = 15;
const SIDECAR_SCRAPE = 'datadog-istio-1.11-sidecar-istio-metrics-excerpt.txt';

/**
 * Serves a recorded scrape as a live target: each scrape multiplies every value by the seconds
 * since start, so counters grow in the recorded proportions (the bucket rates of a histogram keep
 * the recorded distribution).
 */
function serveGrowing(text: string): Promise<http.Server> {
  const started = Date.now();
  const server = http.createServer((_req, res) => {
    const factor = Math.max(1, Math.round((Date.now() - started) / 1000));
    const body = text
      .split('\n')
      .map(line =>
        line.startsWith('#') || !line.trim()
          ? line
          : line.replace(/ ([0-9.e+-]+)$/, (_m, v) => ` ${Number(v) * factor}`),
      )
      .join('\n');
    res.setHeader('Content-Type', 'text/plain; version=0.0.4');
    res.end(body);
  });
  return new Promise(resolve =>
    server.listen(0, '127.0.0.1', () => resolve(server)),
  );
}

const key = (s: Sample) =>
  JSON.stringify(
    Object.entries(s.labels).sort(([a], [b]) => a.localeCompare(b)),
  );

describeWithFixtures('latency quantiles computed in process', () => {
  describeWithPrometheus('against a real Prometheus', () => {
    let sidecar: http.Server;
    let demo: RunningMetricsServer;
    let prometheus: RunningPrometheus;

    beforeAll(async () => {
      sidecar = await serveGrowing(
        fs.readFileSync(
          path.join(FIXTURES_DIR, 'prometheus-scrapes', SIDECAR_SCRAPE),
          'utf8',
        ),
      );
      demo = await startDemoMetricsServer(new DemoMesh());
      const { port } = sidecar.address() as AddressInfo;
      prometheus = await startPrometheus([
        { job: 'sidecar', address: `127.0.0.1:${port}` },
        { job: 'demo', address: demo.url.replace('http://', '') },
      ]);
      await waitForData(
        prometheus.url,
        'istio_request_duration_milliseconds_bucket{source_cluster="Kubernetes"}',
      );
      await new Promise(r => setTimeout(r, (WINDOW + 3) * 1000));
    }, 60_000);

    afterAll(async () => {
      await prometheus?.stop();
      await demo?.close();
      await new Promise(r => sidecar?.close(r));
    });

    // Large answers are decoded on a worker thread (./vectorDecoder): both ways give the same.
    it.each([
      ['decoded on the event loop', undefined],
      ['decoded on the worker thread', 0],
    ])(
      'equal Prometheus’ histogram_quantile for every edge, %s',
      async (_, offThreadBytes) => {
        const time = new Date(Date.now() - 1000);
        const decodedBefore = workerThread.done;
        const client = new PrometheusClient({
          url: prometheus.url,
          offThreadBytes,
        });
        const source = new PrometheusTelemetrySource(
          new CachedPrometheus(client),
          {
            clusters: ['demo'],
          },
        );
        const refreshed = await source.getTraffic(
          { windowSeconds: WINDOW, time },
          { exact: true },
        );
        expect(refreshed.errors).toEqual([]);
        // What the same read returned before: one histogram_quantile per quantile, in Prometheus.
        const byPrometheus = await client.query(
          PrometheusTelemetrySource.queries(
            { windowSeconds: WINDOW },
            undefined,
            'quantiles',
          ).latency,
          time,
        );

        const ours = new Map(
          samplesOf(refreshed.value.latency).map(s => [key(s), s.value]),
        );
        expect(byPrometheus.samples.length).toBeGreaterThan(30);
        expect([...ours.keys()].sort()).toEqual(
          byPrometheus.samples.map(key).sort(),
        );
        for (const s of byPrometheus.samples) {
          const value = ours.get(key(s))!;
          expect(Math.abs(value - s.value)).toBeLessThanOrEqual(
            1e-9 * Math.abs(s.value),
          );
        }
        // The recorded sidecar's one request fell in (1000, 2500] ms: the median interpolates to 1750.
        const recorded = samplesOf(refreshed.value.latency).find(
          s =>
            s.labels.source_cluster === 'Kubernetes' &&
            s.labels.quantile === '0.5',
        );
        expect(recorded?.labels).toMatchObject({
          source_workload: 'productpage-v1',
          destination_workload: 'reviews-v1',
          reporter: 'destination',
        });
        expect(recorded?.value).toBeCloseTo(1750, 6);
        // The refresh's 4 reads (and the comparison read) went through the worker, or none did.
        expect(workerThread.done - decodedBefore).toBe(
          offThreadBytes === 0 ? 5 : 0,
        );
      },
    );
  });
});
