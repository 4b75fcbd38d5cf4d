/*
 * First pipeline step: request and TCP samples → nodes and edges, counting every request once.
 * Both proxies of a sidecar-to-sidecar call report it; like Kiali (§2.4) we key each series by
 * what it describes *without* the reporter and let the first reporter class to claim a key win:
 * destination (and waypoint) before source. Traffic into a proxied workload is therefore counted
 * as its server saw it; traffic whose server has no proxy, or that a client proxy answered itself
 * (injected faults, no healthy upstream), as the client saw it.
 */
import {
  MeshGraphType,
  MeshProtocol,
  splitResponseFlags,
} from '@mesh-portal/plugin-mesh-common';
import { EDGE_LABELS } from '../telemetry/promFunctions';
import {
  concatSamples,
  SampleList,
  sampleList,
  Samples,
  samplesOf,
  selectedSliced,
} from '../sources/sampleList';
import { Sample, TrafficSnapshot } from '../sources/types';
import {
  ClusterNames,
  destinationNode,
  ServiceOfWorkload,
  sourceNode,
} from './nodeIdentity';
import { isGraphableTelemetry } from './telemetryFilters';
import { codeRecord } from './codeRecord';
import { eachSliced, finish, ITEMS_PER_YIELD, SlicedWork } from './slicedWork';
import { edgeId, GraphEdge, GraphNode, TrafficMap } from './types';

/** What identifies one logical request series apart from its reporter. */
export const REQUEST_KEY = [
  ...EDGE_LABELS,
  'request_protocol',
  'response_code',
  'grpc_response_status',
  'response_flags',
];

/** What identifies one logical TCP series apart from its reporter. */
const TCP_KEY = [...EDGE_LABELS, 'response_flags'];

const REPORTER_PRECEDENCE: Record<string, number> = {
  destination: 0,
  waypoint: 0,
  source: 1,
};

/** Normalised response code: `0` means no response; gRPC uses its status unless HTTP failed (§2.3). */
export function responseCode(
  protocol: MeshProtocol,
  labels: Record<string, string>,
): string {
  const http = labels.response_code ?? '';
  if (http === '0') return '-';
  if (protocol === 'grpc') {
    const grpc = labels.grpc_response_status;
    if (grpc !== undefined && grpc !== '' && !/^[45]/.test(http)) return grpc;
  }
  return http || '-';
}

function requestProtocol(labels: Record<string, string>): 'http' | 'grpc' {
  return labels.request_protocol === 'grpc' ? 'grpc' : 'http';
}

/** Keeps, per logical series, only the samples of the reporter class that claimed it first. */
export function dedupeByReporter(
  samples: Samples,
  keyLabels: string[],
): Sample[] {
  return samplesOf(finish(dedupedByReporter(samples, keyLabels)));
}

/**
 * {@link dedupeByReporter}, yielding between samples (./slicedWork): the kept samples' indexes
 * (../sources/sampleList), their labels read without making the samples.
 */
export function* dedupedByReporter(
  samples: Samples,
  keyLabels: string[],
): SlicedWork<SampleList> {
  const list = sampleList(samples);
  // Indexes by reporter class, in their order (what a stable sort by precedence gives).
  const byRank: number[][] = [[], [], []];
  for (let i = 0; i < list.length; i++) {
    byRank[REPORTER_PRECEDENCE[list.label(i, 'reporter')!] ?? 2].push(i);
    if (i % ITEMS_PER_YIELD === ITEMS_PER_YIELD - 1) yield;
  }
  const owner = new Map<string, number>();
  const kept: number[] = [];
  let count = 0;
  for (let rank = 0; rank < byRank.length; rank++) {
    for (const i of byRank[rank]) {
      const key = list.key(i, keyLabels);
      const claimed = owner.get(key);
      if (claimed === undefined) owner.set(key, rank);
      if (claimed === undefined || claimed === rank) kept.push(i);
      if (++count % ITEMS_PER_YIELD === 0) yield;
    }
  }
  return list.select(kept);
}

/**
 * `waypoints` (keys `cluster|namespace|workload`, kube/waypoints) makes ambient waypoints workload
 * nodes of their own (./nodeIdentity). Their requests are reported with `reporter="waypoint"` for
 * the real client and server, so they land on the direct client → server edge once; ztunnel's TCP
 * to and from the waypoint makes the client → waypoint → server edges, bytes only.
 */
export function buildTrafficMap(
  snapshot: TrafficSnapshot,
  graphType: MeshGraphType,
  clusterName: ClusterNames,
  waypoints?: Set<string>,
): TrafficMap {
  return finish(trafficMapOf(snapshot, graphType, clusterName, waypoints));
}

