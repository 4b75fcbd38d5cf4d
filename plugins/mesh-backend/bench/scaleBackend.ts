/*
 * The backend side of bench:scale (./scaleBench): when a backend answers its first graph with
 * traffic, when its catalog holds every Component, the access checks the demo policy implies, and
 * one phase's figures.
 */
import fs from 'fs';
import path from 'path';
import {
  BenchBackend,
  guestToken,
  rssMb,
  startBenchBackend,
} from '../../../packages/backend/bench/benchBackend';
import { BackendDeployment } from '../../../packages/backend/bench/backendDeployment';
import { writeScaleCatalog } from './scaleCatalog';
import { entityPaths, p95, percentile, UsersResult } from './scaleUsers';

// The adopter E2E's plain ESM helpers (the README's marked snippets), outside any package.
// eslint-disable-next-line @typescript-eslint/no-var-requires
const snippets = require('../../../e2e/adopter/lib/snippets.mjs');

const log = (line: string) =>
  console.log(`[${new Date().toISOString()}] ${line}`);

/**
 * How the bench's backends run node: as plugins/mesh-backend/README.md tells a large mesh's
 * replica to ("Sizing a replica", read from its adopter snippet as the adopter E2E reads it, so
 * the bench measures what the README says: V8 grows the heap by a quarter of what is live, jemalloc
 * is the allocator on two arenas and hands freed pages back within a second; where Debian's
 * libjemalloc2 is missing, glibc at two arenas, as the README says). `BENCH_DEPLOYMENT=default`
 * runs node as it comes.
 */
export const DEPLOYMENT: BackendDeployment =
  process.env.BENCH_DEPLOYMENT === 'default' ? {} : readmeDeployment();

function readmeDeployment(): BackendDeployment {
  const readme = path.resolve(__dirname, '../README.md');
  const { env, nodeFlags } = snippets.sizingFromSnippet(
    snippets.snippet(snippets.readSnippets(readme), 'sizing-a-replica', readme),
  ) as Required<BackendDeployment>;
  const preload = env.LD_PRELOAD;
  if (preload && !fs.existsSync(preload))
    return { nodeFlags, env: { MALLOC_ARENA_MAX: '2' } };
  return { nodeFlags, env };
}

/** Polls until the backend answers a graph with traffic from the model; returns the time from its start. */
export async function firstUsefulAnswer(
  backend: BenchBackend,
  graphPath: string,
) {
  for (const deadline = Date.now() + 900_000; Date.now() < deadline; ) {
    try {
      const res = await fetch(`${backend.url}${graphPath}`, {
        headers: { Authorization: `Bearer ${await guestToken(backend.url)}` },
      });
      const body: any = res.ok ? await res.json() : undefined;
      if (body?.telemetry?.state === 'model' && body.edges.length > 0)
        return Date.now() - backend.startedAt;
    } catch {
      // not answering yet
    }
    await new Promise(r => setTimeout(r, 500));
  }
  throw new Error('no graph with traffic within 15 minutes of the start');
}

/** Waits until the catalog has processed every Component the guest may read. */
export async function waitForCatalogOf(
  url: string,
  token: string,
  count: number,
) {
  // A catalog of 5,000 Components takes well over 15 minutes on a loaded 2-core machine.
  for (const deadline = Date.now() + 2_400_000; Date.now() < deadline; ) {
    const body: any = await fetch(
      `${url}/api/catalog/entities/by-query?filter=kind=component&limit=1`,
      { headers: { Authorization: `Bearer ${token}` } },
    )
      .then(res => (res.ok ? res.json() : undefined))
      // A busy backend may reset a kept-alive connection: ask again.
      .catch(() => undefined);
    if ((body?.totalItems ?? 0) >= count) return;
    await new Promise(r => setTimeout(r, 2000));
  }
  throw new Error(
    `the catalog did not process ${count} Components in 40 minutes`,
  );
}

export function summary(
  result: UsersResult,
  durationSeconds: number,
  promQueries: number,
) {
  const errors = [...result.errors.values()].reduce((a, b) => a + b, 0);
  for (const [what, n] of result.errors) log(`  error: ${n} × ${what}`);
  for (const [what, n] of result.sourceErrors)
    log(`  source error in a graph: ${n} × ${what}`);
  return {
    durationSeconds,
    requests: result.requests,
    requestsPerSecond: Number((result.requests / durationSeconds).toFixed(1)),
    entityGraphP95Ms: p95(result.latencies.graph),
    healthP95Ms: p95(result.latencies.health),
    overviewP95Ms: p95(result.latencies.overview),
    catalogP95Ms: p95(result.latencies.catalog),
    // Medians tell a slow request from requests waiting behind a long task.
    entityGraphP50Ms: percentile(result.latencies.graph, 0.5),
    catalogP50Ms: percentile(result.latencies.catalog, 0.5),
    errors,
    warmingUpAnswers: result.warmingUp,
    sourceErrorsInGraphs: [...result.sourceErrors.values()].reduce(
      (a, b) => a + b,
      0,
    ),
    dataAgeP95S: p95(result.dataAges),
    promQueries,
    // One decimal: the ratios between phases are taken from these, and whole numbers of 5–7 a
    // minute would make them move by 15–20 % on rounding alone.
    promQueriesPerMinute: Number(
      (promQueries / (durationSeconds / 60)).toFixed(1),
    ),
  };
}

