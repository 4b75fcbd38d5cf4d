/*
 * Scale benchmark of the mesh model (issue 15):   npm run bench:scale   (from the repository root)
 * For each size (BENCH_SIZES, `workloads-per-namespace:namespaces:edges,…`; default the issue's
 * 10:500:25000 = 5,000 workloads, and 5:200:5000 for the model's memory growth), a real
 * Prometheus scrapes a synthetic mesh (./syntheticPrometheus); then, in this process:
 * - rawPromqlMs: the 4 mesh-wide queries of one 1m read, straight to Prometheus; refreshMs: the
 *   model's refresh of that window (ratio = refresh / raw); refreshAllMs: all canonical windows;
 * - modelHeapMB: heap held by the model of all canonical windows (after full GCs);
 * - 1 and then BENCH_USERS (50) concurrent callers for BENCH_DURATION s each, reading an entity's
 *   2-hop graph from the model while it is refreshed every BENCH_REFRESH s: entityGraphP95Ms,
 *   dataAgeP95S, and Prometheus queries per minute counted at Prometheus' side.
 * Not measured here (the issue's full bench): the backend over HTTP with real auth, the catalog
 * of 5,000 Components, catalog p95 and two replicas — those fields are null in the JSON line.
 * Speed is measured here, never asserted in tests. Run with --expose-gc (scripts/bench.sh does).
 */
import { buildGraph } from '../src/graph/buildGraph';
import { ModelTelemetrySource } from '../src/sources/model/ModelTelemetrySource';
import { TrafficModel } from '../src/sources/model/TrafficModel';
import { PrometheusClient } from '../src/sources/prometheus/PrometheusClient';
import { PrometheusTelemetrySource } from '../src/sources/prometheus/PrometheusTelemetrySource';
import { CachedPrometheus } from '../src/sources/prometheus/QueryCache';
import { prometheusBinary } from '../src/__testUtils__/prometheus';
import { prometheusRequests } from '../../../packages/backend/bench/benchBackend';
import { syntheticMesh } from './syntheticMesh';
import { startSyntheticPrometheus } from './syntheticPrometheus';

const SIZES = (process.env.BENCH_SIZES ?? '5:200:5000,10:500:25000')
  .split(',')
  .map(s => s.split(':').map(Number));
const USERS = Number(process.env.BENCH_USERS ?? 50);
const DURATION = Number(process.env.BENCH_DURATION ?? 60);
const REFRESH = Number(process.env.BENCH_REFRESH ?? 30);
const WINDOWS = [60, 300, 600, 3600];
const WINDOW = 60;

const now = () => Number(process.hrtime.bigint()) / 1e6;
const p95 = (values: number[]) =>
  [...values].sort((a, b) => a - b)[Math.floor(values.length * 0.95)] ?? null;
const heapMb = () => {
  for (let i = 0; i < 3; i++) global.gc?.();
  return process.memoryUsage().heapUsed / 1e6;
};
const queriesAt = async (url: string) =>
  (await prometheusRequests(url))['/api/v1/query'] ?? 0;

