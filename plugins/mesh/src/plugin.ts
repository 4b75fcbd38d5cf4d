import {
  createApiFactory,
  createPlugin,
  createRoutableExtension,
  discoveryApiRef,
  fetchApiRef,
} from '@backstage/core-plugin-api';
import { MeshClient, meshApiRef } from './api';
import { rootRouteRef } from './routes';

/**
 * The mesh plugin for apps on the legacy frontend system. Apps on the new frontend system use
 * the default export of `@internal/plugin-mesh/alpha` instead.
 *
 * @public
 */
export const meshPlugin = createPlugin({
  id: 'mesh',
  apis: [
    createApiFactory({
      api: meshApiRef,
      deps: { discoveryApi: discoveryApiRef, fetchApi: fetchApiRef },
      factory: ({ discoveryApi, fetchApi }) =>
        new MeshClient({ discoveryApi, fetchApi }),
    }),
  ],
  routes: {
    entityContent: rootRouteRef,
  },
});

/**
 * Entity page tab with the service-mesh traffic graph of the entity, e.g.
 *
 * ```tsx
 * <EntityLayout.Route path="/mesh" title="Mesh" if={isMeshAvailable}>
 *   <EntityMeshContent />
 * </EntityLayout.Route>
 * ```
 *
 * @public
 */
export const EntityMeshContent = meshPlugin.provide(
  createRoutableExtension({
    name: 'EntityMeshContent',
    component: () =>
      import('./components/EntityMeshContent').then(m => m.EntityMeshContent),
    mountPoint: rootRouteRef,
  }),
);