/** {@link buildTrafficMap}, yielding between samples (./slicedWork). */
export function* trafficMapOf(
  snapshot: TrafficSnapshot,
  graphType: MeshGraphType,
  clusterName: ClusterNames,
  waypoints?: Set<string>,
): SlicedWork<TrafficMap> {
  const map: TrafficMap = {
    graphType,
    nodes: new Map(),
    edges: new Map(),
    serviceOf:
      graphType === 'service'
        ? yield* servicesOfWorkloads(snapshot, clusterName)
        : undefined,
    waypoints,
  };
  const node = (n: GraphNode) => {
    if (!map.nodes.has(n.id)) map.nodes.set(n.id, n);
    return n.id;
  };
  const edge = (
    labels: Record<string, string>,
    protocol: MeshProtocol,
  ): GraphEdge => {
    const source = node(
      sourceNode(labels, graphType, clusterName, map.serviceOf, waypoints),
    );
    const target = node(
      destinationNode(labels, graphType, clusterName, waypoints),
    );
    const id = edgeId(source, target, protocol);
    let e = map.edges.get(id);
    if (!e) {
      e = {
        id,
        source,
        target,
        protocol,
        responses: codeRecord(),
        responseFlags: {},
        bytesSent: 0,
        bytesReceived: 0,
        mtlsRate: 0,
        securityReportedRate: 0,
      };
      map.edges.set(id, e);
    }
    return e;
  };

  // Series Kiali drops as noise (./telemetryFilters) make no edge here either.
  const graphable = (samples: Samples) => {
    const list = sampleList(samples);
    return selectedSliced(list, i => isGraphableTelemetry(list.at(i).labels));
  };
  const requests = yield* dedupedByReporter(
    yield* graphable(snapshot.requests),
    REQUEST_KEY,
  );
  yield* eachSliced(requests, s => {
    const protocol = requestProtocol(s.labels);
    const e = edge(s.labels, protocol);
    const code = responseCode(protocol, s.labels);
    e.responses[code] = (e.responses[code] ?? 0) + s.value;
    // Why requests failed rides on the series already read (`response_flags` is one of the
    // request labels): no extra query.
    for (const flag of splitResponseFlags(s.labels.response_flags))
      e.responseFlags[flag] = (e.responseFlags[flag] ?? 0) + s.value;
  });

  const sent = yield* dedupedByReporter(
    yield* graphable(snapshot.tcpSent),
    TCP_KEY,
  );
  yield* eachSliced(sent, s => {
    edge(s.labels, 'tcp').bytesSent += s.value;
  });
  const received = yield* dedupedByReporter(
    yield* graphable(snapshot.tcpReceived),
    TCP_KEY,
  );
  yield* eachSliced(received, s => {
    edge(s.labels, 'tcp').bytesReceived += s.value;
  });
  return map;
}

/** The Service each workload mostly receives its traffic through (for service graphs). */
function* servicesOfWorkloads(
  snapshot: TrafficSnapshot,
  clusterName: ClusterNames,
): SlicedWork<ServiceOfWorkload> {
  const volume = new Map<string, Map<string, number>>();
  yield* eachSliced(concatSamples([snapshot.requests, snapshot.tcpSent]), s => {
    const l = s.labels;
    if (
      !l.destination_workload ||
      l.destination_workload === 'unknown' ||
      !l.destination_service_name
    )
      return;
    if (
      !l.destination_service_namespace ||
      l.destination_service_namespace === 'unknown'
    )
      return;
    const key = `${clusterName(l.destination_cluster)}|${
      l.destination_workload_namespace
    }|${l.destination_workload}`;
    const services = volume.get(key) ?? new Map<string, number>();
    const svc = `${l.destination_service_namespace}|${l.destination_service_name}`;
    services.set(svc, (services.get(svc) ?? 0) + s.value);
    volume.set(key, services);
  });
  const result: ServiceOfWorkload = new Map();
  for (const [workload, services] of volume) {
    const [top] = [...services].sort(
      (a, b) => b[1] - a[1] || a[0].localeCompare(b[0]),
    );
    const [namespace, service] = top[0].split('|');
    result.set(workload, { namespace, service });
  }
  return result;
}

/** The edge a sample belongs to, without creating anything (for later appenders). */
export function edgeIdOf(
  labels: Record<string, string>,
  protocol: MeshProtocol,
  map: TrafficMap,
  clusterName: ClusterNames,
): string {
  return edgeId(
    sourceNode(labels, map.graphType, clusterName, map.serviceOf, map.waypoints)
      .id,
    destinationNode(labels, map.graphType, clusterName, map.waypoints).id,
    protocol,
  );
}

export { requestProtocol };
