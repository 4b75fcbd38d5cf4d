/*
 * Scale benchmark (issue 15):   npm run bench:scale   (from the repository root)
 * 1. Model memory at a smaller size (BENCH_SMALL, `perNamespace:namespaces:edges`, default
 *    4:250:5000 = 1,000 workloads; `none` skips it): its own Prometheus, ./scaleModel in process.
 * 2. The issue's size (BENCH_NAMESPACES 500 × BENCH_PER_NAMESPACE 10 = 5,000 workloads,
 *    BENCH_EDGES 25,000): a real Prometheus scraping the synthetic mesh every BENCH_SCRAPE s (30).
 *    At this size a production deployment follows Istio's observability best practices: each
 *    cluster's Prometheus records the workload-level rules and the central one the portal reads
 *    federates only those `workload:` series. So by default (BENCH_RECORDING_RULES=federated) the
 *    exporter serves them as `workload:istio_*` (one series per workload pair) and the backend
 *    reads them (`workloadRecordingRules: true`); `record` makes this Prometheus record the rules
 *    over raw series itself (twice the series: more than this 2-core machine scrapes in time),
 *    `off` reads raw series. The synthetic cluster is served by the Kubernetes API test double
 *    (./syntheticKubeApi), static unless BENCH_POD_CHURN replaces that many pods a minute
 *    (./podChurn); a catalog of one Component per workload (./scaleCatalog); PostgreSQL
 *    and Redis (Debian's). ./scaleModel measures raw PromQL against a model refresh (medians of
 *    3 rounds each), and memory.
 * 3. The full demo backend (packages/backend: real catalog, guest auth, permission backend with
 *    the demo policy) over HTTP on that config, as the bench's own config overlay, its node run
 *    with the README's large-mesh settings (./scaleBackend DEPLOYMENT; BENCH_DEPLOYMENT=default
 *    without them, BENCH_BACKEND_NODE_FLAGS replaces the flags). While
 *    Prometheus fills its first window, a backend of its own processes the catalog into PostgreSQL
 *    (catalogFirstProcessingMs) and stays the catalog's processing instance, the replicas serving
 *    users processing nothing (BENCH_CATALOG_PROCESSING=replicas: they process it, and that
 *    backend stops; ./scaleBackend CATALOG_PROCESSING); replica 1 then starts as after a restart: start to first
 *    graph with traffic (coldFirstAnswerMs); 1 user for BENCH_ONE_USER_DURATION s (60), then
 *    BENCH_USERS (50) for BENCH_DURATION s (120), each opening entity pages (the catalog's by-name
 *    read, the 2-hop graph and health at once) and /overview with BENCH_THINK_SECONDS (10) between
 *    pages (./scaleUsers); then the same users over two replicas sharing PostgreSQL + Redis; last,
 *    as many connections without think time for BENCH_SATURATION_DURATION s (60) on replica 1:
 *    its throughput at saturation. Prometheus queries are counted at Prometheus' side, over whole
 *    refresh cycles: the user phases last a whole number of cycles (until every refresh lane has
 *    run a whole number of times: at BENCH_REFRESH 120, lanes of 120, 240 and 360 s make 720 s;
 *    src/sources/model/refreshLanes), so that every lane runs as often in each phase and the
 *    per-minute counts compare the phases, not where the lanes' runs fall; and they start midway
 *    between two refreshes of the default lane, so that no refresh's queries are split between a
 *    phase and the time outside it (./betweenRefreshes; BENCH_WHOLE_CYCLES=0: the durations as
 *    given, started at once). Each phase
 *    samples its backends' RSS every 2 s (rssDuring: median and largest per replica); `rssMB` is
 *    replica 1's after the 50-user phase, as the issue asks.
 * Prints one JSON line last. Speed is measured here, never asserted in tests. BENCH_HOLD_SECONDS
 * keeps everything running that long after the line (to inspect the backends, e.g. a heap
 * snapshot through replica 1's inspector; its port is in its command line).
 */
