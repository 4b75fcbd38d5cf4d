import { MeshSourceError } from './errors';
import { MeshAppliesBecause } from './workloads';

/**
 * Severity of a validation finding, as Kiali grades them (`info` is Kiali's "unknown").
 * Only `error` makes an object invalid.
 *
 * @public
 */
export type MeshValidationSeverity = 'error' | 'warning' | 'info';

/**
 * A Kubernetes or Istio object a finding or a status refers to.
 *
 * @public
 */
export interface MeshObjectRef {
  cluster: string;
  namespace: string;
  /** Kubernetes kind: `VirtualService`, `PeerAuthentication`, `Service`, `Deployment`, … */
  kind: string;
  /** API group of the kind (`networking.istio.io`, `security.istio.io`, `gateway.networking.k8s.io`); empty for core and workloads. */
  group: string;
  name: string;
}

/**
 * One check that failed on an object, with Kiali's code, severity and message.
 *
 * @public
 */
export interface MeshValidationCheck {
  /** Kiali's code, e.g. `KIA1107`. */
  code: string;
  severity: MeshValidationSeverity;
  message: string;
  /**
   * Path of the offending field in Kiali's notation, e.g. `spec/http[0]/route[1]/destination`;
   * `workload` for checks on a workload as a whole, empty when the whole object is concerned.
   */
  path: string;
}

/**
 * A check together with the object it was found on.
 *
 * @public
 */
export interface MeshValidationFinding extends MeshValidationCheck {
  object: MeshObjectRef;
}

/**
 * Counts of findings.
 *
 * @public
 */
export interface MeshValidationSummary {
  /** Objects reported. */
  objects: number;
  /** Objects with at least one error (Kiali's "not valid"). */
  invalidObjects: number;
  errors: number;
  warnings: number;
  infos: number;
}

/**
 * How an object affects an entity: why an Istio object applies to one of its workloads (the same
 * reasons as the workloads route), or `service` / `workload` for the entity's own Services and
 * workloads.
 *
 * @public
 */
export type MeshConfigRelation = MeshAppliesBecause | 'service' | 'workload';

/**
 * An object affecting an entity, with its findings.
 *
 * @public
 */
export interface MeshConfigObject {
  ref: MeshObjectRef;
  relations: MeshConfigRelation[];
  /** No error among the checks (warnings keep an object valid, as in Kiali). */
  valid: boolean;
  checks: MeshValidationCheck[];
  /** The Istio object's spec, for display; absent for Services and workloads. */
  spec?: Record<string, unknown>;
}

/**
 * Response of `GET /entities/by-name/:kind/:namespace/:name/config`.
 *
 * @public
 */
export interface MeshEntityConfigResponse {
  entityRef: string;
  objects: MeshConfigObject[];
  summary: MeshValidationSummary;
  /** Codes silenced everywhere by configuration (Kiali's `validations.ignore`; KIA1301 by default). */
  ignoredCodes: string[];
  errors: MeshSourceError[];
}

/**
 * An entity an Istio object affects (through one of its workloads), in the mesh-wide config list.
 *
 * @public
 */
export interface MeshConfigAffectedEntity {
  entityRef: string;
  /** Owning Group or User, when the entity names one. */
  owner?: string;
}

/**
 * An Istio or Gateway API object of the mesh-wide config list: the entity `/config` shape plus
 * its `apiVersion`, the entities it affects and their owners.
 *
 * @public
 */
export interface MeshWideConfigObject extends MeshConfigObject {
  /** As served by the cluster, e.g. `networking.istio.io/v1`: with `kind`, ready to re-apply. */
  apiVersion: string;
  /** Entities the caller may read whose workloads the object affects. */
  entities: MeshConfigAffectedEntity[];
  /**
   * Affected entities the caller may not read: counted, never named (like restricted graph
   * nodes).
   */
  restrictedEntities: number;
  /** Owners of `entities`, or `['unowned']` when the object affects no entity at all. */
  owners: string[];
  /** The object's labels and annotations, for the YAML view. */
  metadata: {
    labels?: Record<string, string>;
    annotations?: Record<string, string>;
  };
}

/**
 * Response of `GET /config`: every Istio and Gateway API object of every cluster.
 *
 * @public
 */
export interface MeshConfigResponse {
  objects: MeshWideConfigObject[];
  /**
   * Objects withheld because every workload they affect belongs to an entity the caller may not
   * see: only counted, never named. Absent when none is withheld.
   */
  withheldObjects?: number;
  /** Counts over the returned (filtered) objects. */
  summary: MeshValidationSummary;
  /** The filters applied. */
  filters: {
    namespace?: string;
    kind?: string;
    severity?: MeshValidationSeverity;
    owner?: string;
  };
  /** Kinds and namespaces present before filtering, for filter choices. */
  facets: { kinds: string[]; namespaces: string[]; owners: string[] };
  ignoredCodes: string[];
  errors: MeshSourceError[];
}
