/*
 * Kiali's graph API tests as inputs of our pipeline. The Prometheus series Kiali's tests mock
 * (transcribed into ../__kiali__, see its README) become one TrafficSnapshot per test: what a
 * mesh-wide read of those series would return. Each mock answers one of Kiali's per-namespace
 * queries; the union of all, without repeats, is the set of series the store holds, so our own
 * (mesh-wide) queries would read exactly these. We feed the parsed samples to buildGraph rather than
 * serving them from an HTTP Prometheus double: our queries `sum by` other labels than Kiali's,
 * so a double would have to evaluate PromQL over these vectors (a Prometheus of its own), while
 * the HTTP and parsing path is already tested against a real Prometheus
 * (sources/prometheus, bench:telemetry). What this oracle checks is the graph semantics.
 */
import fs from 'fs';
import path from 'path';
import { MeshGraphType } from '@mesh-portal/plugin-mesh-common';
import { Service } from '../../kube/types';
import { Workload } from '../../kube/workloads';
import { emptySnapshot, Sample, TrafficSnapshot } from '../../sources/types';
import { snapshotSamples } from '../../__testUtils__/snapshotSamples';

const DIR = path.join(__dirname, '../__kiali__');

interface KialiMock {
  query: string;
  samples: Array<{ metric: Record<string, string>; value: number }>;
}

export interface KialiGraphCase {
  kialiTest: string;
  /** Kiali's request, e.g. `/api/namespaces/graph?namespaces=bookinfo&graphType=app…`. */
  request: string;
  /** The expected graph in ../shared/fixtures/kiali/graph. */
  expected: string;
  series: string;
  /** The Go test turned Kiali's ambient handling off (`options.Rates.Ambient = none`). */
  ambientTrafficNone: boolean;
  /** Kiali's `prometheus.query_scope` mesh_id, added to every query. */
  queryScope?: string;
}

/** What a Kiali request asks for, in our terms. */
export interface KialiRequest {
  graphType: MeshGraphType;
  /** Namespace graphs: the namespaces asked for. */
  namespaces: string[];
  /** Node-detail graphs: the node the graph is about. */
  node?: {
    namespace: string;
    workload?: string;
    app?: string;
    version?: string;
    service?: string;
  };
  rates: { grpc: string; http: string; tcp: string };
  injectServiceNodes: boolean;
  appenders: string;
}

export function readKialiCases(): {
  kialiCommit: string;
  cases: KialiGraphCase[];
} {
  return JSON.parse(fs.readFileSync(path.join(DIR, 'cases.json'), 'utf8'));
}

export function parseKialiRequest(request: string): KialiRequest {
  const url = new URL(request, 'http://kiali');
  const q = url.searchParams;
  const m =
    /^\/api\/namespaces\/([^/]+)\/(workloads|applications|services)\/([^/]+)(?:\/versions\/([^/]+))?\/graph$/.exec(
      url.pathname,
    );
  const node = m
    ? {
        namespace: m[1],
        ...(m[2] === 'workloads' ? { workload: m[3] } : {}),
        ...(m[2] === 'applications' ? { app: m[3], version: m[4] } : {}),
        ...(m[2] === 'services' ? { service: m[3] } : {}),
      }
    : undefined;
  return {
    graphType: (q.get('graphType') ?? 'workload') as MeshGraphType,
    namespaces: m ? [m[1]] : (q.get('namespaces') ?? '').split(','),
    node,
    // Kiali's defaults (config `kiali_feature_flags.ui_defaults.graph.traffic`).
    rates: {
      grpc: q.get('rateGrpc') ?? 'sent',
      http: q.get('rateHttp') ?? 'requests',
      tcp: q.get('rateTcp') ?? 'sent',
    },
    injectServiceNodes: q.get('injectServiceNodes') === 'true',
    appenders: q.get('appenders') ?? '',
  };
}

/**
 * The reporter of a mocked sample. Kiali's ambient queries ask for `reporter=~"waypoint|source"`
 * (or `|destination`) and sum the reporter away, so the sample does not say which one it was: in
 * an ambient namespace only waypoints report L7 (istio_requests_total) and ztunnel reports L4, as
 * source or destination.
 */
function reporterOf(selector: string, metric: string): string {
  const exact = /reporter="(\w+)"/.exec(selector);
  if (exact) return exact[1];
  const alternatives = /reporter=~"([\w|]+)"/.exec(selector)?.[1].split('|');
  if (!alternatives) throw new Error(`no reporter in ${selector}`);
  if (metric === 'istio_requests_total') return 'waypoint';
  return alternatives.find(r => r !== 'waypoint')!;
}

export interface KialiSnapshot {
  snapshot: TrafficSnapshot;
  /** Series of metrics our pipeline does not read (gRPC message counters), by metric. */
  unread: Record<string, number>;
}

