import { UpdateEntityMeshViewState } from '../../hooks/useEntityMeshViewState';
import { EntityMeshViewState } from '../../lib/viewState';
import { ScopedMeshReader } from '../../scope/createScopedReader';

/** What every sub-view of the entity Mesh tab receives. */
export interface MeshSubViewProps {
  reader: ScopedMeshReader;
  state: EntityMeshViewState;
  update: UpdateEntityMeshViewState;
  /** Display name of the entity (or System) the tab is on. */
  entityTitle: string;
}
