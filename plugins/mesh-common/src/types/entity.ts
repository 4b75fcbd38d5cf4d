import { MeshSourceError } from './errors';

/**
 * How a catalog entity was mapped to workloads, following the Kubernetes plugin's annotations.
 *
 * @public
 */
export interface MeshEntityMapping {
  entityRef: string;
  /** The label selector used, in Kubernetes string form (e.g. `app=reviews`). */
  labelSelector: string;
  /** Namespace restriction from `backstage.io/kubernetes-namespace`, if any. */
  namespace?: string;
  /** Cluster restriction from `backstage.io/kubernetes-cluster`, if any. */
  cluster?: string;
  /**
   * Set when the entity carries no Kubernetes annotation and is mapped by name: the Istio
   * canonical service (`service.istio.io/canonical-name`, `app.kubernetes.io/name`, `app`) matched.
   */
  canonicalService?: string;
  /**
   * A name-mapped entity found in several places (`cluster/namespace`): nothing is mapped until a
   * `backstage.io/kubernetes-namespace` or `-cluster` annotation says which.
   */
  ambiguous?: string[];
  workloads: MeshWorkloadRef[];
  /**
   * For a System or Group: the mapping of each member entity the caller may see (`workloads` is
   * their union, `labelSelector` empty).
   */
  members?: MeshEntityMapping[];
  /** For a System or Group: members withheld because `mesh.entity.read` denies them (counted only). */
  withheldMembers?: number;
  errors: MeshSourceError[];
}

/**
 * A workload an entity maps to.
 *
 * @public
 */
export interface MeshWorkloadRef {
  cluster: string;
  namespace: string;
  /** Controller kind (Deployment, StatefulSet, DaemonSet, Pod). */
  kind: string;
  name: string;
  app?: string;
  version?: string;
}
