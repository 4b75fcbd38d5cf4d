/*
 * The share of observed traffic that used mutual TLS, from Istio's `connection_security_policy`.
 * As in the graph (graph/appenders/addSecurity.ts, docs/kiali-semantics.md §1.2): only the server side
 * knows, so destination-reported series (and ztunnel's source reports when the server side did not
 * report) are the base of the share; every request is counted once, from the destination report when
 * there is one and from the source report otherwise.
 */
import { MeshTrafficMtls } from '@mesh-portal/plugin-mesh-common';
import {
  finishInSlices,
  ITEMS_PER_YIELD,
  SlicedWork,
} from '../graph/slicedWork';
import { ClusterNaming } from '../graph/nodeIdentity';
import { sampleList, Samples } from '../sources/sampleList';
import { TrafficSnapshot } from '../sources/types';

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

/** One edge's totals, with the workload keys (`cluster/namespace/workload`) at its two ends. */
interface IndexedEdge {
  into: string;
  outOf: string;
  totals: EdgeTotals;
}

/** A part's edges by the workload keys at either end (an edge is under both). */
type EdgeIndex = Map<string, IndexedEdge[]>;

/** What identifies an edge of `connection_security_policy` accounting. */
const EDGE_KEY = [
  'source_cluster',
  'source_workload_namespace',
  'source_workload',
  'destination_cluster',
  'destination_service',
  'destination_workload_namespace',
  'destination_workload',
  'request_protocol',
];

/**
 * Every edge of a snapshot part with its totals, a slice of samples at a time
 * (../graph/slicedWork). The destination reports are the base; a source report is trusted only
 * from ztunnel and only when the server side was silent.
 */
function* edgesOf(
  samples: Samples,
  clusterName: ClusterNaming['clusterName'],
): SlicedWork<IndexedEdge[]> {
  const list = sampleList(samples);
  const edges = new Map<string, IndexedEdge>();
  const edgeOfSample: IndexedEdge[] = new Array(list.length);
  const workload = (i: number, side: 'source' | 'destination') =>
    `${clusterName(list.label(i, `${side}_cluster`) ?? '')}/${list.label(
      i,
      `${side}_workload_namespace`,
    )}/${list.label(i, `${side}_workload`)}`;
  for (let i = 0; i < list.length; i++) {
    if (i % ITEMS_PER_YIELD === ITEMS_PER_YIELD - 1) yield;
    const key = list.key(i, EDGE_KEY);
    let edge = edges.get(key);
    if (!edge) {
      edge = {
        into: workload(i, 'destination'),
        outOf: workload(i, 'source'),
        totals: { destination: 0, source: 0, trusted: 0, mtls: 0 },
      };
      edges.set(key, edge);
    }
    edgeOfSample[i] = edge;
    if (list.label(i, 'reporter') === 'destination')
      edge.totals.destination += list.value(i);
    else edge.totals.source += list.value(i);
  }
  for (let i = 0; i < list.length; i++) {
    if (i % ITEMS_PER_YIELD === ITEMS_PER_YIELD - 1) yield;
    const { totals } = edgeOfSample[i];
    const trusted =
      list.label(i, 'reporter') === 'destination' ||
      (list.label(i, 'app') === 'ztunnel' && totals.destination === 0);
    const policy = list.label(i, 'connection_security_policy');
    if (!trusted || policy === 'unknown') continue;
    totals.trusted += list.value(i);
    if (policy === 'mutual_tls') totals.mtls += list.value(i);
  }
  return [...edges.values()];
}

/**
 * The edge index of a snapshot part, once per part and cluster naming: a model's snapshot lives
 * until the next refresh, so an entity's shares cost what its own edges hold (issue 15: read
 * whole per request, they cost ~2 × 130,000 samples at 5,000 workloads).
 */
const indexes = new WeakMap<object, Map<string, Promise<EdgeIndex>>>();

function edgeIndexOf(
  samples: Samples,
  naming: ClusterNaming,
): Promise<EdgeIndex> {
  let byNaming = indexes.get(samples);
  if (!byNaming) indexes.set(samples, (byNaming = new Map()));
  let index = byNaming.get(naming.clusters);
  if (!index) {
    index = finishInSlices(edgesOf(samples, naming.clusterName)).then(edges => {
      const byWorkload: EdgeIndex = new Map();
      const add = (key: string, edge: IndexedEdge) => {
        const list = byWorkload.get(key);
        if (list) list.push(edge);
        else byWorkload.set(key, [edge]);
      };
      for (const edge of edges) {
        add(edge.into, edge);
        if (edge.outOf !== edge.into) add(edge.outOf, edge);
      }
      return byWorkload;
    });
    byNaming.set(naming.clusters, index);
    const forget = () => byNaming!.delete(naming.clusters);
    index.catch(forget);
  }
  return index;
}

/**
 * Traffic into (`inbound`), out of (`outbound`) and touching (`any`, each edge once) a set of
 * workloads, given by their `cluster/namespace/workload` keys.
 */
export async function trafficMtls(
  snapshot: TrafficSnapshot,
  naming: ClusterNaming,
  workloads: ReadonlySet<string>,
): Promise<{
  inbound: MeshTrafficMtls;
  outbound: MeshTrafficMtls;
  any: MeshTrafficMtls;
}> {
  const result = {
    inbound: emptyTrafficMtls(),
    outbound: emptyTrafficMtls(),
    any: emptyTrafficMtls(),
  };
  const account = (index: EdgeIndex, kind: 'requests' | 'bytes') => {
    const seen = new Set<IndexedEdge>();
    for (const key of workloads)
      for (const edge of index.get(key) ?? []) {
        if (seen.has(edge)) continue;
        seen.add(edge);
        const { totals } = edge;
        const into = workloads.has(edge.into);
        const outOf = workloads.has(edge.outOf);
        const total =
          totals.destination > 0 ? totals.destination : totals.source;
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
  const [requests, bytes] = await Promise.all([
    edgeIndexOf(snapshot.requests, naming),
    edgeIndexOf(snapshot.tcpSent, naming),
  ]);
  account(requests, 'requests');
  account(bytes, 'bytes');
  return {
    inbound: withShares(result.inbound),
    outbound: withShares(result.outbound),
    any: withShares(result.any),
  };
}
