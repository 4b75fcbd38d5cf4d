import { MeshWaypointUse } from './workloads';
import { MeshSourceError } from './errors';
import { MeshNodeType, MeshProtocol } from './graph';
import { MeshWorkloadRef } from './entity';
import { MeshObjectRef, MeshValidationSummary } from './validation';

/**
 * Inbound mTLS mode a sidecar or ztunnel enforces (PeerAuthentication semantics; UNSET resolved).
 *
 * @public
 */
export type MeshMtlsMode = 'STRICT' | 'PERMISSIVE' | 'DISABLE';

/**
 * Kiali's mTLS status values (mesh, namespace and workload level).
 *
 * @public
 */
export type MeshTlsStatus =
  | 'MTLS_ENABLED'
  | 'MTLS_PARTIALLY_ENABLED'
  | 'MTLS_NOT_ENABLED'
  | 'MTLS_DISABLED'
  | 'UNSET'
  | 'UNSET_INHERITED_STRICT'
  | 'UNSET_INHERITED_DISABLED'
  | 'MTLS_VALIDATION_ERROR';

/**
 * A status with the PeerAuthentication and DestinationRule readings it was computed from.
 *
 * @public
 */
export interface MeshTlsStatusDetail {
  /** Kiali's verdict. */
  status: MeshTlsStatus;
  /** `spec.mtls.mode` of the deciding PeerAuthentication; empty when there is none. */
  peerAuthenticationMode: string;
  /** `trafficPolicy.tls.mode` of the deciding DestinationRule (`*.local` or `*.<ns>.svc…`); empty when none. */
  destinationRuleMode: string;
}

/**
 * Mesh-wide mTLS of one cluster.
 *
 * @public
 */
export interface MeshClusterSecurity extends MeshTlsStatusDetail {
  cluster: string;
  rootNamespace: string;
  /** Istio's `enableAutoMtls`. */
  autoMtls: boolean;
  /** Mode Istio applies to workloads without a namespace or workload policy (PERMISSIVE when nothing is set). */
  effectiveMode: MeshMtlsMode;
  /** The root-namespace PeerAuthentication that sets it, if any. */
  policy?: MeshObjectRef;
}

/**
 * Namespace-wide mTLS.
 *
 * @public
 */
export interface MeshNamespaceSecurity extends MeshTlsStatusDetail {
  cluster: string;
  namespace: string;
  /** Istio's default for the namespace's workloads: namespace policy, else mesh policy, else PERMISSIVE. */
  effectiveMode: MeshMtlsMode;
  /** The PeerAuthentication that decides `effectiveMode` (namespace or root namespace), if any. */
  policy?: MeshObjectRef;
}

/**
 * Client-side TLS a DestinationRule sets for traffic to a workload's Service.
 *
 * @public
 */
export interface MeshDestinationRuleTls {
  ref: MeshObjectRef;
  host: string;
  /** `trafficPolicy.tls.mode` (ISTIO_MUTUAL, MUTUAL, SIMPLE, DISABLE); absent when only ports set TLS. */
  mode?: string;
  /** `portLevelSettings[].tls.mode` by port number. */
  portModes?: Record<string, string>;
}

/**
 * mTLS of one workload, from config.
 *
 * @public
 */
export interface MeshWorkloadSecurity extends MeshWorkloadRef {
  dataplane: 'sidecar' | 'ambient' | 'gateway' | 'none';
  /** Mode enforced on the workload's ports: workload policy, else namespace, else mesh, else PERMISSIVE. */
  effectiveMode: MeshMtlsMode;
  /** Port-level overrides of workload policies (`portLevelMtls`), by port number; Kiali ignores these. */
  portModes: Record<string, MeshMtlsMode>;
  /** PeerAuthentications that decide, most specific first. */
  policies: MeshObjectRef[];
  /**
   * What that means for inbound traffic: `strict` (plain text refused), `permissive` (mTLS from mesh
   * clients, plain text accepted), `disabled`, `mixed` (ports differ) or `not-in-mesh` (no proxy).
   */
  inbound: 'strict' | 'permissive' | 'disabled' | 'mixed' | 'not-in-mesh';
  /**
   * Kiali's workload status as its UI shows it: a workload PeerAuthentication's reading, else the
   * namespace status (PERMISSIVE is `MTLS_PARTIALLY_ENABLED`, never enabled).
   */
  status: MeshTlsStatus;
  /** Whether traffic counts as mTLS for Kiali's check KIA0105 (PERMISSIVE counts): not a display status. */
  kialiStatus: MeshTlsStatus;
  destinationRules: MeshDestinationRuleTls[];
  /**
   * Ambient workloads: the waypoint enforcing their L7 AuthorizationPolicies. Absent for an ambient
   * workload without one: ztunnel enforces policies at L4 only (no paths, methods or headers).
   */
  waypoint?: MeshWaypointUse;
}

