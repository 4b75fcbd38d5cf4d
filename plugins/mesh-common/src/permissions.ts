import { createPermission } from '@backstage/plugin-permission-common';
import { RESOURCE_TYPE_CATALOG_ENTITY } from '@backstage/plugin-catalog-common/alpha';

/**
 * Read an entity's mesh data (graph, health, workloads, config, traces). A resource permission on
 * the catalog entity, so policies can use the catalog's conditions (owner, kind, …).
 *
 * @public
 */
export const meshEntityReadPermission = createPermission({
  name: 'mesh.entity.read',
  attributes: { action: 'read' },
  resourceType: RESOURCE_TYPE_CATALOG_ENTITY,
});

/**
 * Read the catalog-wide mesh overview.
 *
 * @public
 */
export const meshOverviewReadPermission = createPermission({
  name: 'mesh.overview.read',
  attributes: { action: 'read' },
});

/**
 * All permissions of the mesh plugin.
 *
 * @public
 */
export const meshPermissions = [
  meshEntityReadPermission,
  meshOverviewReadPermission,
];
