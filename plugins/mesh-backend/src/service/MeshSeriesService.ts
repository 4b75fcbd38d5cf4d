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
import { ParsedNode, parseEdgeId, parseNodeId } from './graphIds';
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
    const graphType =
      request.graphType ?? inferGraphType((edge?.target ?? node)!.id);
    // Outside service graphs a Service node only receives what reached no workload (../graph/nodeIdentity).
    const unserved = (p: ParsedNode) =>
      graphType !== 'service' && p.peer.service
        ? { ...p.peer, unserved: true }
        : p.peer;
    const { graph } = await this.options.graph.buildEntityGraph({
      ...request,
      hops: MAX_HOPS,
      graphType,
    });
    const known = edge
      ? graph.edges.some(e => e.id === edge.id)
      : graph.nodes.some(n => n.id === node!.id);
    if (!known) {
      throw new NotFoundError(
        `${edge ? 'Edge' : 'Node'} ${edge?.id ?? node!.id} is not part of ${
          graph.mapping.entityRef
        }'s graph in the last ${request.windowSeconds}s`,
      );
    }
    const cluster = (edge?.target ?? node)!.cluster;
    const source = this.options.sources.telemetryFor(cluster);
    const query = {
      time: request.time ?? new Date(),
      windowSeconds: request.windowSeconds,
      stepSeconds: request.stepSeconds,
      ...(edge
        ? { source: edge.source.peer, destination: unserved(edge.target) }
        : { destination: unserved(node!) }),
    };
    const result = source
      ? await guarded(
          () => source.getSeries(query),
          EMPTY,
          'telemetry',
          cluster,
        )
      : {
          value: EMPTY,
          errors: [
            {
              source: 'telemetry' as const,
              errorType: 'NOT_FOUND' as const,
              cluster,
              message: `No telemetry source for cluster ${cluster}`,
            },
          ],
        };
    return {
      ...toResponse(result.value, request, result.errors),
      covers: describeCoverage(query, edge?.source.peer),
    };
  }
}

function inferGraphType(id: string): MeshGraphType {
  if (id.startsWith('app:')) return 'app';
  if (id.startsWith('vapp:')) return 'versionedApp';
  return 'workload';
}

/**
 * What the charts count, in words, so the panel never passes off a wider selection as the element:
 * a Service as a source can only be followed by its namespace (Istio labels carry no source Service).
 */
function describeCoverage(
  query: Pick<SeriesQuery, 'source' | 'destination'>,
  sourcePeer: PeerSelector | undefined,
): string {
  const name = (p: PeerSelector) =>
    p.workload
      ? `workload ${p.workload}`
      : p.app
      ? `app ${p.app}`
      : `Service ${p.service}`;
  const destination = query.destination!;
  const into = destination.unserved
    ? `requests to ${name(
        destination,
      )} that reached no workload (answered by the client proxy)`
    : destination.service
    ? `all requests to ${name(destination)}`
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
    errors,
  };
}
