/*
 * Load benchmark of the mesh API:   npm run bench:load   (from the repository root)
 * 100 concurrent users (autocannon connections) for 2 minutes, each signed in as the demo's guest,
 * cycle through the mesh routes of the demo backend (./benchBackend: the real backend process on
 * the demo mesh, telemetry through a real Prometheus). Reported: errors (an answer other than the
 * route's expected status, socket errors, timeouts), latency p50/p95/p99, the backend's resident
 * memory before and after, and how many queries Prometheus received — the data-source calls that
 * request coalescing and caching must keep bounded, whatever the number of users.
 * The mix also reads the catalog's own `GET /api/catalog/entities/by-name/…`, so that the mesh
 * routes' latency is seen next to one catalog read in the same run (issue 15 compares the two).
 * All users share the guest's token (the demo has one user), so concurrent requests are often
 * identical requests of one caller, which the plugin answers once (its README: caller cache).
 * Knobs: BENCH_CONNECTIONS (100), BENCH_DURATION seconds (120), BENCH_SCRAPE seconds (5),
 * BENCH_CALLER_CACHE_TTL seconds (`mesh.callerCache.ttlSeconds`, default: the plugin's, 0).
 * Speed is measured here, never asserted in tests.
 */
import autocannon from 'autocannon';
import {
  guestToken,
  prometheusRequests,
  rssMb,
  startBenchBackend,
  waitForCatalog,
} from './benchBackend';

const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 100);
const DURATION = Number(process.env.BENCH_DURATION ?? 120);
const SCRAPE = Number(process.env.BENCH_SCRAPE ?? 5);
const CALLER_CACHE_TTL = process.env.BENCH_CALLER_CACHE_TTL;

const entity = (name: string, route: string, kind = 'component') =>
  `/api/mesh/entities/by-name/${kind}/default/${name}/${route}`;
const edge = encodeURIComponent(
  'wl:demo:bookinfo:productpage-v1->wl:demo:bookinfo:details-v1:http',
);

/** The route mix, with the status each must answer for the guest (the demo policy denies two). */
const ROUTES: Array<{ path: string; status: number }> = [
  // First: every user cycles through the mix in order, and on a slow backend may not get far.
  {
    path: '/api/catalog/entities/by-name/component/default/productpage',
    status: 200,
  },
  { path: entity('productpage', 'graph?window=10m'), status: 200 },
  { path: entity('reviews', 'graph?hops=1&graphType=app'), status: 200 },
  { path: entity('checkoutservice', 'graph'), status: 200 },
  { path: entity('front-end', 'graph'), status: 200 },
  { path: entity('productpage', 'health'), status: 200 },
  { path: entity('carts', 'health'), status: 200 },
  {
    path: entity('productpage', `series?window=30m&edge=${edge}`),
    status: 200,
  },
  { path: entity('reviews', 'security'), status: 200 },
  { path: entity('productpage', 'traces?limit=20'), status: 200 },
  { path: entity('reviews', 'workloads'), status: 200 },
  { path: entity('reviews', 'config'), status: 200 },
  { path: entity('productpage', 'dependencies'), status: 200 },
  { path: entity('bookinfo-team', 'team', 'group'), status: 200 },
  { path: '/api/mesh/overview', status: 200 },
  { path: '/api/mesh/posture', status: 200 },
  { path: entity('bookinfo', 'posture', 'system'), status: 200 },
  { path: entity('loadgenerator', 'graph'), status: 403 },
  { path: entity('paymentservice', 'graph'), status: 404 },
];
/** Latency groups reported on their own: what issue 15's targets are about. */
const GROUPS: Record<string, (path: string) => boolean> = {
  'entity graph': p =>
    p.includes('/graph') &&
    !p.includes('loadgenerator') &&
    !p.includes('paymentservice'),
  'entity health': p => p.endsWith('/health'),
  'catalog by-name': p => p.startsWith('/api/catalog/'),
};

const log = (line: string) => console.log(line);
const percentile = (sorted: number[], p: number) =>
  sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
const queries = (counts: Record<string, number>) =>
  (counts['/api/v1/query'] ?? 0) + (counts['/api/v1/query_range'] ?? 0);