import fs from 'fs';
import os from 'os';
import path from 'path';
import { DEFAULT_GRAPH_WINDOW } from '@mesh-portal/plugin-mesh-common';
import {
  BenchBackend,
  guestToken,
  prometheusRequests,
  rssMb,
  startBenchBackend,
} from '../../../packages/backend/bench/benchBackend';
import { backendProcessSettings } from '../../../packages/backend/bench/backendDeployment';
import { startRedis } from '../../../packages/backend/src/__testUtils__/redis';
import { istioRecordingRules } from '../src/__testUtils__/istioRecordingRules';
import { prometheusBinary } from '../src/__testUtils__/prometheus';
import { untilBetweenRefreshes } from './betweenRefreshes';
import { startCpuLog } from './cpuLog';
import {
  DEFAULT_MODEL_WINDOWS,
  modelWindowsSeconds,
} from '../src/config/telemetryConfig';
import { refreshCycleSeconds } from '../src/sources/model/refreshLanes';
import { writeScaleCatalog } from './scaleCatalog';
import { measureModel } from './scaleModel';
import { entityPaths, runUsers } from './scaleUsers';
import {
  backendConfig,
  CATALOG_PROCESSING,
  checkAccess,
  DEPLOYMENT,
  firstUsefulAnswer,
  processCatalogFirst,
  sampleRss,
  servingConfig,
  summary,
  waitForCatalogOf,
} from './scaleBackend';
import { syntheticMesh } from './syntheticMesh';
import { startSyntheticKubeApi } from './syntheticKubeApi';
import { startSyntheticPrometheus } from './syntheticPrometheus';

// A plain ESM helper of the adopter E2E runner (throw-away PostgreSQL), outside any package.
// eslint-disable-next-line @typescript-eslint/no-var-requires
const { startPostgres } = require('../../../e2e/adopter/lib/postgres.mjs');

const env = (name: string, fallback: number) =>
  Number(process.env[name] ?? fallback);
const NAMESPACES = env('BENCH_NAMESPACES', 500);
const PER_NAMESPACE = env('BENCH_PER_NAMESPACE', 10);
const EDGES = env('BENCH_EDGES', 25_000);
const SMALL = process.env.BENCH_SMALL ?? '4:250:5000';
const USERS = env('BENCH_USERS', 50);
const DURATION = env('BENCH_DURATION', 120);
const ONE_USER_DURATION = env('BENCH_ONE_USER_DURATION', 60);
const SCRAPE = env('BENCH_SCRAPE', 30);
const THINK = env('BENCH_THINK_SECONDS', 10);
const SATURATION = env('BENCH_SATURATION_DURATION', 60);
const REFRESH = env('BENCH_REFRESH', 30);
const WHOLE_CYCLES = env('BENCH_WHOLE_CYCLES', 1) === 1;
const HOLD = env('BENCH_HOLD_SECONDS', 0);
const RULES_MODE = process.env.BENCH_RECORDING_RULES ?? 'federated';
const RULES = RULES_MODE !== 'off';
/** Istio's workload-level series: federated into this Prometheus, recorded by it, or none. */
const recording = {
  rules: RULES_MODE === 'record' ? istioRecordingRules : undefined,
  metricPrefix: RULES_MODE === 'federated' ? 'workload:' : undefined,
};
// The window of the raw-vs-refresh measure and of readiness: 5m holds 10 scrapes at 30 s (1m would
// hold 2, or 1 when a scrape of this size is late).
const WINDOW = 300;
const TOKEN = 'bench-token-0123456789';
/** How the backends' node runs (./scaleBackend DEPLOYMENT): V8 flags, glibc's settings. */
const deployment = backendProcessSettings(DEPLOYMENT);
const requestLog =
  process.env.BENCH_REQUEST_LOG &&
  fs.createWriteStream(process.env.BENCH_REQUEST_LOG, { flags: 'a' });

const log = (line: string) =>
  console.log(`[${new Date().toISOString()}] ${line}`);
