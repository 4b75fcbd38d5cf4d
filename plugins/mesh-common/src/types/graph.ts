import { MeshSourceError } from './errors';

/**
 * How nodes are keyed in a traffic graph (Kiali's graph types).
 *
 * @public
 */
export type MeshGraphType = 'workload' | 'app' | 'versionedApp' | 'service';

/** @public */
export const MESH_GRAPH_TYPES: readonly MeshGraphType[] = [
  'workload',
  'app',
  'versionedApp',
  'service',
];

/**
 * What a node stands for.
 * - `workload`: a Deployment/StatefulSet/DaemonSet (or bare pod owner) seen in telemetry;
 * - `app`: an app (canonical service), optionally with a version;
 * - `service`: a Kubernetes Service or a host that no workload answered for;
 * - `unknown`: traffic from a client without mesh identity (non-mesh client, probe);
 * - `external`: a host outside the mesh (ServiceEntry, PassthroughCluster);
 * - `entity`: all workloads of one catalog entity (team and overview graphs);
 * - `team`: all entities of one owner (another team, in a team graph).
 *
 * @public
 */
export type MeshNodeType =
  | 'workload'
  | 'app'
  | 'service'
  | 'unknown'
  | 'external'
  | 'entity'
  | 'team';

/**
 * Health states, ordered from best to worst by {@link MESH_HEALTH_PRIORITY}.
 * `no-data` means no traffic and no workload status (Kiali's "NA"); `not-ready` means scaled to zero.
 *
 * @public
 */
export type MeshHealthStatus =
  | 'healthy'
  | 'degraded'
  | 'failure'
  | 'not-ready'
  | 'no-data';

/**
 * Health of a node with the reasons that produced it, so the UI can explain a colour.
 *
 * @public
 */
export interface MeshHealth {
  status: MeshHealthStatus;
  /** Human-readable reasons, worst first (e.g. "12.0% 5xx on inbound HTTP (degraded: any 5xx, failure: ≥ 10%)"). */
  reasons: string[];
  /** Error ratio (0..1) that produced the status, when request health decided it. */
  errorRatio?: number;
}

/**
 * Protocol of an edge. Requests are `http` or `grpc`; everything else is `tcp` (bytes only).
 *
 * @public
 */
export type MeshProtocol = 'http' | 'grpc' | 'tcp';

/**
 * Latency percentiles in milliseconds over the window, destination-reported where possible.
 *
 * @public
 */
export interface MeshLatency {
  p50?: number;
  p95?: number;
  p99?: number;
}

/**
 * Istio configuration badges of a graph node (Kiali's `istio` appender), read from the
 * VirtualServices, DestinationRules, Gateways and Gateway API routes of the node's cluster.
 *
 * @public
 */
export interface MeshNodeIstioConfig {
  /** `namespace/name` of the VirtualServices whose routes lead to the node. */
  virtualServices?: string[];
  /** `namespace/name` of the Gateway API HTTPRoutes/GRPCRoutes whose backends (or parent Service) are the node. */
  routes?: string[];
  /** A matching VirtualService route injects faults (abort or delay). */
  faultInjection?: boolean;
  /** A matching route splits traffic over several weighted destinations or backends. */
  trafficShifting?: boolean;
  /** A matching route sets a request timeout. */
  requestTimeout?: boolean;
  /** A matching VirtualService route sets retries. */
  retries?: boolean;
  /** A DestinationRule for the node's host (or the node's subset) sets a connection pool or outlier detection. */
  circuitBreaker?: boolean;
  /** `namespace/name` of the DestinationRules that apply to the node's host. */
  destinationRules?: string[];
  /** The node's workloads run an Istio or Gateway API gateway. */
  gateway?: {
    role: 'ingress' | 'egress';
    /** `namespace/name` of the Gateway objects served, with the API (`istio` or `gateway-api`). */
    gateways: Array<{ name: string; api: 'istio' | 'gateway-api' }>;
    /** Host names the gateway listens for (`*` when any). */
    hosts: string[];
  };
}

/**
 * A node of the traffic graph.
 *
 * @public
 */
