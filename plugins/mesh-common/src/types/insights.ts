import { MeshSourceError } from './errors';

/**
 * One entity in an insights list: its figure now and in the window before, with its owner.
 *
 * @public
 */
export interface MeshInsight {
  entityRef: string;
  title?: string;
  /** Owning Group or User, when the entity names one. */
  owner?: string;
  /** Inbound requests per second now, for context. */
  rpsIn: number;
  /** The ranked figure now: error share (0–1), p95 in ms, or requests per second. */
  value: number;
  /** The same figure over the previous window; null when there was none (no traffic then). */
  previous: number | null;
}

/**
 * Response of `GET /insights`: the entities that stand out mesh-wide, computed by the backend from
 * the overview of this window and of the window before it.
 *
 * @public
 */
export interface MeshInsightsResponse {
  windowSeconds: number;
  /** End of the current window. */
  timestamp: string;
  /** End of the previous window (the current one's start). */
  previousTimestamp: string;
  /** At most this many entities per list. */
  limit: number;
  /** Highest inbound error share first (entities with errors only). */
  errorRate: MeshInsight[];
  /** Highest inbound p95 latency first. */
  latency: MeshInsight[];
  /** Largest change of traffic (in + out, rps) against the previous window first, up or down. */
  trafficChange: MeshInsight[];
  /** Entities withheld from the caller (no `mesh.entity.read`): counted, never named. */
  withheldMembers?: number;
  errors: MeshSourceError[];
}
