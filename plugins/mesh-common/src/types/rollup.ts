import { MeshSourceError } from './errors';
import { MeshGraph, MeshHealthStatus } from './graph';

/**
 * Traffic figures of one catalog entity over a window, for tables.
 *
 * @public
 */
export interface MeshEntityTraffic {
  entityRef: string;
  kind: string;
  name: string;
  title?: string;
  owner?: string;
  system?: string;
  lifecycle?: string;
  type?: string;
  clusters: string[];
  namespaces: string[];
  /** Workloads the entity maps to, and how many of them have a sidecar or ambient capture. */
  workloads: number;
  meshedWorkloads: number;
  /** Worst health of its graph nodes (`no-data` without traffic). */
  health: MeshHealthStatus;
  /** Requests per second into the entity from outside it, and out of it. */
  rpsIn: number;
  rpsOut: number;
  /** Share of inbound requests that failed; null without inbound requests. */
  errorRateIn: number | null;
  /** Worst p95 latency (ms) of its inbound edges; null when unknown. */
  p95In: number | null;
  /** Share of inbound traffic (requests, or bytes for TCP) over mTLS; null when unknown. */
  mtlsIn: number | null;
}

/**
 * Response of `GET /entities/by-name/group/:namespace/:name/mesh`: a team's services.
 *
 * @public
 */
export interface MeshTeamResponse {
  groupRef: string;
  /**
   * Members withheld because the caller may not read their mesh data (`mesh.entity.read`): only
   * counted, never named, like the restricted nodes of graphs. Absent when none is withheld.
   */
  withheldMembers?: number;
  /** The group and its sub-groups, whose components are included. */
  groups: string[];
  windowSeconds: number;
  timestamp: string;
  components: MeshEntityTraffic[];
  /**
   * The team's components as `entity` nodes, other teams' components folded into one `team` node
   * per owner, and clients without an entity (gateways, unknown) as they are.
   */
  graph: MeshGraph;
  errors: MeshSourceError[];
}

/**
 * Response of `GET /overview`: the catalog-wide mesh view.
 *
 * @public
 */
export interface MeshOverviewResponse {
  /**
   * Members withheld because the caller may not read their mesh data (`mesh.entity.read`): only
   * counted, never named, like the restricted nodes of graphs. Absent when none is withheld.
   */
  withheldMembers?: number;
  windowSeconds: number;
  timestamp: string;
  summary: {
    entities: number;
    workloads: number;
    meshedWorkloads: number;
    /** Requests per second over all edges, and the share of them that failed. */
    rps: number;
    errorRate: number | null;
    /** Share of requests (HTTP/gRPC) seen over mTLS by their servers. */
    mtlsRequests: number | null;
    /** Share of TCP bytes over mTLS. */
    mtlsTcp: number | null;
  };
  entities: MeshEntityTraffic[];
  /** Every mapped entity as one `entity` node (with owner and system for grouping). */
  graph: MeshGraph;
  errors: MeshSourceError[];
}
