import { useMemo } from 'react';
import useAsync from 'react-use/esm/useAsync';
import {
  Entity,
  getCompoundEntityRef,
  parseEntityRef,
  RELATION_HAS_PART,
  stringifyEntityRef,
} from '@backstage/catalog-model';
import { useApi } from '@backstage/core-plugin-api';
import { catalogApiRef } from '@backstage/plugin-catalog-react';
import { meshApiRef } from '../api';
import { hasMeshMapping } from '../isMeshAvailable';
import {
  createScopedReader,
  ScopedMeshReader,
} from '../scope/createScopedReader';
import { MeshScope } from '../scope/MeshScope';

export interface MeshScopeState {
  /** Undefined while a System's Components are being looked up. */
  reader?: ScopedMeshReader;
  loading: boolean;
  error?: Error;
}

/**
 * The mesh scope of an entity page: the entity itself when it maps to workloads, or a System's
 * mapped Components (read from the catalog with the user's permissions).
 */
export function useMeshScope(entity: Entity): MeshScopeState {
  const meshApi = useApi(meshApiRef);
  const catalogApi = useApi(catalogApiRef);
  const entityRef = stringifyEntityRef(entity);
  const mapped = hasMeshMapping(entity);

  const partRefs = useMemo(
    () =>
      (entity.relations ?? [])
        .filter(r => r.type === RELATION_HAS_PART)
        .map(r => r.targetRef)
        .filter(ref => parseEntityRef(ref).kind.toLowerCase() === 'component')
        .sort(),
    [entity],
  );

  const members = useAsync(async () => {
    if (mapped) return [getCompoundEntityRef(entity)];
    if (partRefs.length === 0) return [];
    const { items } = await catalogApi.getEntitiesByRefs({
      entityRefs: partRefs,
      fields: [
        'kind',
        'metadata.name',
        'metadata.namespace',
        'metadata.annotations',
      ],
    });
    return items
      .filter((item): item is Entity => Boolean(item) && hasMeshMapping(item!))
      .map(getCompoundEntityRef);
    // The entity object changes identity on every catalog refresh; its ref and parts do not.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [catalogApi, entityRef, mapped, partRefs.join(',')]);

  const reader = useMemo(() => {
    if (!members.value) return undefined;
    const scope: MeshScope = {
      kind: mapped ? 'entity' : 'system',
      entityRef,
      compoundRef: getCompoundEntityRef(entity),
      members: members.value,
    };
    return createScopedReader(meshApi, scope);
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [meshApi, members.value, entityRef, mapped]);

  return { reader, loading: members.loading, error: members.error };
}
