/*
 * The share of observed traffic that used mutual TLS, from Istio's `connection_security_policy`.
 * As in the graph (graph/appenders/addSecurity.ts, docs/kiali-semantics.md §1.2): only the server side
 * knows, so destination-reported series (and ztunnel's source reports when the server side did not
 * report) are the base of the share; every request is counted once, from the destination report when
 * there is one and from the source report otherwise.
 */
import { MeshTrafficMtls } from '@mesh-portal/plugin-mesh-common';
import { SampleList, sampleList, Samples } from '../sources/sampleList';
import { TrafficSnapshot } from '../sources/types';

export type WorkloadKeyOf = (
  cluster: string,
  namespace: string,
  workload: string,
) => string;

interface EdgeTotals {
  destination: number;
  source: number;
  trusted: number;
  mtls: number;
}

export function emptyTrafficMtls(): MeshTrafficMtls {
  return {
    requestsPerSecond: 0,
    reportedRequestsPerSecond: 0,
    mtlsRequestsPerSecond: 0,
    bytesPerSecond: 0,
    reportedBytesPerSecond: 0,
    mtlsBytesPerSecond: 0,
  };
}

const share = (part: number, whole: number) =>
  whole > 0 ? Math.min(1, part / whole) : undefined;

/** Fills the optional shares once the sums are known. */
export function withShares(t: MeshTrafficMtls): MeshTrafficMtls {
  const { requestMtlsShare, bytesMtlsShare, ...sums } = t;
  const r = share(t.mtlsRequestsPerSecond, t.reportedRequestsPerSecond);
  const b = share(t.mtlsBytesPerSecond, t.reportedBytesPerSecond);
  return {
    ...sums,
    ...(r !== undefined ? { requestMtlsShare: r } : {}),
    ...(b !== undefined ? { bytesMtlsShare: b } : {}),
  };
}

function edgeTotals(
  samples: SampleList,
  trustSource: (labels: Record<string, string>) => boolean,
  key: (l: Record<string, string>) => string,
) {
  const edges = new Map<
    string,
    { labels: Record<string, string>; totals: EdgeTotals }
  >();
  for (const s of samples) {
    const k = key(s.labels);
    const entry = edges.get(k) ?? {
      labels: s.labels,
      totals: { destination: 0, source: 0, trusted: 0, mtls: 0 },
    };
    const fromDestination = s.labels.reporter === 'destination';
    if (fromDestination) entry.totals.destination += s.value;
    else entry.totals.source += s.value;
    edges.set(k, entry);
  }
  for (const s of samples) {
    const entry = edges.get(key(s.labels))!;
    const fromDestination = s.labels.reporter === 'destination';
    // A source report is trusted only from ztunnel and only when the server side was silent.
    const trusted =
      fromDestination ||
      (trustSource(s.labels) && entry.totals.destination === 0);
    if (!trusted || s.labels.connection_security_policy === 'unknown') continue;
    entry.totals.trusted += s.value;
    if (s.labels.connection_security_policy === 'mutual_tls')
      entry.totals.mtls += s.value;
  }
  return [...edges.values()];
}

const edgeKey = (l: Record<string, string>) =>
  [
    l.source_cluster,
    l.source_workload_namespace,
    l.source_workload,
    l.destination_cluster,
    l.destination_service,
    l.destination_workload_namespace,
    l.destination_workload,
    l.request_protocol,
  ].join('|');

/**
 * Traffic into (`inbound`), out of (`outbound`) and touching (`any`, each edge once) a set of
 * workloads, given by `inScope` on their `cluster/namespace/workload` keys.
 */
export function trafficMtls(
  snapshot: TrafficSnapshot,
  clusterName: (istioClusterId: string) => string,
  inScope: (key: string) => boolean,
): {
  inbound: MeshTrafficMtls;
  outbound: MeshTrafficMtls;
  any: MeshTrafficMtls;
} {
  const result = {
    inbound: emptyTrafficMtls(),
    outbound: emptyTrafficMtls(),
    any: emptyTrafficMtls(),
  };
  const wk = (l: Record<string, string>, side: 'source' | 'destination') =>
    `${clusterName(l[`${side}_cluster`] ?? '')}/${
      l[`${side}_workload_namespace`]
    }/${l[`${side}_workload`]}`;
  const account = (samples: Samples, kind: 'requests' | 'bytes') => {
    for (const { labels, totals } of edgeTotals(
      sampleList(samples),
      l => l.app === 'ztunnel',
      edgeKey,
    )) {
      const into = inScope(wk(labels, 'destination'));
      const outOf = inScope(wk(labels, 'source'));
      const total = totals.destination > 0 ? totals.destination : totals.source;
      for (const [target, applies] of [
        [result.inbound, into],
        [result.outbound, outOf],
        [result.any, into || outOf],
      ] as const) {
        if (!applies) continue;
        if (kind === 'requests') {
          target.requestsPerSecond += total;
          target.reportedRequestsPerSecond += totals.trusted;
          target.mtlsRequestsPerSecond += totals.mtls;
        } else {
          target.bytesPerSecond += total;
          target.reportedBytesPerSecond += totals.trusted;
          target.mtlsBytesPerSecond += totals.mtls;
        }
      }
    }
  };
  account(snapshot.requests, 'requests');
  account(snapshot.tcpSent, 'bytes');
  return {
    inbound: withShares(result.inbound),
    outbound: withShares(result.outbound),
    any: withShares(result.any),
  };
}
