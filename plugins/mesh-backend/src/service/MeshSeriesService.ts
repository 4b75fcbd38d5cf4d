/*
 * Golden signals over time for a node or an edge of an entity's graph (the side panel's charts).
 * The node or edge must be part of the entity's neighbourhood as the caller can see it, so this
 * route cannot be used to read the metrics of arbitrary workloads.
 */
import { NotFoundError } from '@backstage/errors';
import {
  MeshGraphType,
  MeshSeriesResponse,
} from '@mesh-portal/plugin-mesh-common';
import { isErrorCode } from '../graph/types';
import {
  MeshSources,
  PeerSelector,
  SeriesQuery,
  TrafficSeries,
} from '../sources/types';
import { ParsedNode, parseEdgeId, parseNodeId } from '../graph/graphIds';
import { EntityGraphRequest, MeshGraphService } from './MeshGraphService';
import { guarded } from './sourceErrors';

export interface SeriesRequest
  extends Omit<EntityGraphRequest, 'hops' | 'graphType'> {
  stepSeconds: number;
  node?: string;
  edge?: string;
  /** The graph the node or edge was picked from (inferred from the ids when absent). */
  graphType?: MeshGraphType;
}

/** Neighbourhood size within which nodes and edges may be charted (the UI offers up to 3 hops). */
const MAX_HOPS = 3;
const EMPTY: TrafficSeries = {
  timestamps: [],
  requests: [],
  latency: [],
  reporter: 'none',
};

export class MeshSeriesService {
  constructor(
    private readonly options: { graph: MeshGraphService; sources: MeshSources },
  ) {}

  async getSeries(request: SeriesRequest): Promise<MeshSeriesResponse> {
    const edge = request.edge ? parseEdgeId(request.edge) : undefined;
    const node = request.node ? parseNodeId(request.node) : undefined;
    const { graph, graphType } = await this.findInGraph(request, edge, node);
    const meshNode = (id: string) => graph.nodes.find(n => n.id === id);
    // An unknown source has no cluster of its own: its traffic is read where it arrives.
    const unknownCluster = (id: string) =>
      graph.edges
        .filter(e => e.source === id)
        .map(e => meshNode(e.target)?.cluster)
        .find(c => !!c);
    const end = edge ? edge.target : node!;
    const cluster =
      (end.kind === 'unknown' ? unknownCluster(end.id) : end.cluster) ??
      end.cluster;
    // A ServiceEntry node stands for its hosts: one read per host, added up. Outside service
    // graphs a Service node only receives what reached no workload (../graph/nodeIdentity).
    const destinations = (n: ParsedNode): PeerSelector[] =>
      n.kind === 'se'
        ? (meshNode(n.id)?.serviceEntry?.hosts ?? []).map(host => ({
            namespace: n.peer.namespace,
            service: host,
          }))
        : graphType !== 'service' && n.peer.service
        ? [{ ...n.peer, unserved: true }]
        : [n.peer];
    const base = {
      time: request.time ?? new Date(),
      windowSeconds: request.windowSeconds,
      stepSeconds: request.stepSeconds,
    };
    const queries: SeriesQuery[] = edge
      ? destinations(edge.target).map(destination => ({
          ...base,
          source: edge.source.peer,
          destination,
        }))
      : node!.kind === 'unknown'
      ? [{ ...base, source: node!.peer }]
      : destinations(node!).map(destination => ({ ...base, destination }));
    const source = this.options.sources.telemetryFor(cluster);
    if (!source)
      return toResponse(EMPTY, request, [
        {
          source: 'telemetry',
          errorType: 'NOT_FOUND',
          cluster,
          message: `No telemetry source for cluster ${cluster}`,
        },
      ]);
    const results = await Promise.all(
      queries.map(query =>
        guarded(() => source.getSeries(query), EMPTY, 'telemetry', cluster),
      ),
    );
    return {
      ...toResponse(
        addSeries(results.map(r => r.value)),
        request,
        results.flatMap(r => r.errors),
      ),
      covers: describeCoverage(queries, edge?.source.peer),
    };
  }

