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
