import { MeshEntityMapping, MeshWorkloadRef } from './entity';
import { MeshSourceError } from './errors';

/**
 * How a workload's pods join the mesh: an Envoy sidecar, ambient mode (ztunnel), a gateway proxy,
 * or not at all.
 *
 * @public
 */
export type MeshDataplane = 'sidecar' | 'ambient' | 'gateway' | 'none';

/**
 * A pod of a mapped workload and its mesh status.
 *
 * @public
 */
export interface MeshPodStatus {
  name: string;
  phase: string;
  ready: boolean;
  dataplane: MeshDataplane;
}

/**
 * A workload the entity maps to, with what the mesh view needs about it.
 *
 * @public
 */
export interface MeshWorkloadDetails extends MeshWorkloadRef {
  /** Pod template labels (what Services and Istio select on). */
  podLabels: Record<string, string>;
  serviceAccount?: string;
  dataplane: MeshDataplane;
  replicas: { desired: number; current: number; available: number };
  /** Mesh labels of the workload's namespace (`istio-injection`, `istio.io/rev`, `istio.io/dataplane-mode`). */
  namespaceLabels: Record<string, string>;
  pods: MeshPodStatus[];
  /** Services selecting the workload's pods. */
  services: Array<{
    name: string;
    ports: Array<{
      name?: string;
      port: number;
      protocol?: string;
      appProtocol?: string;
    }>;
  }>;
  /** How the workload was matched: the entity's label selector, or the Istio canonical-service fallback. */
  matchedBy: 'labelSelector' | 'canonicalService';
  /**
   * Ambient workloads: the waypoint their traffic goes through. Absent for an ambient workload
   * enrolled to none — ztunnel only, so L4: no request metrics, AuthorizationPolicies at L4 only.
   */
  waypoint?: MeshWaypointUse;
}

/**
 * The ambient waypoint a workload uses, from the `istio.io/use-waypoint` label on its pods, one of
 * its Services or its namespace (the most specific wins; `none` opts out), and
 * `istio.io/use-waypoint-namespace`.
 *
 * @public
 */
export interface MeshWaypointUse {
  /** Name of the waypoint (its `istio-waypoint` Gateway). */
  name: string;
  namespace: string;
  /** Where the enrolling label is. */
  via: 'workload' | 'service' | 'namespace';
  /** The Service carrying the label, when `via` is `service`. */
  service?: string;
  /** A waypoint of that name exists (a waypoint Deployment or an `istio-waypoint` Gateway); if not, Kiali reports KIA1313. */
  found: boolean;
}

/**
 * Why an Istio object applies to a workload.
 *
 * @public
 */
export type MeshAppliesBecause =
  | 'workloadSelector'
  | 'namespace'
  | 'meshWide'
  | 'targetRef'
  | 'host'
  | 'route'
  | 'gatewayBinding';

/**
 * An Istio (networking, security) or Gateway API object that applies to mapped workloads.
 *
 * @public
 */
export interface MeshAppliedIstioObject {
  cluster: string;
  apiVersion: string;
  kind: string;
  namespace: string;
  name: string;
  reasons: MeshAppliesBecause[];
  /** Keys `cluster/namespace/name` of the mapped workloads it applies to. */
  workloads: string[];
  spec: Record<string, unknown>;
}

/**
 * Response of `GET /entities/by-name/:kind/:namespace/:name/workloads`.
 *
 * @public
 */
export interface MeshEntityWorkloadsResponse {
  mapping: MeshEntityMapping;
  workloads: MeshWorkloadDetails[];
  istioObjects: MeshAppliedIstioObject[];
  /** Clusters read, with where their data comes from. */
  clusters: Array<{ name: string; kind: 'demo' | 'kubernetes' | 'snapshot' }>;
  errors: MeshSourceError[];
}
