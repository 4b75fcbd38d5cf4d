/*
 * The data-source interfaces of the mesh backend. Each source kind has live implementations
 * (Kubernetes API, Prometheus, Jaeger/Tempo/Zipkin) and the embedded demo implements the very same
 * interfaces, so everything above this layer is unaware of where data comes from.
 */
import {
  MeshSourceError,
  MeshSpan,
  MeshTrace,
  MeshTraceSummary,
} from '@mesh-portal/plugin-mesh-common';
import { ClusterObjects } from '../kube/types';
import { concatSamples, Samples } from './sampleList';

/** Where a cluster's inventory comes from. */
export type ClusterSourceKind = 'demo' | 'kubernetes' | 'snapshot';

export interface ClusterInfo {
  /** Cluster name as in the Kubernetes plugin config (`backstage.io/kubernetes-cluster` matches it). */
  name: string;
  /** Istio cluster id as it appears in metric labels (`source_cluster`), often `Kubernetes`. */
  istioClusterId: string;
  kind: ClusterSourceKind;
}

/** Result of a read: whatever could be read plus typed errors for what could not. */
export interface SourceResult<T> {
  value: T;
  errors: MeshSourceError[];
}

/**
 * Namespaces, workloads, services, pods and Istio config of clusters. Implementations serve from
 * memory (a watch cache, a loaded snapshot, the demo model); reads must not hit the API per request.
 */
export interface ClusterInventorySource {
  listClusters(): ClusterInfo[];
  getClusterObjects(cluster: string): Promise<SourceResult<ClusterObjects>>;
}

/** One element of an instant vector: label set and value. */
export interface Sample {
  labels: Record<string, string>;
  value: number;
}

/** A request for the traffic of (part of) a mesh over a window ending at `time`. */
export interface TrafficQuery {
  windowSeconds: number;
  time: Date;
  /** Restrict to traffic whose source or destination is in these namespaces; all when absent. */
  namespaces?: string[];
  /**
   * One part of a mesh-wide read split by source namespace (../model/readInGroups): traffic from
   * these namespaces, or from every other one.
   */
  sourceNamespaces?: { in: string[] } | { notIn: string[] };
  /**
   * Skip latency: histograms hold ~20× the series of the request counters, so long windows
   * (the 7-day dependency view) are far cheaper without them.
   */
  withoutLatency?: boolean;
  /**
   * The caller reads no latency (health, security, posture): answered with or without it, and
   * not a read of the window's latency, which the mesh model refreshes only while read
   * (./model/TrafficModel).
   */
  latencyUnused?: boolean;
}

/**
 * Traffic over a window, as Prometheus would return for Kiali-style aggregations of Istio's
 * standard metrics. Each sample's labels are Istio label names (`reporter`, `source_workload`,
 * `destination_service_name`, `response_code`, `connection_security_policy`, …).
 */
export interface TrafficSnapshot {
  /** `sum by (edge labels, code labels, reporter, connection_security_policy) (rate(istio_requests_total[w]))`. */
  requests: Samples;
  /** Client → server TCP bytes/s: `istio_tcp_received_bytes_total` (Istio's naming is reversed, istio#32399). */
  tcpSent: Samples;
  /** Server → client TCP bytes/s: `istio_tcp_sent_bytes_total`. */
  tcpReceived: Samples;
  /** Latency percentiles per edge and reporter: labels plus `quantile` ("0.5", "0.95", "0.99"), value in ms. */
  latency: Samples;
}

export const emptySnapshot = (): TrafficSnapshot => ({
  requests: [],
  tcpSent: [],
  tcpReceived: [],
  latency: [],
});

/** Several reads' snapshots concatenated and their errors collected. */
export function concatTraffic(
  results: Array<SourceResult<TrafficSnapshot>>,
): SourceResult<TrafficSnapshot> {
  // One source: its snapshot as is, so that what is kept per snapshot (a model's graph bases,
  // ../graph/meshGraphBase) is found again. Snapshots are shared: never change them.
  if (results.length === 1)
    return { value: results[0].value, errors: [...results[0].errors] };
  const value = emptySnapshot();
  for (const key of Object.keys(value) as Array<keyof TrafficSnapshot>)
    value[key] = concatSamples(results.map(r => r.value[key]));
  return { value, errors: results.flatMap(r => r.errors) };
}

/** One side of the traffic a series follows: a workload, or every workload behind a Service. */
export interface PeerSelector {
  namespace: string;
  workload?: string;
  /** Canonical service (app) — every version of it. */
  app?: string;
  service?: string;
  /**
   * With `service` as a destination: only the requests that reached no workload (the client proxy
   * answered: an injected fault, no healthy upstream) — what a Service node of a workload or app
   * graph stands for, since served requests go to the workload's own node there.
   */
  unserved?: boolean;
}

/**
 * Requests and latency over time for one node (inbound: `destination` set; outbound: `source`
 * set) or one edge (both set), sampled every `stepSeconds` over the window ending at `time`.
 */