/** The demo policy's style holds at this size: an owners-only Component is hidden (404), an owners-only mesh view denied (403). */
export async function checkAccess(
  url: string,
  token: string,
  catalog: ReturnType<typeof writeScaleCatalog>,
) {
  const status = async (p: string) =>
    (
      await fetch(`${url}${p}`, {
        headers: { Authorization: `Bearer ${token}` },
      })
    ).status;
  const hidden = entityPaths(catalog.ownersOnly);
  const denied = entityPaths(catalog.meshDataOwnersOnly);
  const got = [
    await status(hidden.catalog),
    await status(hidden.graph),
    await status(denied.catalog),
    await status(denied.graph),
  ];
  if (got.join() !== '404,404,200,403')
    throw new Error(
      `access as the guest: expected 404,404,200,403, got ${got.join()}`,
    );
}

/** The bench's own config overlay (never a plugin default): what an adopter of this size runs. */
export function backendConfig(
  catalogFile: string,
  kube: { url: string; caData: string },
  postgres: { connection: object },
  redis: { url: string },
  token: string,
) {
  return {
    backend: {
      database: { client: 'pg', connection: postgres.connection },
      cache: { store: 'redis', connection: redis.url },
    },
    catalog: { locations: [{ type: 'file', target: catalogFile }] },
    kubernetes: {
      clusterLocatorMethods: [
        {
          type: 'config',
          clusters: [
            {
              name: 'bench',
              url: kube.url,
              authProvider: 'serviceAccount',
              serviceAccountToken: token,
              caData: kube.caData,
            },
          ],
        },
      ],
    },
  };
}

/**
 * Where the catalog is processed while users are served (BENCH_CATALOG_PROCESSING): `dedicated`
 * (the default) keeps the backend that processed it first running as the catalog's processing
 * instance, and the replicas serving users run with `catalog.processingInterval: false`, as
 * Backstage deployments of this size split them (root README, "At scale"); `replicas` processes
 * on every serving replica, Backstage's default. Either way on the same 2 cores.
 */
export const CATALOG_PROCESSING: 'dedicated' | 'replicas' =
  process.env.BENCH_CATALOG_PROCESSING === 'replicas'
    ? 'replicas'
    : 'dedicated';

/** The config of a replica serving users: without catalog processing when a dedicated instance does it. */
export function servingConfig<C extends { catalog: object }>(config: C): C {
  return CATALOG_PROCESSING === 'dedicated'
    ? { ...config, catalog: { ...config.catalog, processingInterval: false } }
    : config;
}

/**
 * A backend without telemetry processes the catalog into PostgreSQL; returns how long it took,
 * and the backend while it stays the catalog's processing instance ({@link CATALOG_PROCESSING}).
 */
export async function processCatalogFirst(
  config: object,
  components: number,
): Promise<{ ms: number; processing?: BenchBackend }> {
  const backend = await startBenchBackend({
    deployment: DEPLOYMENT,
    scrapeSeconds: 30, // unused: with `mesh` given no demo Prometheus starts
    log,
    config,
    mesh: {
      demo: { enabled: false },
      clusters: [{ name: 'bench', istioClusterId: 'bench' }],
    },
  });
  let keep = false;
  try {
    const token = await guestToken(backend.url);
    await waitForCatalogOf(backend.url, token, components);
    keep = CATALOG_PROCESSING === 'dedicated';
    return {
      ms: Date.now() - backend.startedAt,
      processing: keep ? backend : undefined,
    };
  } finally {
    if (!keep) await backend.stop();
  }
}

/**
 * Samples each backend's RSS every 2 s until `stop`, which answers the median and the largest per
 * backend: RSS swings by hundreds of MB between V8's major collections, so one reading after a
 * phase tells where in that swing it fell as much as what the backend holds.
 */
export function sampleRss(pids: number[]) {
  const samples: number[][] = pids.map(() => []);
  const timer = setInterval(
    () => pids.forEach((pid, i) => samples[i].push(rssMb(pid))),
    2000,
  );
  return () => {
    clearInterval(timer);
    return samples.map(values => {
      const read = values.filter(Number.isFinite);
      return {
        medianMB: percentile(read, 0.5),
        maxMB: read.length ? Math.round(Math.max(...read)) : null,
      };
    });
  };
}