/**
 * Observed traffic in one direction and how much of it the servers saw as mutual TLS.
 * Only destination-reported telemetry (and ztunnel's) carries a reliable `connection_security_policy`.
 *
 * @public
 */
export interface MeshTrafficMtls {
  /** HTTP and gRPC requests per second. */
  requestsPerSecond: number;
  /** Part of those reported by the server side (the base of the share). */
  reportedRequestsPerSecond: number;
  mtlsRequestsPerSecond: number;
  /** mtls / reported requests (0..1); absent when nothing was reported. */
  requestMtlsShare?: number;
  /** TCP bytes per second (client to server). */
  bytesPerSecond: number;
  reportedBytesPerSecond: number;
  mtlsBytesPerSecond: number;
  /** mtls / reported bytes (0..1); absent when nothing was reported. */
  bytesMtlsShare?: number;
}

/**
 * An end of a plain-text edge.
 *
 * @public
 */
export interface MeshEdgeEndpoint {
  cluster: string;
  namespace: string;
  name: string;
  type: MeshNodeType;
  entityRef?: string;
  isOutOfMesh?: boolean;
}

/**
 * An edge of the entity that carried traffic not protected by mutual TLS.
 *
 * @public
 */
export interface MeshPlaintextEdge {
  direction: 'inbound' | 'outbound';
  source: MeshEdgeEndpoint;
  destination: MeshEdgeEndpoint;
  protocol: MeshProtocol;
  rps: number;
  bytesPerSecond?: number;
  /** Share seen as mTLS by the server (0..1); 0 when an end has no proxy and nothing was reported. */
  mtls: number;
  /** `telemetry` when the server reported it; `inventory` when an end is known to have no proxy. */
  evidence: 'telemetry' | 'inventory';
}

/**
 * Response of `GET /entities/by-name/:kind/:namespace/:name/security`.
 *
 * @public
 */
export interface MeshEntitySecurityResponse {
  entityRef: string;
  windowSeconds: number;
  timestamp: string;
  clusters: MeshClusterSecurity[];
  namespaces: MeshNamespaceSecurity[];
  workloads: MeshWorkloadSecurity[];
  traffic: {
    inbound: MeshTrafficMtls;
    outbound: MeshTrafficMtls;
    plaintextEdges: MeshPlaintextEdge[];
  };
  errors: MeshSourceError[];
}

/**
 * Security posture of a set of workloads (an entity, a Group's components, the catalog).
 *
 * @public
 */
export interface MeshPosture {
  workloads: {
    total: number;
    sidecar: number;
    ambient: number;
    gateway: number;
    outOfMesh: number;
    /** (sidecar + ambient + gateway) / total; absent without workloads. */
    inMeshShare?: number;
  };
  /** Requests and bytes touching the workloads (each edge once), with the share over mTLS. */
  traffic: MeshTrafficMtls;
  namespaces: {
    strict: number;
    permissive: number;
    disabled: number;
    list: MeshNamespaceSecurity[];
  };
  /** Workloads no AuthorizationPolicy applies to (Kiali's KIA1301 rule). */
  workloadsWithoutAuthorizationPolicy: MeshWorkloadRef[];
  /** Open findings on the objects affecting the workloads (after ignores). */
  validations: MeshValidationSummary;
}

/**
 * Response of the posture routes.
 *
 * @public
 */
export interface MeshPostureResponse {
  /** `entity` for a mapped entity itself, `system`/`group` for the components of one, or the whole `catalog`. */
  scope: 'entity' | 'system' | 'group' | 'catalog';
  /** The entity asked for (absent for the catalog). */
  entityRef?: string;
  /**
   * Members withheld because the caller may not read their mesh data (`mesh.entity.read`): only
   * counted, never named, like the restricted nodes of graphs. Absent when none is withheld.
   */
  withheldMembers?: number;
  /**
   * Mapped entities whose workloads were counted: the entity; a System's components; a Group's
   * components, owned directly or through sub-groups; every mapped entity the caller may see.
   */
  entities: string[];
  windowSeconds: number;
  timestamp: string;
  posture: MeshPosture;
  errors: MeshSourceError[];
}