async function measure(
  perNamespace: number,
  namespaces: number,
  edges: number,
) {
  const mesh = syntheticMesh(namespaces, perNamespace, edges);
  const prometheus = await startSyntheticPrometheus({
    namespaces,
    perNamespace,
    edges,
    scrapeSeconds: 10,
    windowSeconds: WINDOW,
  });
  try {
    const store = new PrometheusTelemetrySource(
      new CachedPrometheus(
        new PrometheusClient({
          url: prometheus.url,
          timeoutMs: 120_000,
          maxResponseBytes: 1024 * 1024 * 1024,
        }),
      ),
      { clusters: ['bench'] },
    );
    const time = new Date();
    const raw = now();
    await Promise.all(
      Object.values(
        PrometheusTelemetrySource.queries({ windowSeconds: WINDOW }),
      ).map(q =>
        fetch(`${prometheus.url}/api/v1/query`, {
          method: 'POST',
          body: new URLSearchParams({ query: q, time: String(+time / 1000) }),
        }).then(r => r.text()),
      ),
    );
    const rawPromqlMs = now() - raw;
    const one = new TrafficModel({
      store,
      windowsSeconds: [WINDOW],
      refreshMs: REFRESH * 1000,
    });
    const refreshStart = now();
    await one.refresh();
    const refreshMs = now() - refreshStart;

    const heapBefore = heapMb();
    const model = new TrafficModel({
      store,
      windowsSeconds: WINDOWS,
      refreshMs: REFRESH * 1000,
    });
    const allStart = now();
    const report = await model.refresh();
    const refreshAllMs = now() - allStart;
    const modelHeapMB = heapMb() - heapBefore;
    const source = new ModelTelemetrySource(store, model, 2 * REFRESH * 1000);

    let refreshing = true;
    const refresher = (async () => {
      while (refreshing) {
        await new Promise(r => setTimeout(r, REFRESH * 1000));
        if (refreshing) await model.refresh();
      }
    })();
    const run = async (users: number) => {
      const latencies: number[] = [];
      const ages: number[] = [];
      const before = await queriesAt(prometheus.url);
      const end = Date.now() + DURATION * 1000;
      await Promise.all(
        Array.from({ length: users }, async (_, u) => {
          for (let i = 0; Date.now() < end; i++) {
            const start = now();
            const w =
              mesh.workloads[(u * 7919 + i * 104729) % mesh.workloads.length];
            const traffic = await source.getTraffic({
              windowSeconds: WINDOW,
              time: new Date(),
            });
            buildGraph({
              graphType: 'workload',
              windowSeconds: WINDOW,
              time: new Date(),
              traffic: traffic.value,
              workloads: mesh.workloads,
              services: [],
              owners: new Map(),
              clusterName: id => id,
              focus: {
                workloads: new Set([`bench/${w.namespace}/${w.name}`]),
                hops: 2,
              },
              errors: [],
            });
            latencies.push(now() - start);
            if (traffic.freshness?.time)
              ages.push((Date.now() - +traffic.freshness.time) / 1000);
            // Yield, as requests arriving over a network would.
            await new Promise(r => setImmediate(r));
          }
        }),
      );
      const perMinute =
        ((await queriesAt(prometheus.url)) - before) / (DURATION / 60);
      return { latencies, ages, perMinute };
    };
    const single = await run(1);
    const many = await run(USERS);
    refreshing = false;
    await refresher;
    return {
      workloads: mesh.workloads.length,
      namespaces,
      edges: mesh.edges,
      series: mesh.series.length,
      modelSamples: report.reduce((a, r) => a + r.samples, 0),
      rawPromqlMs: Math.round(rawPromqlMs),
      refreshMs: Math.round(refreshMs),
      refreshToRawRatio: Number((refreshMs / rawPromqlMs).toFixed(2)),
      refreshAllMs: Math.round(refreshAllMs),
      modelHeapMB: Math.round(modelHeapMB),
      entityGraphP95MsOneUser: Math.round(p95(single.latencies) ?? 0),
      entityGraphP95Ms: Math.round(p95(many.latencies) ?? 0),
      entityGraphRequests: many.latencies.length,
      dataAgeP95S: Math.round(p95(many.ages) ?? 0),
      promQueriesPerMinuteOneUser: Math.round(single.perMinute),
      promQueriesPerMinuteFiftyUsers: Math.round(many.perMinute),
    };
  } finally {
    await prometheus.stop();
  }
}

async function main() {
  if (!prometheusBinary())
    throw new Error('No prometheus binary: apt-get install prometheus');
  const sizes = [];
  for (const [perNamespace, namespaces, edges] of SIZES) {
    const figures = await measure(perNamespace, namespaces, edges);
    console.table(figures);
    sizes.push(figures);
  }
  const largest = sizes[sizes.length - 1];
  console.log(
    JSON.stringify({
      ...largest,
      users: USERS,
      durationSeconds: DURATION,
      refreshSeconds: REFRESH,
      modelHeapMBBySize: sizes.map(s => ({
        workloads: s.workloads,
        edges: s.edges,
        modelSamples: s.modelSamples,
        modelHeapMB: s.modelHeapMB,
      })),
      rssMB: Math.round(process.memoryUsage().rss / 1e6),
      // The full bench (HTTP backend, real auth, catalog, replicas) is not run here.
      healthP95Ms: null,
      overviewP95Ms: null,
      catalogP95Ms: null,
      ratioToCatalog: null,
      promQueriesPerMinuteTwoReplicas: null,
      coldFirstAnswerMs: null,
      errors: null,
    }),
  );
}

main().catch(e => {
  console.error(e);
  process.exit(1);
});
