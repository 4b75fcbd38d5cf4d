import { MeshEntityMapping } from './entity';
import { MeshGraph } from './graph';

/**
 * Response of `GET /entities/by-name/:kind/:namespace/:name/graph`: the entity's neighbourhood
 * graph plus how the entity was mapped to workloads (its nodes carry `isFocus`).
 *
 * @public
 */
export interface MeshEntityGraphResponse extends MeshGraph {
  mapping: MeshEntityMapping;
}

/**
 * Query parameters of the entity graph route.
 *
 * @public
 */
export interface MeshEntityGraphQuery {
  /** Rate window, e.g. `10m` (default). */
  window?: string;
  /** Hops of callers and callees around the entity's workloads, 1 to 3 (default 2). */
  hops?: number;
  graphType?: 'workload' | 'app' | 'versionedApp' | 'service';
}
