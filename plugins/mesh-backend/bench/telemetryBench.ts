/*
 * Benchmark of the telemetry path against a real Prometheus (Debian package):
 *   npm run bench:telemetry            (from the repository root)
 * A synthetic mesh of 1,000 workloads in 200 namespaces with 5,000 edges is served as Istio
 * /metrics and scraped; then we time the raw PromQL of one traffic read, our end-to-end graph
 * build cold and warm, count the queries sent, and fire 50 concurrent identical requests.
 * Sizes can be changed: BENCH_NAMESPACES, BENCH_PER_NAMESPACE, BENCH_EDGES.
 */
import { buildGraph } from '../src/graph/buildGraph';
import { PrometheusClient } from '../src/sources/prometheus/PrometheusClient';
import { PrometheusTelemetrySource } from '../src/sources/prometheus/PrometheusTelemetrySource';
import { CachedPrometheus } from '../src/sources/prometheus/QueryCache';
import { prometheusBinary } from '../src/__testUtils__/prometheus';
import { syntheticMesh } from './syntheticMesh';
import { startSyntheticPrometheus } from './syntheticPrometheus';

const NAMESPACES = Number(process.env.BENCH_NAMESPACES ?? 200);
const PER_NAMESPACE = Number(process.env.BENCH_PER_NAMESPACE ?? 5);
const EDGES = Number(process.env.BENCH_EDGES ?? 5000);
const WINDOW = 60;
const SCRAPE = 10;

/** A minimal in-memory stand-in for Backstage's CacheService (the plugin gets the real one). */
function memoryCache() {
  const store = new Map<string, { value: unknown; until: number }>();
  const cache: any = {
    get: async (k: string) => {
      const e = store.get(k);
      return e && e.until > Date.now() ? e.value : undefined;
    },
    set: async (k: string, value: unknown, o?: { ttl?: number }) =>
      void store.set(k, { value, until: Date.now() + (o?.ttl ?? 60_000) }),
    delete: async (k: string) => void store.delete(k),
    withOptions: () => cache,
  };
  return cache;
}

const ms = (t0: bigint) => Number(process.hrtime.bigint() - t0) / 1e6;

async function main() {
  if (!prometheusBinary())
    throw new Error('No prometheus binary: apt-get install prometheus');
  const t0 = process.hrtime.bigint();
  const mesh = syntheticMesh(NAMESPACES, PER_NAMESPACE, EDGES);
  console.log(
    `synthetic mesh: ${
      mesh.workloads.length
    } workloads, ${NAMESPACES} namespaces, ${mesh.edges} edges, ${
      mesh.series.length
    } series (${ms(t0).toFixed(0)} ms)`,
  );

  const prometheus = await startSyntheticPrometheus({
    namespaces: NAMESPACES,
    perNamespace: PER_NAMESPACE,
    edges: EDGES,
    scrapeSeconds: SCRAPE,
    windowSeconds: WINDOW,
  });
  const { address } = prometheus;
  try {
    const scrape = await fetch(`http://${address}/metrics`, {
      headers: { 'Accept-Encoding': 'identity' },
    });
    console.log(
      `scrape size: ${(
        Number(scrape.headers.get('x-uncompressed-bytes')) / 1e6
      ).toFixed(1)} MB uncompressed`,
    );
    await scrape.body?.cancel();
    const time = new Date();
    const queries = PrometheusTelemetrySource.queries({
      windowSeconds: WINDOW,
    });

    const raw = process.hrtime.bigint();
    const rawResults = await Promise.all(
      Object.values(queries).map(q =>
        fetch(`${prometheus.url}/api/v1/query`, {
          method: 'POST',
          body: new URLSearchParams({
            query: q,
            time: String(time.getTime() / 1000),
          }),
        }).then(r => r.json()),
      ),
    );
    const rawMs = ms(raw);
    const rawSamples = rawResults.reduce(
      (a: number, r: any) => a + (r?.data?.result?.length ?? 0),
      0,
    );

    const prom = new CachedPrometheus(
      new PrometheusClient({ url: prometheus.url, timeoutMs: 60_000 }),
      memoryCache(),
    );
    const source = new PrometheusTelemetrySource(prom, {
      clusters: ['bench'],
      alignSeconds: 0,
    });
    const graphInput = (traffic: any) => ({
      graphType: 'workload' as const,
      windowSeconds: WINDOW,
      time,
      traffic,
      workloads: mesh.workloads,
      services: [],
      owners: new Map(),
      clusterName: (id: string) => id,
      errors: [],
    });
    const cold = process.hrtime.bigint();
    const coldTraffic = await source.getTraffic({
      windowSeconds: WINDOW,
      time,
    });
    const coldQueryMs = ms(cold);
    const graph = buildGraph(graphInput(coldTraffic.value));
    const coldMs = ms(cold);
    const sentCold = prom.stats.sent;

    const warm = process.hrtime.bigint();
    const warmTraffic = await source.getTraffic({
      windowSeconds: WINDOW,
      time,
    });
    buildGraph(graphInput(warmTraffic.value));
    const warmMs = ms(warm);

    const focus = process.hrtime.bigint();
    const entity = buildGraph({
      ...graphInput(warmTraffic.value),
      focus: { workloads: new Set(['bench/team-7/svc-1-v1']), hops: 2 },
    });
    const focusMs = ms(focus);

    const fresh = new CachedPrometheus(
      new PrometheusClient({ url: prometheus.url, timeoutMs: 60_000 }),
    );
    const concurrentSource = new PrometheusTelemetrySource(fresh, {
      clusters: ['bench'],
      alignSeconds: 5,
    });
    const conc = process.hrtime.bigint();
    await Promise.all(
      Array.from({ length: 50 }, () =>
        concurrentSource.getTraffic({
          windowSeconds: WINDOW,
          time: new Date(),
        }),
      ),
    );
    const concurrentMs = ms(conc);

    const results = {
      workloads: mesh.workloads.length,
      namespaces: NAMESPACES,
      edgesGenerated: mesh.edges,
      series: mesh.series.length,
      graphNodes: graph.nodes.length,
      graphEdges: graph.edges.length,
      sourceErrors: coldTraffic.errors.length,
      promqlQueriesPerRead: Object.keys(queries).length,
      rawPromqlMs: Math.round(rawMs),
      rawSamples,
      coldQueryMs: Math.round(coldQueryMs),
      coldEndToEndMs: Math.round(coldMs),
      queriesSentCold: sentCold,
      warmEndToEndMs: Math.round(warmMs),
      queriesSentWarm: prom.stats.sent - sentCold,
      entityGraph2HopsMs: Math.round(focusMs),
      entityGraphNodes: entity.nodes.length,
      ratioEndToEndToRawPromql: Number((coldMs / rawMs).toFixed(2)),
      concurrent50Ms: Math.round(concurrentMs),
      concurrent50QueriesSent: fresh.stats.sent,
      concurrent50Coalesced: fresh.stats.coalesced,
      heapUsedMB: Math.round(process.memoryUsage().heapUsed / 1e6),
    };
    console.table(results);
    console.log(JSON.stringify(results));
  } finally {
    await prometheus.stop();
  }
}

main().catch(e => {
  console.error(e);
  process.exit(1);
});