async function main() {
  const backend = await startBenchBackend({
    scrapeSeconds: SCRAPE,
    log,
    ...(CALLER_CACHE_TTL !== undefined
      ? {
          config: {
            mesh: { callerCache: { ttlSeconds: Number(CALLER_CACHE_TTL) } },
          },
        }
      : {}),
  });
  try {
    const token = await guestToken(backend.url);
    await waitForCatalog(backend.url, token);
    const headers = { Authorization: `Bearer ${token}` };
    // Two rounds of every route, one at a time: check the expected statuses, warm caches and code
    // paths, and show what one request costs without contention.
    for (const round of [1, 2]) {
      for (const r of ROUTES) {
        const t0 = performance.now();
        const res = await fetch(`${backend.url}${r.path}`, { headers });
        await res.arrayBuffer();
        if (res.status !== r.status)
          throw new Error(
            `${r.path} answered ${res.status}, expected ${r.status}`,
          );
        if (round === 2)
          log(
            `  ${(performance.now() - t0).toFixed(0).padStart(5)} ms  ${
              r.path
            }`,
          );
      }
    }
    const restricted = (
      await (
        await fetch(`${backend.url}${entity('checkoutservice', 'graph')}`, {
          headers,
        })
      ).json()
    ).nodes.filter((n: any) => n.restricted).length;
    log(
      `guest sees checkoutservice's graph with ${restricted} restricted node(s) (paymentservice is hidden by the demo policy)`,
    );

    const rssBefore = rssMb(backend.pid);
    const heapBefore = await backend.heapAfterGcMb();
    const promBefore = await prometheusRequests(backend.prometheusUrl);
    const rssSamples: number[] = [];
    const sampler = setInterval(
      () => rssSamples.push(rssMb(backend.pid)),
      1000,
    );
    const latencies: number[] = [];
    const byGroup = new Map<string, number[]>(
      Object.keys(GROUPS).map(g => [g, []]),
    );
    // autocannon sends each connection's requests in the order given, one at a time.
    const sentByClient = new Map<unknown, number>();
    const unexpected = new Map<string, number>();
    log(
      `load: ${CONNECTIONS} connections for ${DURATION}s over ${ROUTES.length} routes…`,
    );
    const instance = autocannon({
      url: backend.url,
      connections: CONNECTIONS,
      duration: DURATION,
      timeout: 30,
      headers,
      requests: ROUTES.map(r => ({
        method: 'GET' as const,
        path: r.path,
        onResponse: (status: number) => {
          if (status !== r.status)
            unexpected.set(
              `${r.path} → ${status}`,
              (unexpected.get(`${r.path} → ${status}`) ?? 0) + 1,
            );
        },
      })),
    });
    instance.on(
      'response',
      (
        client: unknown,
        _status: number,
        _bytes: number,
        responseTime: number,
      ) => {
        latencies.push(responseTime);
        const n = sentByClient.get(client) ?? 0;
        sentByClient.set(client, n + 1);
        const { path } = ROUTES[n % ROUTES.length];
        for (const [group, matches] of Object.entries(GROUPS))
          if (matches(path)) byGroup.get(group)!.push(responseTime);
      },
    );
    const result = await instance;
    clearInterval(sampler);
    const rssAfter = rssMb(backend.pid);
    const promAfter = await prometheusRequests(backend.prometheusUrl);
    // Resident memory once the load is gone: what the backend keeps (caches), not what it was busy with.
    await new Promise(r => setTimeout(r, 15_000));
    const rssIdle = rssMb(backend.pid);
    const heapAfter = await backend.heapAfterGcMb();
    const quarter = (q: number) =>
      rssSamples[
        Math.min(rssSamples.length - 1, Math.floor((q / 4) * rssSamples.length))
      ] ?? rssAfter;

    latencies.sort((a, b) => a - b);
    const answered = latencies.length;
    const unexpectedCount = [...unexpected.values()].reduce((a, b) => a + b, 0);
    const sent = queries(promAfter) - queries(promBefore);
    log('');
    log(
      `requests answered      ${answered} (${(answered / DURATION).toFixed(
        0,
      )}/s)`,
    );
    log(
      `errors                 ${
        unexpectedCount + result.errors + result.timeouts
      } (unexpected status ${unexpectedCount}, socket errors ${
        result.errors
      }, timeouts ${result.timeouts})`,
    );
    for (const [what, n] of unexpected) log(`  ${n} × ${what}`);
    log(
      `latency ms             p50 ${percentile(latencies, 50).toFixed(
        0,
      )}  p95 ${percentile(latencies, 95).toFixed(0)}  p99 ${percentile(
        latencies,
        99,
      ).toFixed(0)}  max ${latencies[answered - 1]?.toFixed(0)}`,
    );
    const p95 = (values: number[]) =>
      percentile(
        [...values].sort((a, b) => a - b),
        95,
      ) ?? NaN;
    for (const [group, values] of byGroup)
      log(
        `  ${group.padEnd(21)}${values.length} answers, p50 ${percentile(
          [...values].sort((a, b) => a - b),
          50,
        )?.toFixed(0)}  p95 ${p95(values).toFixed(0)}`,
      );
    const catalogP95 = p95(byGroup.get('catalog by-name')!);
    log(
      `ratio to the catalog   entity graph p95 / catalog p95 ${(
        p95(byGroup.get('entity graph')!) / catalogP95
      ).toFixed(2)}, health ${(
        p95(byGroup.get('entity health')!) / catalogP95
      ).toFixed(2)}`,
    );
    log(
      `backend RSS MB         before ${rssBefore.toFixed(0)}  at 25/50/75 % ${[
        1, 2, 3,
      ]
        .map(q => quarter(q).toFixed(0))
        .join('/')}  after ${rssAfter.toFixed(0)}  peak ${Math.max(
        rssBefore,
        ...rssSamples,
      ).toFixed(0)}  15 s idle ${rssIdle.toFixed(0)}`,
    );
    log(
      `backend heap after GC  before ${heapBefore.toFixed(
        0,
      )} MB  after ${heapAfter.toFixed(
        0,
      )} MB (what stays: caches, not a leak, if these are close)`,
    );
    log(
      `Prometheus queries     ${sent} during the run (query ${
        (promAfter['/api/v1/query'] ?? 0) - (promBefore['/api/v1/query'] ?? 0)
      }, query_range ${
        (promAfter['/api/v1/query_range'] ?? 0) -
        (promBefore['/api/v1/query_range'] ?? 0)
      }), ${(sent / DURATION).toFixed(1)}/s for ${(answered / DURATION).toFixed(
        0,
      )} requests/s`,
    );
  } finally {
    await backend.stop();
  }
}

main().catch(error => {
  console.error(error);
  process.exit(1);
});
