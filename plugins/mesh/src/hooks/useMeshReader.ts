import { useMemo } from 'react';
import {
  Entity,
  getCompoundEntityRef,
  stringifyEntityRef,
} from '@backstage/catalog-model';
import { useApi } from '@backstage/core-plugin-api';
import { meshApiRef } from '../api';
import { entityMeshReader, EntityMeshReader } from '../reader/entityMeshReader';

/**
 * The mesh reader of an entity page. A System is answered by the backend as a whole (its members
 * are resolved there, with the caller's permissions), so nothing is looked up here.
 */
export function useMeshReader(entity: Entity): EntityMeshReader {
  const meshApi = useApi(meshApiRef);
  const entityRef = stringifyEntityRef(entity);
  return useMemo(
    () => entityMeshReader(meshApi, getCompoundEntityRef(entity), entityRef),
    // The entity object changes identity on every catalog refresh; its ref does not.
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [meshApi, entityRef],
  );
}