export interface MeshNode {
  /** Stable id within one graph response (derived from cluster, namespace, type and name). */
  id: string;
  type: MeshNodeType;
  cluster: string;
  namespace: string;
  /** Display name: workload, app, service or host name depending on the type. */
  name: string;
  app?: string;
  version?: string;
  workload?: string;
  service?: string;
  /** Catalog entity that owns this node's workload, e.g. `component:default/productpage`. */
  entityRef?: string;
  /** Owner of that entity (a Group ref), so the graph can show whose service it is. */
  owner?: string;
  /** System of that entity. */
  system?: string;
  health: MeshHealth;
  /** The node belongs to the entity the graph was requested for. */
  isFocus?: boolean;
  /** Has outgoing traffic and no incoming traffic (a traffic generator, e.g. an ingress gateway). */
  isRoot?: boolean;
  /** An Istio ingress or egress gateway. */
  isGateway?: boolean;
  /** Captured by ztunnel (ambient mode) rather than a sidecar. */
  isAmbient?: boolean;
  /**
   * An ambient waypoint proxy (a `istio-waypoint` Gateway's Envoy): it applies L7 policy and
   * routing for the workloads enrolled with `istio.io/use-waypoint` and reports their requests
   * (`reporter="waypoint"`). Always a workload node; its edges are ztunnel's TCP to and from it,
   * while the requests it carried appear on the direct client → server edge, counted once.
   */
  isWaypoint?: boolean;
  /** Its workloads have neither a sidecar nor ambient capture. */
  isOutOfMesh?: boolean;
  /** The node stands for the hosts of a ServiceEntry (Kiali's serviceEntry appender). */
  serviceEntry?: {
    namespace: string;
    name: string;
    location: 'MESH_EXTERNAL' | 'MESH_INTERNAL';
    hosts: string[];
  };
  /**
   * The node's workloads belong to a catalog entity the caller may not read: its names, labels and
   * entity links are withheld and its id is opaque (`restricted:<hash>`); its traffic is kept.
   */
  restricted?: boolean;
  /**
   * Istio traffic configuration that applies to the node (Kiali's `istio` appender badges):
   * VirtualServices routing to it, and whether they inject faults or split traffic; whether a
   * DestinationRule gives it a circuit breaker. Absent when nothing applies.
   */
  istio?: MeshNodeIstioConfig;
  /** Requests per second in and out (HTTP + gRPC), for labels and sizing. */
  rpsIn?: number;
  rpsOut?: number;
  /**
   * Inbound requests per second by Envoy response flag (`UO`, `UT`, `FI`, …; see
   * `responseFlagInfo`); absent when no request carried one.
   */
  responseFlags?: Record<string, number>;
}

/**
 * A directed edge with its traffic over the requested window.
 *
 * @public
 */
export interface MeshEdge {
  id: string;
  source: string;
  target: string;
  protocol: MeshProtocol;
  /** Requests per second (HTTP/gRPC); 0 for TCP edges. */
  rps: number;
  /** Share of requests that are errors (0..1), per Kiali's rules: HTTP 4xx/5xx and no response; gRPC status ≠ 0. */
  errorRate: number;
  /** Share of traffic seen as mutual TLS by the destination (0..1); absent when no destination reported it. */
  mtls?: number;
  latency?: MeshLatency;
  /** TCP bytes per second (client → server plus server → client), when known. */
  bytesPerSecond?: number;
  /** Requests per second by response code (`-` = no response); gRPC uses the gRPC status. */
  responses?: Record<string, number>;
  /** Requests per second by Envoy response flag (why they failed); absent when none carried one. */
  responseFlags?: Record<string, number>;
  /** Share of the source node's outbound requests that go over this edge (0..1). */
  shareOfSource?: number;
  /**
   * Ambient traffic through ztunnel only (the server is in ambient mode and no waypoint is on the
   * path): only L4 is seen — bytes, no request rates, codes or latency — and AuthorizationPolicies
   * can only act at L4 (no paths, methods or headers). Enrol the server with a waypoint
   * (`istio.io/use-waypoint`) for L7.
   */
  l4Only?: boolean;
  /** Dependency views: how the catalog and the mesh agree on this edge. */
  drift?: 'declared' | 'undeclared' | 'silent';
}

/**
 * How current the traffic in a response is. With the mesh model on (the default when Prometheus
 * is configured), canonical windows are read from mesh-wide snapshots a backend refreshes in the
 * background; other windows are queried for the request.
 *
 * @public
 */
export interface MeshTelemetryFreshness {
  /**
   * `model`: from the background-refreshed mesh model; `live`: queried for this request;
   * `warmingUp`: the model's first refresh has not finished yet, so the response has no traffic —
   * ask again in a few seconds.
   */
  state: 'model' | 'live' | 'warmingUp';
  /** Evaluation time of the oldest traffic data in the response (ISO 8601); absent while warming up. */
  dataTime?: string;
  /** Seconds between `dataTime` and the response. */
  dataAgeSeconds?: number;
}

/**
 * The response of the graph routes.
 *
 * @public
 */
export interface MeshGraph {
  graphType: MeshGraphType;
  /** Rate window in seconds. */
  windowSeconds: number;
  /** Evaluation time (ISO 8601). */
  timestamp: string;
  nodes: MeshNode[];
  edges: MeshEdge[];
  /** Failures of individual sources; the graph holds whatever the other sources delivered. */
  errors: MeshSourceError[];
  /** How current the traffic is; absent when no telemetry source serves the graph's clusters. */
  telemetry?: MeshTelemetryFreshness;
}
