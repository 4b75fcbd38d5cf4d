/* What ./ScopeResolver decides about a caller: their view of the catalog and what they may see. */
import { Entity } from '@backstage/catalog-model';
import { MeshSourceError } from '@mesh-portal/plugin-mesh-common';
import { WorkloadVisibility } from './ownedWorkloads';

/** What one caller may read of the catalog's mapped entities. */
export interface CallerView {
  /** Readable in the catalog and `mesh.entity.read` allowed. */
  visible: Entity[];
  /** Readable in the catalog but `mesh.entity.read` denied: withheld, never named. */
  withheld: Entity[];
  /** The catalog or permission read failed: nothing is known to be readable. */
  failed: boolean;
  errors: MeshSourceError[];
  /**
   * Every mapped entity, as the plugin read them with its own credentials, when the view was
   * decided from that read (./decidedView): the same view object for the same read and decisions.
   */
  decidedFrom?: Entity[];
}

export interface CallerScope {
  visibility: WorkloadVisibility;
  /** Some entity is hidden and some inventory is missing: unresolvable workload nodes are withheld too. */
  restrictUnresolved: boolean;
  /** Mapped entities the caller may not see (to withhold what they claim besides workloads, e.g. trace names). */
  hiddenEntities: Entity[];
}

/** The entities a view covers. */
export interface ScopeMembers {
  members: Entity[];
  /** For a Group: the group and its sub-groups. */
  groups?: string[];
  /** Members the caller may not read mesh data of (counted, never named). */
  withheld: number;
}
