import { UpdateEntityMeshViewState } from '../../hooks/useEntityMeshViewState';
import { EntityMeshViewState } from '../../lib/viewState';
import { EntityMeshReader } from '../../reader/entityMeshReader';

/** What every sub-view of the entity Mesh tab receives. */
export interface MeshSubViewProps {
  reader: EntityMeshReader;
  state: EntityMeshViewState;
  update: UpdateEntityMeshViewState;
  /** Display name of the entity (or System) the tab is on. */
  entityTitle: string;
}