  /**
   * The entity's graph that holds the node or edge. Service nodes are in workload graphs (a
   * destination without workloads) and in service graphs; ServiceEntry and unknown nodes in any.
   */
  private async findInGraph(
    request: SeriesRequest,
    edge: ReturnType<typeof parseEdgeId> | undefined,
    node: ParsedNode | undefined,
  ) {
    const named = edge
      ? [edge.target, edge.source].find(
          n => n.kind !== 'se' && n.kind !== 'unknown',
        )
      : node;
    const candidates: MeshGraphType[] = request.graphType
      ? [request.graphType]
      : named?.kind === 'app'
      ? ['app']
      : named?.kind === 'vapp'
      ? ['versionedApp']
      : named?.kind === 'wl'
      ? ['workload']
      : named?.kind === 'svc'
      ? ['workload', 'service']
      : ['workload', 'app', 'versionedApp', 'service'];
    let found: Awaited<ReturnType<MeshGraphService['buildEntityGraph']>>;
    for (const graphType of candidates) {
      found = await this.options.graph.buildEntityGraph({
        ...request,
        hops: MAX_HOPS,
        graphType,
      });
      const { graph } = found;
      const known = edge
        ? graph.edges.some(e => e.id === edge.id)
        : graph.nodes.some(n => n.id === node!.id);
      if (known) return { ...found, graphType };
    }
    throw new NotFoundError(
      `${edge ? 'Edge' : 'Node'} ${edge?.id ?? node!.id} is not part of ${
        found!.graph.mapping.entityRef
      }'s graph in the last ${request.windowSeconds}s`,
    );
  }
}

/** Several reads of one chart (a ServiceEntry's hosts) as one: requests side by side, the first latency. */
function addSeries(all: TrafficSeries[]): TrafficSeries {
  const withData = all.filter(s => s.timestamps.length > 0);
  if (withData.length <= 1) return withData[0] ?? all[0] ?? EMPTY;
  return {
    ...withData[0],
    requests: withData.flatMap(s => s.requests),
    latency:
      withData.find(s => s.latency.some(l => l.values.some(v => v !== null)))
        ?.latency ?? withData[0].latency,
  };
}

/**
 * What the charts count, in words, so the panel never passes off a wider selection as the element:
 * a Service as a source can only be followed by its namespace (Istio labels carry no source Service).
 */
function describeCoverage(
  queries: Pick<SeriesQuery, 'source' | 'destination'>[],
  sourcePeer: PeerSelector | undefined,
): string {
  const name = (p: PeerSelector) =>
    p.workload
      ? `workload ${p.workload}`
      : p.app
      ? `app ${p.app}`
      : `Service ${p.service}`;
  const destinations = queries.flatMap(q =>
    q.destination ? [q.destination] : [],
  );
  if (destinations.length === 0)
    return 'Outbound: requests sent by clients without a mesh identity.';
  const [destination] = destinations;
  const into = destination.unserved
    ? `requests to ${name(
        destination,
      )} that reached no workload (answered by the client proxy)`
    : destination.service
    ? `all requests to ${destinations.map(name).join(', ')}`
    : `requests received by ${name(destination)}`;
  if (!sourcePeer) return `Inbound: ${into}.`;
  const from =
    sourcePeer.service && !sourcePeer.workload
      ? `any workload of namespace ${sourcePeer.namespace} (a source Service cannot be told apart)`
      : name(sourcePeer);
  return `${into[0].toUpperCase()}${into.slice(1)}, from ${from}.`;
}

function toResponse(
  series: TrafficSeries,
  request: SeriesRequest,
  errors: MeshSeriesResponse['errors'],
): MeshSeriesResponse {
  const rps = series.timestamps.map((_, i) =>
    series.requests.reduce((a, r) => a + r.values[i], 0),
  );
  const errorRps = series.timestamps.map((_, i) =>
    series.requests
      .filter(r => isErrorCode(r.protocol, r.code))
      .reduce((a, r) => a + r.values[i], 0),
  );
  const quantile = (q: string) =>
    series.latency.find(l => l.quantile === q)?.values ??
    series.timestamps.map(() => null);
  const responses: Record<string, number[]> = {};
  for (const r of series.requests) {
    responses[r.code] = (
      responses[r.code] ?? series.timestamps.map(() => 0)
    ).map((v, i) => v + r.values[i]);
  }
  return {
    windowSeconds: request.windowSeconds,
    stepSeconds: request.stepSeconds,
    timestamps: series.timestamps,
    rps,
    errorRate: rps.map((v, i) => (v > 0 ? errorRps[i] / v : null)),
    latency: {
      p50: quantile('0.5'),
      p95: quantile('0.95'),
      p99: quantile('0.99'),
    },
    responses,
    reporter: series.reporter,
    ...(series.tcp ? { tcpBytes: series.tcp } : {}),
    errors,
  };
}
