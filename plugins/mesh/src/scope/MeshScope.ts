import { CompoundEntityRef } from '@backstage/catalog-model';

/**
 * What a mesh view is about: one mapped entity, or a System seen as the union of its mapped
 * Components (the backend answers per mapped entity; the UI merges).
 */
export interface MeshScope {
  kind: 'entity' | 'system';
  /** The entity whose page shows the view, e.g. `system:default/bookinfo`. */
  entityRef: string;
  compoundRef: CompoundEntityRef;
  /** Entities whose mesh data is fetched: the entity itself, or the System's mapped Components. */
  members: CompoundEntityRef[];
}
