/*
 * Turns flows into Istio standard metric series, reported the way Istio's proxies report them:
 * - a sidecar or gateway client reports `reporter="source"` (connection_security_policy unknown);
 * - a sidecar server reports `reporter="destination"` with the real mTLS state and source identity
 *   (`unknown` peer labels for plain-text clients without mesh identity);
 * - ztunnel (ambient) reports only TCP metrics, for either side it captures, with `app="ztunnel"`;
 * - a waypoint (ambient, L7) reports the requests it carries with `reporter="waypoint"`, naming the
 *   real client and server; ztunnel then reports the client → waypoint and waypoint → server legs
 *   (docs/kiali-semantics.md §1.3);
 * - an injected fault is answered by the client proxy, so only the source reports it, with no
 *   destination workload and response flag `FI`.
 * Each series' counter is `perUnit × Λ(t)` of its app's load curve (./loadCurve).
 */
import { Workload } from '../../../kube/workloads';
import { Flow } from './flows';
import { ENVOY_BUCKETS_MS, LatencyModel } from './latency';

export interface DemoSeries {
  metric: string;
  labels: Record<string, string>;
  /** Counter increase per unit of the app's load integral Λ. */
  perUnit: number;
  appId: string;
}

type Reporter = 'source' | 'destination' | 'waypoint';
const UNKNOWN = 'unknown';
// Connections are pooled: one TCP connection carries many requests.
const REQUESTS_PER_CONNECTION = 20;

function peer(
  prefix: 'source' | 'destination',
  w: Workload | undefined,
  cluster: string,
  trustDomain: string,
) {
  const app =
    w?.podLabels['service.istio.io/canonical-name'] ??
    w?.podLabels.app ??
    w?.name;
  const rev =
    w?.podLabels['service.istio.io/canonical-revision'] ??
    w?.podLabels.version ??
    'latest';
  return {
    [`${prefix}_workload`]: w?.name ?? UNKNOWN,
    [`${prefix}_workload_namespace`]: w?.namespace ?? UNKNOWN,
    [`${prefix}_principal`]: w
      ? `spiffe://${trustDomain}/ns/${w.namespace}/sa/${
          w.serviceAccount ?? 'default'
        }`
      : UNKNOWN,
    [`${prefix}_app`]: w?.podLabels.app ?? UNKNOWN,
    [`${prefix}_version`]: w?.podLabels.version ?? UNKNOWN,
    [`${prefix}_canonical_service`]: app ?? UNKNOWN,
    [`${prefix}_canonical_revision`]: w ? rev : UNKNOWN,
    [`${prefix}_cluster`]: w ? cluster : UNKNOWN,
  };
}

function peerLabels(
  flow: Flow,
  reporter: Reporter,
  cluster: string,
  trustDomain: string,
): Record<string, string> {
  // A server only learns its client's identity through mTLS (peer metadata exchange).
  const sourceKnown =
    reporter !== 'destination' || flow.security === 'mutual_tls';
  const svc = flow.route.service.metadata;
  return {
    reporter,
    ...peer(
      'source',
      sourceKnown ? flow.source : undefined,
      cluster,
      trustDomain,
    ),
    ...peer('destination', flow.destination, cluster, trustDomain),
    destination_service: flow.route.host,
    destination_service_name: svc.name,
    destination_service_namespace: svc.namespace ?? UNKNOWN,
  };
}

function securityPolicy(flow: Flow, reporter: Reporter): string {
  return reporter === 'source' ? UNKNOWN : flow.security;
}

/** The legs ztunnel sees: the whole call, or client → waypoint and waypoint → server. */
function ztunnelLegs(flow: Flow): Array<[Reporter, Flow]> {
  const legs: Array<[Reporter, Flow]> = [];
  const viaWaypoint = (side: Partial<Flow>) =>
    flow.waypoint ? { ...flow, ...side } : flow;
  if (flow.source.dataplane === 'ambient')
    legs.push(['source', viaWaypoint({ destination: flow.waypoint })]);
  if (flow.destination?.dataplane === 'ambient')
    legs.push(['destination', viaWaypoint({ source: flow.waypoint })]);
  return legs;
}

