/*
 * The embedded demo mesh is described compactly (services, versions, how each workload behaves)
 * and expanded into real Kubernetes/Istio objects by ./builders. The traffic generator then reads
 * the *objects* (Services, VirtualServices, DestinationRules, PeerAuthentications) to route
 * requests, and the behaviour below only for what config cannot say: who calls whom, how often,
 * how fast and how often it fails on its own.
 */
import { IstioObject, KubeObject } from '../../kube/types';

export interface DemoLatency {
  /** Median server-side latency in ms. */
  medianMs: number;
  /** 99th percentile in ms; with the median it fixes a log-normal distribution. */
  p99Ms: number;
}

export interface DemoCall {
  /**
   * Service name called (short name); resolved through the callee namespace's config. For a host
   * outside the cluster, the host name: it must be declared by a ServiceEntry (`external: true`).
   */
  service: string;
  /** The call leaves the mesh to a ServiceEntry host over TLS (the proxy sees TCP). */
  external?: boolean;
  namespace?: string;
  /** Calls made per request this workload serves. */
  perRequest: number;
  /** For TCP calls: bytes client → server and server → client per request. */
  bytesSent?: number;
  bytesReceived?: number;
}

export interface DemoBehaviour {
  latency: DemoLatency;
  /** Own failures as share of requests served, by response code (gRPC: status code). */
  errors?: Record<string, number>;
  /**
   * Share of calls the callers' proxies reject because the workload's DestinationRule circuit
   * breaker (connection pool) is full: 503 / gRPC UNAVAILABLE with Envoy flag UO, reported by the
   * caller only, as no upstream host is reached.
   */
  overflow?: number;
  calls?: DemoCall[];
}

export interface DemoWorkloadSpec {
  /** Version label value; omitted for apps without versions. */
  version?: string;
  replicas?: number;
  /** Replicas available (defaults to all): lets the demo show a degraded workload. */
  available?: number;
  behaviour: DemoBehaviour;
}

export interface DemoServiceSpec {
  name: string;
  port: number;
  /** Service port name, which Istio uses for protocol selection (`http`, `grpc`, `tcp-mongo`, …). */
  portName: string;
  /** `app`/`version` labels (Istio convention) or only `name` (Sock Shop style). */
  labelStyle: 'app' | 'name';
  /** Add the `backstage.io/kubernetes-id` label (Kubernetes plugin convention) to workloads and pods. */
  kubernetesIdLabel?: boolean;
  /** Workloads; their names are `<service>-<version>` when a version is set, else `<service>`. */
  workloads: DemoWorkloadSpec[];
  /** A client-only workload: no Service object is created. */
  clientOnly?: boolean;
  /** The workload opts out of the mesh (no sidecar, no ambient capture). */
  outOfMesh?: boolean;
  /**
   * One Service per version (`<name>-<version>`, selecting `app` and `version`) besides the main
   * one, so Gateway API routes can split over versions by backendRefs (they have no subsets).
   */
  versionServices?: boolean;
}

/** Where traffic enters an app: an ingress gateway or a client workload, with its rate. */
export interface DemoEntry {
  /** Workload name and namespace of the calling client (a gateway or a load generator). */
  from: { namespace: string; workload: string };
  /** Service called, resolved like any other call (for gateways: the VirtualService bound to it). */
  service: string;
  namespace: string;
  rps: number;
}

export interface DemoApp {
  id: string;
  namespace: string;
  /** `sidecar` injects istio-proxy into every pod; `ambient` labels the namespace for ztunnel. */
  dataplane: 'sidecar' | 'ambient';
  /**
   * Ambient only: the name of a waypoint (an `istio-waypoint` Gateway and its Envoy Deployment) the
   * whole namespace is enrolled to with `istio.io/use-waypoint`, so its traffic gets L7 handling.
   */
  waypoint?: string;
  services: DemoServiceSpec[];
  istio: IstioObject[];
  entries: DemoEntry[];
  /** Phase of the app's load curve, so the three apps do not peak together. */
  loadPhase: number;
}

export interface DemoMeshModel {
  clusterName: string;
  istioClusterId: string;
  apps: DemoApp[];
  /** Objects outside the apps: istio-system, its gateways, mesh-wide policies. */
  platform: KubeObject[];
}

/** Key of a workload's behaviour. */
export function behaviourKey(namespace: string, workload: string): string {
  return `${namespace}/${workload}`;
}

export function workloadName(
  service: DemoServiceSpec,
  workload: DemoWorkloadSpec,
): string {
  return workload.version
    ? `${service.name}-${workload.version}`
    : service.name;
}
