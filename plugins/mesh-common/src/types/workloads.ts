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
