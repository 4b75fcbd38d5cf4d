import {
  createApiFactory,
  createComponentExtension,
  createPlugin,
  createRoutableExtension,
  discoveryApiRef,
  fetchApiRef,
} from '@backstage/core-plugin-api';
import { MeshClient, meshApiRef } from './api';
import { meshOverviewRouteRef, rootRouteRef, teamRouteRef } from './routes';

/**
 * The mesh plugin for apps on the legacy frontend system. Apps on the new frontend system use
 * the default export of `@mesh-portal/plugin-mesh/alpha` instead.
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
    teamContent: teamRouteRef,
    overview: meshOverviewRouteRef,
  },
});

/**
 * Entity page tab with the entity's service mesh: traffic graph, health, security, Istio config,
 * traces and dependencies. For Components with Kubernetes annotations and for Systems, e.g.
 *
 * ```tsx
 * <EntityLayout.Route path="/mesh" title="Mesh" if={isMeshAvailable}>
 *   <EntityMeshContent />
 * </EntityLayout.Route>
 * ```
 *
 * @public
 */
export const EntityMeshContent: () => JSX.Element = meshPlugin.provide(
  createRoutableExtension({
    name: 'EntityMeshContent',
    component: () =>
      import('./components/EntityMeshContent').then(m => m.EntityMeshContent),
    mountPoint: rootRouteRef,
  }),
);

/**
 * Group page tab with the team's services in the mesh, e.g.
 * `<EntityLayout.Route path="/mesh" title="Mesh" if={isMeshTeamAvailable}>`.
 *
 * @public
 */
export const EntityTeamMeshContent: () => JSX.Element = meshPlugin.provide(
  createRoutableExtension({
    name: 'EntityTeamMeshContent',
    component: () =>
      import('./components/TeamMeshContent').then(m => m.EntityTeamMeshContent),
    mountPoint: teamRouteRef,
  }),
);

/**
 * The catalog-wide mesh overview page, e.g. `<Route path="/mesh" element={<MeshPage />} />`.
 *
 * @public
 */
export const MeshPage: () => JSX.Element = meshPlugin.provide(
  createRoutableExtension({
    name: 'MeshPage',
    component: () =>
      import('./components/MeshOverviewPage').then(m => m.MeshOverviewPage),
    mountPoint: meshOverviewRouteRef,
  }),
);

/**
 * Overview card: mesh health with reasons and golden signals.
 *
 * @public
 */
export const EntityMeshHealthCard: () => JSX.Element = meshPlugin.provide(
  createComponentExtension({
    name: 'EntityMeshHealthCard',
    component: {
      lazy: () =>
        import('./components/cards').then(m => m.EntityMeshHealthCard),
    },
  }),
);

/**
 * Overview card: share of inbound traffic over mTLS and the modes that apply.
 *
 * @public
 */
export const EntityMeshMtlsCard: () => JSX.Element = meshPlugin.provide(
  createComponentExtension({
    name: 'EntityMeshMtlsCard',
    component: {
      lazy: () => import('./components/cards').then(m => m.EntityMeshMtlsCard),
    },
  }),
);

/**
 * Overview card: the entity's direct callers and callees as a small graph.
 *
 * @public
 */
export const EntityMeshGraphCard: () => JSX.Element = meshPlugin.provide(
  createComponentExtension({
    name: 'EntityMeshGraphCard',
    component: {
      lazy: () => import('./components/cards').then(m => m.EntityMeshGraphCard),
    },
  }),
);