const queries = async (url: string) => {
  const counts = await prometheusRequests(url);
  return (counts['/api/v1/query'] ?? 0) + (counts['/api/v1/query_range'] ?? 0);
};
// The user phases' unit: every refresh lane of the default windows runs a whole number of times.
const REFRESH_CYCLE = refreshCycleSeconds(
  modelWindowsSeconds(DEFAULT_MODEL_WINDOWS),
  REFRESH,
);
const ratio = (a: number | null, b: number | null) =>
  a !== null && b ? Number((a / b).toFixed(2)) : null;

async function modelAtSize(
  perNamespace: number,
  namespaces: number,
  edges: number,
) {
  const prometheus = await started(
    startSyntheticPrometheus({
      namespaces,
      perNamespace,
      edges,
      scrapeSeconds: SCRAPE,
      windowSeconds: WINDOW,
      ...recording,
    }),
  );
  try {
    const figures = await measureModel({
      prometheusUrl: prometheus.url,
      workloadRecordingRules: RULES,
      windowSeconds: WINDOW,
    });
    return { workloads: perNamespace * namespaces, edges, ...figures };
  } finally {
    await prometheus.stop();
  }
}

const stops: Array<() => Promise<unknown> | void> = [];
/** Registers what to stop at the end (or on a failure or Ctrl-C), as soon as it has started. */
const started = <T extends { stop(): Promise<unknown> | void }>(
  starting: Promise<T>,
) =>
  starting.then(async running => {
    // Started after a failure or Ctrl-C has stopped everything else: stop it too.
    if (stopping) await running.stop();
    else stops.push(running.stop);
    return running;
  });
let stopping = false;
const stopAll = async () => {
  stopping = true;
  for (const stop of stops.splice(0).reverse())
    await Promise.resolve(stop()).catch(() => undefined);
};
for (const signal of ['SIGINT', 'SIGTERM'] as const)
  process.once(signal, () => stopAll().finally(() => process.exit(130)));

