import { MeshSourceError } from './errors';
import { MeshGraph } from './graph';

/**
 * How the catalog and the mesh agree on one dependency of an entity.
 * - `declared`: declared and seen in traffic;
 * - `undeclared`: seen in traffic, not declared in the catalog;
 * - `silent`: declared, but no traffic in the window (above the floor).
 *
 * @public
 */
export type MeshDriftKind = 'declared' | 'undeclared' | 'silent';

/**
 * One dependency between the entity and another catalog entity.
 *
 * @public
 */
export interface MeshDependency {
  /** The entity of the requested scope this dependency belongs to (the Component itself, or one of a System's or Group's Components). */
  subject?: string;
  /** The other entity. */
  entityRef: string;
  title?: string;
  owner?: string;
  lifecycle?: string;
  /** `outbound`: the entity calls it (dependsOn / consumesApi); `inbound`: it calls the entity. */
  direction: 'outbound' | 'inbound';
  drift: MeshDriftKind;
  /** How it is declared: `dependsOn`, `dependencyOf`, or `consumesApi` through an API the other entity provides. */
  declaredVia?: Array<
    'dependsOn' | 'dependencyOf' | 'consumesApi' | 'providesApi'
  >;
  /** The API(s) involved when declared through APIs. */
  apis?: string[];
  /** Average requests per second over the window (0 for silent ones). */
  rps: number;
  /** Average TCP bytes per second over the window, for TCP-only dependencies. */
  bytesPerSecond?: number;
  errorRate?: number;
  /** When traffic was last seen (ISO 8601); absent when unknown or never. */
  lastSeen?: string;
  /** The other entity, or an API on the path, has `spec.lifecycle: deprecated`. */
  deprecated: boolean;
}

/**
 * Traffic to or from a workload that no catalog entity owns: a candidate for the catalog.
 *
 * @public
 */
export interface MeshUnknownPeer {
  /** The entity of the requested scope that talks to this workload. */
  subject?: string;
  nodeId: string;
  cluster: string;
  namespace: string;
  name: string;
  direction: 'outbound' | 'inbound';
  rps: number;
  bytesPerSecond?: number;
  lastSeen?: string;
}

/**
 * Response of `GET /entities/by-name/:kind/:namespace/:name/dependencies`: declared vs observed
 * dependencies of a Component, or of all Components of a System or Group.
 *
 * @public
 */
export interface MeshDependenciesResponse {
  entityRef: string;
  /**
   * Members withheld because the caller may not read their mesh data (`mesh.entity.read`): only
   * counted, never named, like the restricted nodes of graphs. Absent when none is withheld.
   */
  withheldMembers?: number;
  windowSeconds: number;
  timestamp: string;
  /** Traffic below this many requests (or KB) per second does not count as observed. */
  floorRps: number;
  dependencies: MeshDependency[];
  unknownPeers: MeshUnknownPeer[];
  /** Counts for badges: undeclared, silent, unknown peers, deprecated in use. */
  drift: {
    undeclared: number;
    silent: number;
    unknownPeers: number;
    deprecated: number;
  };
  /** Entity-level graph of the dependencies; edges carry `drift` (silent edges have no traffic). */
  graph: MeshGraph;
  errors: MeshSourceError[];
}