/** The union of a test's mocked series as the store holds them (each series once). */
export function kialiSnapshot(seriesSet: string): KialiSnapshot {
  const { mocks } = JSON.parse(
    fs.readFileSync(path.join(DIR, 'series', `${seriesSet}.json`), 'utf8'),
  ) as { mocks: KialiMock[] };
  const series = new Map<string, { metric: string; sample: Sample }>();
  for (const mock of mocks) {
    const [, metric, selector] = /rate\((\w+)\{([^}]*)\}/.exec(mock.query)!;
    const reporter = reporterOf(selector, metric);
    for (const s of mock.samples) {
      const labels = { ...s.metric, reporter };
      const key = `${metric}${JSON.stringify(
        Object.entries(labels).sort(([a], [b]) => a.localeCompare(b)),
      )}`;
      const seen = series.get(key);
      if (seen && seen.sample.value !== s.value)
        throw new Error(`${seriesSet}: one series, two values (${key})`);
      series.set(key, { metric, sample: { labels, value: s.value } });
    }
  }
  // Arrays to fill (../../__testUtils__/snapshotSamples).
  const snapshot = snapshotSamples(emptySnapshot());
  const unread: Record<string, number> = {};
  for (const { metric, sample } of series.values()) {
    // Istio's TCP names are reversed (istio#32399): received bytes flow client → server.
    if (metric === 'istio_requests_total') snapshot.requests.push(sample);
    else if (metric === 'istio_tcp_received_bytes_total')
      snapshot.tcpSent.push(sample);
    else if (metric === 'istio_tcp_sent_bytes_total')
      snapshot.tcpReceived.push(sample);
    else unread[metric] = (unread[metric] ?? 0) + 1;
  }
  return { snapshot, unread };
}

/**
 * Kubernetes objects for a node-detail graph. Our graphs are cut to an entity's workloads, so the
 * node Kiali's request names becomes the entity: its workloads (and for a service, the Service
 * selecting them) are re-created from the labels of the series, as an inventory would list them.
 * Namespace graphs need none: Kiali's namespace tests give its Kubernetes fakes no workloads.
 */
export function focusObjects(
  request: KialiRequest,
  snapshot: TrafficSnapshot,
  cluster: string,
): { workloads: Workload[]; services: Array<Service & { cluster: string }> } {
  const node = request.node;
  if (request.appenders.includes('ambient'))
    return { workloads: AMBIENT_PODS, services: [] };
  if (!node) return { workloads: [], services: [] };
  const seen = new Map<string, Workload>();
  for (const { labels: l } of [...snapshot.requests, ...snapshot.tcpSent]) {
    if (l.destination_workload_namespace !== node.namespace) continue;
    const matches =
      (node.workload && l.destination_workload === node.workload) ||
      (node.app &&
        l.destination_canonical_service === node.app &&
        (!node.version || l.destination_canonical_revision === node.version)) ||
      (node.service && l.destination_service_name === node.service);
    if (!matches || seen.has(l.destination_workload)) continue;
    seen.set(l.destination_workload, {
      cluster,
      namespace: node.namespace,
      kind: 'Deployment',
      name: l.destination_workload,
      labels: {},
      podLabels: {
        app: l.destination_canonical_service,
        version: l.destination_canonical_revision,
      },
      desired: 1,
      current: 1,
      available: 1,
      dataplane: 'sidecar',
      pods: [],
    });
  }
  const workloads = [...seen.values()];
  const services = node.service
    ? [
        {
          cluster,
          apiVersion: 'v1',
          kind: 'Service',
          metadata: { name: node.service, namespace: node.namespace },
          spec: { selector: { app: node.service } },
        } as Service & { cluster: string },
      ]
    : [];
  return { workloads, services };
}

function ambientPod(name: string, podLabels: Record<string, string>): Workload {
  return {
    cluster: 'Kubernetes',
    namespace: 'bookinfo',
    kind: 'Pod',
    name,
    labels: podLabels,
    podLabels,
    desired: 1,
    current: 1,
    available: 1,
    dataplane: 'ambient',
    pods: [{ name, ready: true, phase: 'Running', dataplane: 'ambient' }],
  };
}

/** The pods of Kiali's `ambientWorkloads` (cluster `Kubernetes`, namespace `bookinfo` in ambient mode). */
const AMBIENT_PODS: Workload[] = [
  ambientPod('productpage-v1', { app: 'productpage', version: 'v1' }),
  ambientPod('ratings-v1', { app: 'ratings', version: 'v1' }),
  ambientPod('reviews-v1', { app: 'reviews', version: 'v1' }),
  ambientPod('waypoint', {
    app: 'waypoint',
    version: 'v1',
    'gateway.istio.io/managed': 'istio.io-mesh-controller',
    'gateway.networking.k8s.io/gateway-name': 'waypoint',
  }),
];