async function main() {
  if (!prometheusBinary())
    throw new Error('No prometheus binary: apt-get install prometheus');
  try {
    const sizes = [];
    if (SMALL !== 'none') {
      const [perNamespace, namespaces, edges] = SMALL.split(':').map(Number);
      log(
        `model memory at ${
          perNamespace * namespaces
        } workloads / ${edges} edges…`,
      );
      sizes.push(await modelAtSize(perNamespace, namespaces, edges));
      log(JSON.stringify(sizes[0]));
    }

    const mesh = syntheticMesh(NAMESPACES, PER_NAMESPACE, EDGES);
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'mesh-scale-'));
    stops.push(() => fs.rmSync(dir, { recursive: true, force: true }));
    const catalog = writeScaleCatalog(dir, mesh.workloads);
    log(
      `${mesh.workloads.length} workloads, ${mesh.edges} edges, ${mesh.series.length} series, ${catalog.components} Components: starting Prometheus, the Kubernetes API test double, PostgreSQL, Redis…`,
    );
    const [kube, postgres, redis] = await Promise.all([
      started(
        startSyntheticKubeApi(
          {
            namespaces: NAMESPACES,
            deploymentsPerNamespace: PER_NAMESPACE,
            replicas: 1,
          },
          TOKEN,
        ),
      ),
      started<{ connection: object; stop(): Promise<void> }>(startPostgres()),
      started(startRedis()),
    ]);
    log(
      `Kubernetes API test double: ${kube.objects} objects (${kube.pods} pods)`,
    );
    const config = backendConfig(catalog.file, kube, postgres, redis, TOKEN);
    // Prometheus needs minutes before it holds a window of a mesh this size; meanwhile a backend of
    // its own (no Prometheus) processes the catalog for the first time. Its result stays in
    // PostgreSQL, so replica 1 below starts as a backend restarts in production.
    const [prometheus, firstProcessing] = await Promise.all([
      started(
        startSyntheticPrometheus({
          namespaces: NAMESPACES,
          perNamespace: PER_NAMESPACE,
          edges: EDGES,
          scrapeSeconds: SCRAPE,
          windowSeconds: WINDOW,
          ...recording,
        }),
      ),
      processCatalogFirst(config, catalog.readableByGuest),
    ]);
    const catalogFirstProcessingMs = firstProcessing.ms;
    log(`catalog first processed in ${catalogFirstProcessingMs} ms`);
    if (firstProcessing.processing) {
      stops.push(firstProcessing.processing.stop);
      log("that backend stays the catalog's processing instance");
    }

    log('raw PromQL against a model refresh, model memory…');
    const model = await measureModel({
      prometheusUrl: prometheus.url,
      workloadRecordingRules: RULES,
      windowSeconds: WINDOW,
    });
    sizes.push({
      workloads: mesh.workloads.length,
      edges: mesh.edges,
      ...model,
    });
    log(JSON.stringify(sizes[sizes.length - 1]));

    const meshConfig = {
      demo: { enabled: false },
      clusters: [{ name: 'bench', istioClusterId: 'bench' }],
      prometheus: {
        url: prometheus.url,
        timeoutSeconds: 60,
        workloadRecordingRules: RULES,
      },
      telemetry: { model: { refreshSeconds: REFRESH } },
    };
    const startReplica = async () => {
      const replica = await startBenchBackend({
        deployment: DEPLOYMENT,
        refreshLog: true,
        scrapeSeconds: SCRAPE,
        log,
        prometheusUrl: prometheus.url,
        config: servingConfig(config),
        mesh: meshConfig,
      });
      stops.push(replica.stop);
      return replica;
    };
    const first = catalog.open[0];
    log('backend replica 1: start to first graph with traffic…');
    const a = await startReplica();
    // BENCH_CPU_LOG=<file>: each second's CPU by thread of replica 1 and by process (./cpuLog;
    // ./tailBySecond reads it beside BENCH_REQUEST_LOG).
    if (process.env.BENCH_CPU_LOG)
      stops.push(startCpuLog(process.env.BENCH_CPU_LOG, () => a.pid));
    const coldFirstAnswerMs = await firstUsefulAnswer(
      a,
      entityPaths(first).graph,
    );
    log(`first useful answer ${coldFirstAnswerMs} ms after the start`);
    const token = await guestToken(a.url);
    await waitForCatalogOf(a.url, token, catalog.readableByGuest);
    const catalogReadyMs = Date.now() - a.startedAt;
    log(`catalog ready ${catalogReadyMs} ms after the start`);
    await checkAccess(a.url, token, catalog);

    const phase = async (
      replicas: BenchBackend[],
      users: number,
      asked: number,
      thinkSeconds = THINK,
    ) => {
      const seconds =
        WHOLE_CYCLES && thinkSeconds > 0
          ? Math.ceil(asked / REFRESH_CYCLE) * REFRESH_CYCLE
          : asked;
      if (WHOLE_CYCLES && thinkSeconds > 0)
        await untilBetweenRefreshes(
          replicas,
          DEFAULT_GRAPH_WINDOW,
          REFRESH,
          log,
        );
      log(
        `${users} user(s) for ${seconds} s on ${replicas.length} replica(s), think time ${thinkSeconds} s…`,
      );
      const before = await queries(prometheus.url);
      const rss = sampleRss(replicas.map(r => r.pid));
      const result = await runUsers({
        replicas: replicas.map(r => r.url),
        token,
        users,
        durationSeconds: seconds,
        entities: catalog.open,
        thinkSeconds,
        // BENCH_REQUEST_LOG=<file>: every answer as a JSON line (phase, when, route, ms), to set
        // beside the backend's refresh lines and, with BENCH_BACKEND_STDOUT, its collections.
        onAnswer: requestLog
          ? answer =>
              requestLog.write(
                `${JSON.stringify({
                  // Saturation (no think time) apart from the 50 users on one replica.
                  phase: `${users}x${replicas.length}${
                    thinkSeconds > 0 ? '' : ' saturation'
                  }`,
                  ...answer,
                  ms: Math.round(answer.ms),
                })}\n`,
              )
          : undefined,
      });
      const figures = {
        ...summary(result, seconds, (await queries(prometheus.url)) - before),
        rssDuring: rss(),
      };
      log(JSON.stringify(figures));
      return figures;
    };
    const one = await phase([a], 1, ONE_USER_DURATION);
    const many = await phase([a], USERS, DURATION);
    const rssAfter = rssMb(a.pid);
    const memoryAfter = await a.memoryAfterGc();

    log('backend replica 2 on the same PostgreSQL and Redis…');
    const b = await startReplica();
    const replicaColdMs = await firstUsefulAnswer(b, entityPaths(first).graph);
    const two = await phase([a, b], USERS, DURATION);
    // The same number of connections without think time: what one replica serves at most.
    const saturation = await phase([a], USERS, SATURATION, 0);

    console.log(
      JSON.stringify({
        workloads: mesh.workloads.length,
        namespaces: NAMESPACES,
        edges: mesh.edges,
        series: mesh.series.length,
        components: catalog.components,
        recordingRules: RULES,
        catalogProcessing: CATALOG_PROCESSING,
        // Pods the cluster replaces a minute (./podChurn): every replacement is five watch events.
        podChurnPerMinute: env('BENCH_POD_CHURN', 0),
        users: USERS,
        durationSeconds: many.durationSeconds,
        refreshSeconds: REFRESH,
        scrapeSeconds: SCRAPE,
        backendNodeFlags: deployment.nodeFlags.join(' '),
        backendMallocEnv: deployment.env,
        thinkSeconds: THINK,
        entityGraphP95Ms: many.entityGraphP95Ms,
        healthP95Ms: many.healthP95Ms,
        overviewP95Ms: many.overviewP95Ms,
        catalogP95Ms: many.catalogP95Ms,
        ratioToCatalog: ratio(many.entityGraphP95Ms, many.catalogP95Ms),
        errors: many.errors + two.errors,
        requests: many.requests,
        dataAgeP95S: many.dataAgeP95S,
        promQueriesPerMinuteOneUser: one.promQueriesPerMinute,
        promQueriesPerMinuteFiftyUsers: many.promQueriesPerMinute,
        fiftyToOneUserRatio: ratio(
          many.promQueriesPerMinute,
          one.promQueriesPerMinute,
        ),
        promQueriesPerMinuteTwoReplicas: two.promQueriesPerMinute,
        twoReplicasToOneRatio: ratio(
          two.promQueriesPerMinute,
          many.promQueriesPerMinute,
        ),
        rawPromqlMs: model.rawPromqlMs,
        refreshMs: model.refreshMs,
        refreshToRawRatio: model.refreshToRawRatio,
        rawPromqlRoundsMs: model.rawPromqlRoundsMs,
        refreshRoundsMs: model.refreshRoundsMs,
        rssMB: Math.round(rssAfter),
        rssDuringFiftyUsers: many.rssDuring[0],
        heapAfterGcMB: memoryAfter.heapUsedMB,
        // What replica 1 holds after a full collection, inside V8's heap and outside it.
        memoryAfterGc: memoryAfter,
        coldFirstAnswerMs,
        catalogReadyMs,
        catalogFirstProcessingMs,
        secondReplicaFirstAnswerMs: replicaColdMs,
        oneUser: one,
        saturation,
        twoReplicas: {
          ...two,
          rssMB: [a, b].map(r => Math.round(rssMb(r.pid))),
        },
        modelHeapMBBySize: sizes.map(s => ({
          workloads: s.workloads,
          edges: s.edges,
          windowSeconds: WINDOW,
          modelSamples: s.modelSamples,
          modelHeapMB: s.modelHeapMB,
          modelArraysMB: s.modelArraysMB,
        })),
      }),
    );
    if (HOLD > 0) {
      log(`holding for ${HOLD} s (BENCH_HOLD_SECONDS)…`);
      await new Promise(resolve => setTimeout(resolve, HOLD * 1000));
    }
  } finally {
    for (const stop of stops.reverse())
      await Promise.resolve(stop()).catch(() => undefined);
  }
}

main().catch(error => {
  console.error(error);
  process.exit(1);
});