export interface SeriesQuery {
  time: Date;
  windowSeconds: number;
  stepSeconds: number;
  source?: PeerSelector;
  destination?: PeerSelector;
}

export interface TrafficSeries {
  /** Unix seconds of each point. */
  timestamps: number[];
  /** Requests/s per point by protocol and normalised response code (`-` = no response, gRPC status). */
  requests: Array<{
    protocol: 'http' | 'grpc';
    code: string;
    values: number[];
  }>;
  /** Latency quantiles in ms per point (null where there were no requests). */
  latency: Array<{ quantile: string; values: Array<number | null> }>;
  /** Whose reports the series use: the server proxy's per series when it has one, else the client's (`mixed` when both occur). */
  reporter: 'destination' | 'source' | 'mixed' | 'none';
  /** TCP bytes/s per point each way (sidecars and ztunnel); absent when no TCP traffic was reported. */
  tcp?: TcpSeries;
}

/** TCP bytes/s per point: client → server from `istio_tcp_received_bytes_total`, server → client from `istio_tcp_sent_bytes_total` (istio#32399). */
export interface TcpSeries {
  clientToServer: number[];
  serverToClient: number[];
}

/**
 * How current a traffic read is: from the mesh model refreshed in the background (../model),
 * queried for this request, or nothing yet because the model's first refresh has not finished.
 */
export interface TrafficFreshness {
  state: 'model' | 'live' | 'warmingUp';
  /** Evaluation time of the data; absent while warming up. */
  time?: Date;
}

export interface TrafficResult extends SourceResult<TrafficSnapshot> {
  /** Absent for sources computed in process at the request's time (the demo): live. */
  freshness?: TrafficFreshness;
}

/** Istio metrics of the clusters it serves (Prometheus, Thanos, Mimir, or the demo). */
export interface TelemetrySource {
  getTraffic(query: TrafficQuery): Promise<TrafficResult>;
  getSeries(query: SeriesQuery): Promise<SourceResult<TrafficSeries>>;
}

export interface TraceQuery {
  /** Tracing service name, `<app>.<namespace>` for Istio proxies. */
  serviceName: string;
  end: Date;
  lookbackSeconds: number;
  limit: number;
  minDurationMicros?: number;
  errorsOnly?: boolean;
  /** Only traces with a span of this name (Jaeger `operation`, Zipkin `spanName`, Tempo `name`). */
  operation?: string;
  /** Only traces with a span carrying all these tags (Jaeger `tags`, Zipkin `annotationQuery`, Tempo attributes). */
  tags?: Record<string, string>;
  /**
   * Only traces with a span from one of these workloads, told by the proxies' `node_id` or a
   * `hostname` tag (Kiali's workload traces). Set when the entity owns only some of the workloads
   * that report under `serviceName`. Sources that cannot tell (the demo) ignore it.
   */
  workloads?: TraceWorkload[];
}

/** A workload as trace spans identify it: by pod name (in `node_id` or `hostname`) and namespace. */
export interface TraceWorkload {
  namespace: string;
  name: string;
  /** Pod names known from the inventory; without them a pod matches by the `<workload>-` prefix. */
  pods: string[];
}

/** Traces of the clusters it serves (Jaeger, Tempo, Zipkin, or the demo). */
export interface TraceSource {
  findTraces(query: TraceQuery): Promise<SourceResult<MeshTraceSummary[]>>;
  getTrace(traceId: string): Promise<SourceResult<MeshTrace | undefined>>;
  /** Service names the backend has seen (Jaeger `/api/services`, Zipkin `/api/v2/services`, Tempo tag values). */
  listServices?(): Promise<SourceResult<string[]>>;
  /** The trace in the backend's own UI, when its URL is configured. */
  traceWebUrl?(traceId: string): string | undefined;
  /**
   * Entity annotation naming the services of this backend, when config renames it (a backend fed
   * by OpenTelemetry SDKs names services its own way); `mesh.backstage.io/tracing-service` otherwise.
   */
  readonly serviceNameAnnotation?: string;
}

/** All sources the services use, keyed by cluster where a source is cluster-scoped. */
export interface MeshSources {
  inventory: ClusterInventorySource;
  /** Telemetry per cluster name; several clusters may share one source (one Prometheus). */
  telemetryFor(cluster: string): TelemetrySource | undefined;
  tracesFor(cluster: string): TraceSource | undefined;
  /**
   * Has the mesh model (./model) run `prepare` on each new snapshot of a window before requests
   * read it; absent without a model.
   */
  prepareSnapshots?(prepare: SnapshotPreparer): void;
}

/**
 * Computes what requests will read of a model's new snapshot (`previous`: the one it replaces,
 * whose requests tell what they read) while requests still read the previous one.
 */
export type SnapshotPreparer = (
  next: TrafficSnapshot,
  previous: TrafficSnapshot | undefined,
) => Promise<void>;

export type { MeshSpan };
