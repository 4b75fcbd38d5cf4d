/*
 * Test double for the catalog's side of conditional permission decisions: a plugin with id
 * `catalog` that registers the resource type `catalog-entity` with the catalog's own permission
 * rules (`isEntityOwner`, `hasLabel`, …) through Backstage's permissions registry, which serves
 * them on the REAL permission integration router (`/.well-known/backstage/permissions/
 * apply-conditions`, express.json() with its 100 kB default body limit, as in the real catalog).
 * It loads the same entities that Backstage's in-memory catalog (catalogServiceMock) serves to the
 * mesh plugin. Why a double: the real catalog takes minutes here to process 1,000+ entities, and
 * what these tests are about is the permission backend → apply-conditions round trip, not the
 * catalog's processing.
 */
import {
  coreServices,
  createBackendPlugin,
} from '@backstage/backend-plugin-api';
import { Entity, stringifyEntityRef } from '@backstage/catalog-model';
import {
  CatalogPermissionRule,
  permissionRules,
} from '@backstage/plugin-catalog-backend/alpha';
import { catalogEntityPermissionResourceRef } from '@backstage/plugin-catalog-node/alpha';

export function catalogPermissionIntegration(
  entities: Entity[],
  options: {
    /** Rules besides the catalog's own (an adopter's custom rule, as catalog modules add). */
    moreRules?: CatalogPermissionRule[];
    /** Sees every load of resources to apply conditions to (per-entity decisions). */
    onGetResources?: (refs: string[]) => void;
  } = {},
) {
  // Entity refs compare case-insensitively, as in the catalog.
  const key = (ref: string) => ref.toLocaleLowerCase('en-US');
  const byRef = new Map(entities.map(e => [key(stringifyEntityRef(e)), e]));
  return createBackendPlugin({
    pluginId: 'catalog',
    register(reg) {
      reg.registerInit({
        deps: { permissionsRegistry: coreServices.permissionsRegistry },
        async init({ permissionsRegistry }) {
          permissionsRegistry.addResourceType({
            resourceRef: catalogEntityPermissionResourceRef,
            rules: [
              ...Object.values(permissionRules),
              ...(options.moreRules ?? []),
            ],
            getResources: async refs => {
              options.onGetResources?.(refs);
              return refs.map(ref => byRef.get(key(ref)));
            },
          });
        },
      });
    },
  });
}
