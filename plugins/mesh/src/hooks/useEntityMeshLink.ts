import { Entity } from '@backstage/catalog-model';
import { useRouteRef } from '@backstage/core-plugin-api';
import { entityRouteRef } from '@backstage/plugin-catalog-react';
import {
  EntityMeshViewState,
  writeEntityMeshViewState,
  DEFAULT_ENTITY_MESH_VIEW_STATE,
} from '../lib/viewState';

/**
 * Link to an entity's Mesh tab, optionally to one of its views: cards on the Overview tab point
 * there for the details. Assumes the tab's default path, `/mesh`.
 */
export function useEntityMeshLink(
  entity: Entity,
  view: Partial<EntityMeshViewState> = {},
): string {
  const entityRoute = useRouteRef(entityRouteRef);
  const base = entityRoute({
    kind: entity.kind.toLocaleLowerCase('en-US'),
    namespace:
      entity.metadata.namespace?.toLocaleLowerCase('en-US') ?? 'default',
    name: entity.metadata.name,
  });
  const search = writeEntityMeshViewState({
    ...DEFAULT_ENTITY_MESH_VIEW_STATE,
    ...view,
  }).toString();
  return `${base}/mesh${search ? `?${search}` : ''}`;
}