export function flowSeries(
  flow: Flow,
  cluster: string,
  trustDomain: string,
): DemoSeries[] {
  const out: DemoSeries[] = [];
  const add = (
    metric: string,
    labels: Record<string, string>,
    perUnit: number,
  ) =>
    // Zero buckets are kept: histogram_quantile interpolates from the previous bucket's bound.
    (perUnit > 0 || metric.endsWith('_bucket')) &&
    out.push({ metric, labels, perUnit, appId: flow.appId });

  const l7Reporters: Reporter[] = [];
  if (
    flow.source.dataplane === 'sidecar' ||
    flow.source.dataplane === 'gateway'
  )
    l7Reporters.push('source');
  if (flow.destination?.dataplane === 'sidecar')
    l7Reporters.push('destination');
  if (flow.waypoint) l7Reporters.push('waypoint');

  for (const reporter of l7Reporters) {
    const base = peerLabels(flow, reporter, cluster, trustDomain);
    const csp = securityPolicy(flow, reporter);
    if (flow.protocol === 'tcp') {
      addTcp(
        add,
        {
          ...base,
          request_protocol: 'tcp',
          response_flags: flow.responseFlags,
          connection_security_policy: csp,
        },
        flow,
      );
      continue;
    }
    const labels = {
      ...base,
      request_protocol: flow.protocol,
      response_code: flow.responseCode,
      grpc_response_status: flow.grpcStatus,
      response_flags: flow.responseFlags,
      connection_security_policy: csp,
    };
    add('istio_requests_total', labels, flow.rate);
    addHistogram(
      add,
      labels,
      flow.rate,
      reporter === 'destination' ? flow.serverLatency : flow.clientLatency,
    );
  }

  // ztunnel sees every connection of the ambient pods on its node, whatever the protocol, as TCP.
  for (const [reporter, leg] of ztunnelLegs(flow)) {
    const labels = {
      ...peerLabels(leg, reporter, cluster, trustDomain),
      request_protocol: 'tcp',
      response_flags: flow.responseFlags,
      connection_security_policy:
        flow.security === 'mutual_tls' ? 'mutual_tls' : UNKNOWN,
      app: 'ztunnel',
    };
    addTcp(add, labels, leg);
  }
  return out;
}

function addTcp(
  add: (m: string, l: Record<string, string>, v: number) => void,
  labels: Record<string, string>,
  flow: Flow,
) {
  // Istio names TCP byte counters from the server's point of view (istio/istio#32399).
  add('istio_tcp_received_bytes_total', labels, flow.rate * flow.bytesSent);
  add('istio_tcp_sent_bytes_total', labels, flow.rate * flow.bytesReceived);
  add(
    'istio_tcp_connections_opened_total',
    labels,
    flow.rate / REQUESTS_PER_CONNECTION,
  );
  add(
    'istio_tcp_connections_closed_total',
    labels,
    flow.rate / REQUESTS_PER_CONNECTION,
  );
}

function addHistogram(
  add: (m: string, l: Record<string, string>, v: number) => void,
  labels: Record<string, string>,
  rate: number,
  latency: LatencyModel,
) {
  const name = 'istio_request_duration_milliseconds';
  for (const le of ENVOY_BUCKETS_MS)
    add(
      `${name}_bucket`,
      { ...labels, le: String(le) },
      rate * latency.cdf(le),
    );
  add(`${name}_bucket`, { ...labels, le: '+Inf' }, rate);
  add(`${name}_sum`, labels, rate * latency.meanMs);
  add(`${name}_count`, labels, rate);
}

/** Merges series with identical metric and labels (several call paths can produce the same edge). */
export function mergeSeries(series: DemoSeries[]): DemoSeries[] {
  const byKey = new Map<string, DemoSeries>();
  for (const s of series) {
    const key = `${s.appId}|${s.metric}|${JSON.stringify(
      Object.entries(s.labels).sort(),
    )}`;
    const existing = byKey.get(key);
    if (existing) existing.perUnit += s.perUnit;
    else byKey.set(key, { ...s, labels: { ...s.labels } });
  }
  return [...byKey.values()];
}
