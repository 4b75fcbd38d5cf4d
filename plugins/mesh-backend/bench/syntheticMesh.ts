/*
 * A synthetic mesh for benchmarks: N namespaces × M workloads with E edges between them (within
 * and across namespaces), reported like Istio sidecars: source and destination request counters,
 * a 2% share of 503s on one edge in ten, destination-side latency histograms (the source side's
 * are left out to keep one scrape near 100 MB). Deterministic for a given size.
 */
import { Workload } from '../src/kube/workloads';
import {
  ENVOY_BUCKETS_MS,
  logNormal,
} from '../src/sources/demo/traffic/latency';
import { prng } from '../src/sources/demo/traffic/random';
import { DemoSeries } from '../src/sources/demo/traffic/series';
import { Sample, TrafficSnapshot } from '../src/sources/types';
import { LATENCY_LABELS, REQUEST_LABELS } from '../src/telemetry/promFunctions';

export interface SyntheticMesh {
  workloads: Workload[];
  series: DemoSeries[];
  edges: number;
}

export function syntheticMesh(
  namespaces: number,
  perNamespace: number,
  edges: number,
): SyntheticMesh {
  const random = prng(42);
  const workloads: Workload[] = [];
  for (let n = 0; n < namespaces; n++) {
    for (let w = 0; w < perNamespace; w++) {
      // Named like ./syntheticCluster's Deployments, so the two describe one mesh.
      const app = `svc-${w}`;
      workloads.push({
        cluster: 'bench',
        namespace: `team-${n}`,
        kind: 'Deployment',
        name: `${app}-v1`,
        labels: { app, version: 'v1' },
        podLabels: { app, version: 'v1' },
        serviceAccount: app,
        desired: 2,
        current: 2,
        available: 2,
        dataplane: 'sidecar',
        pods: [],
      });
    }
  }
  const pairs = new Set<string>();
  while (pairs.size < edges) {
    const a = Math.floor(random() * workloads.length);
    // Four edges in five stay inside the namespace, like real apps.
    const sameNs = random() < 0.8;
    const b = sameNs
      ? Math.floor(a / perNamespace) * perNamespace +
        Math.floor(random() * perNamespace)
      : Math.floor(random() * workloads.length);
    if (a !== b) pairs.add(`${a}>${b}`);
  }
  const series: DemoSeries[] = [];
  const peer = (side: string, w: Workload) => ({
    [`${side}_workload`]: w.name,
    [`${side}_workload_namespace`]: w.namespace,
    [`${side}_principal`]: `spiffe://cluster.local/ns/${w.namespace}/sa/${w.serviceAccount}`,
    [`${side}_app`]: w.labels.app,
    [`${side}_version`]: 'v1',
    [`${side}_canonical_service`]: w.labels.app,
    [`${side}_canonical_revision`]: 'v1',
    [`${side}_cluster`]: 'bench',
  });
  const latency = logNormal({ medianMs: 20, p99Ms: 200 });
  let i = 0;
  for (const pair of pairs) {
    const [a, b] = pair.split('>').map(Number);
    const src = workloads[a];
    const dst = workloads[b];
    const rate = 0.5 + random() * 20;
    const codes: Array<[string, number]> =
      i++ % 10 === 0
        ? [
            ['200', rate * 0.98],
            ['503', rate * 0.02],
          ]
        : [['200', rate]];
    for (const [code, r] of codes) {
      for (const reporter of ['source', 'destination']) {
        const labels = {
          reporter,
          ...peer('source', src),
          ...peer('destination', dst),
          destination_service: `${dst.labels.app}.${dst.namespace}.svc.cluster.local`,
          destination_service_name: dst.labels.app,
          destination_service_namespace: dst.namespace,
          request_protocol: 'http',
          response_code: code,
          grpc_response_status: '',
          response_flags: '-',
          connection_security_policy:
            reporter === 'source' ? 'unknown' : 'mutual_tls',
        };
        series.push({
          metric: 'istio_requests_total',
          labels,
          perUnit: r,
          appId: 'bench',
        });
        if (reporter !== 'destination') continue;
        for (const le of ENVOY_BUCKETS_MS) {
          series.push({
            metric: 'istio_request_duration_milliseconds_bucket',
            labels: { ...labels, le: String(le) },
            perUnit: r * latency.cdf(le),
            appId: 'bench',
          });
        }
        series.push({
          metric: 'istio_request_duration_milliseconds_bucket',
          labels: { ...labels, le: '+Inf' },
          perUnit: r,
          appId: 'bench',
        });
      }
    }
  }
  return { workloads, series, edges: pairs.size };
}

const pick = (labels: Record<string, string>, names: string[]) =>
  Object.fromEntries(names.filter(n => n in labels).map(n => [n, labels[n]]));

/**
 * The model's snapshot of one window, made in process: what the 4 mesh-wide queries return for the
 * mesh (one sample per request label set, three latency quantiles per edge), passed through JSON
 * as the model gets it from Prometheus or from the shared cache.
 */
export function syntheticSnapshot(mesh: SyntheticMesh): TrafficSnapshot {
  const requests: Sample[] = [];
  const latency: Sample[] = [];
  for (const s of mesh.series) {
    if (s.metric !== 'istio_requests_total') continue;
    requests.push({ labels: pick(s.labels, REQUEST_LABELS), value: s.perUnit });
    if (s.labels.reporter !== 'destination' || s.labels.response_code !== '200')
      continue;
    for (const [quantile, ms] of [
      ['0.5', 20],
      ['0.95', 120],
      ['0.99', 200],
    ])
      latency.push({
        labels: {
          ...pick(s.labels, LATENCY_LABELS),
          quantile: String(quantile),
        },
        value: Number(ms),
      });
  }
  const snapshot = { requests, tcpSent: [], tcpReceived: [], latency };
  return JSON.parse(JSON.stringify(snapshot));
}

/**
 * Measures at each size of `sizes` (comma-separated `namespaces x workloads per namespace x
 * edges`, e.g. `100x10x5000`): prints each size's figures, then one JSON line `{ [key]: [...] }`.
 */
export async function measureBySize(
  sizes: string,
  key: string,
  measure: (
    namespaces: number,
    perNamespace: number,
    edges: number,
  ) => object | Promise<object>,
): Promise<void> {
  const results: object[] = [];
  for (const size of sizes.split(',')) {
    const [namespaces, perNamespace, edges] = size.split('x').map(Number);
    const figures = await measure(namespaces, perNamespace, edges);
    process.stdout.write(`${JSON.stringify(figures, null, 1)}\n`);
    results.push(figures);
  }
  process.stdout.write(`${JSON.stringify({ [key]: results })}\n`);
}
