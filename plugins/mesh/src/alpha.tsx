import {
  ApiBlueprint,
  createFrontendPlugin,
  discoveryApiRef,
  fetchApiRef,
  PageBlueprint,
} from '@backstage/frontend-plugin-api';
import {
  EntityCardBlueprint,
  EntityContentBlueprint,
} from '@backstage/plugin-catalog-react/alpha';
import DeviceHubIcon from '@material-ui/icons/DeviceHub';
import { MeshClient, meshApiRef } from './api';
import { isMeshAvailable, isMeshTeamAvailable } from './isMeshAvailable';
import { meshOverviewRouteRef } from './routes';

/** @alpha */
export const meshApi = ApiBlueprint.make({
  params: defineParams =>
    defineParams({
      api: meshApiRef,
      deps: { discoveryApi: discoveryApiRef, fetchApi: fetchApiRef },
      factory: ({ discoveryApi, fetchApi }) =>
        new MeshClient({ discoveryApi, fetchApi }),
    }),
});

/**
 * The Mesh tab of entity pages: Components with a Kubernetes mapping annotation, and Systems.
 * Apps can override `path`, `title`, `group` and `filter` in `app.extensions` config.
 *
 * @alpha
 */
export const entityMeshContent = EntityContentBlueprint.make({
  params: {
    path: '/mesh',
    title: 'Mesh',
    filter: isMeshAvailable,
    loader: () =>
      import('./components/EntityMeshContent').then(m => (
        <m.EntityMeshContent />
      )),
  },
});

/**
 * The Mesh tab of Group pages: the team's services.
 *
 * @alpha
 */
export const entityTeamMeshContent = EntityContentBlueprint.make({
  name: 'team',
  params: {
    path: '/mesh',
    title: 'Mesh',
    filter: isMeshTeamAvailable,
    loader: () =>
      import('./components/TeamMeshContent').then(m => (
        <m.EntityTeamMeshContent />
      )),
  },
});

/** @alpha */
export const entityMeshHealthCard = EntityCardBlueprint.make({
  name: 'health',
  params: {
    filter: isMeshAvailable,
    loader: () =>
      import('./components/cards').then(m => <m.EntityMeshHealthCard />),
  },
});

/** @alpha */
export const entityMeshMtlsCard = EntityCardBlueprint.make({
  name: 'mtls',
  params: {
    filter: isMeshAvailable,
    loader: () =>
      import('./components/cards').then(m => <m.EntityMeshMtlsCard />),
  },
});

/** @alpha */
export const entityMeshGraphCard = EntityCardBlueprint.make({
  name: 'graph',
  params: {
    filter: isMeshAvailable,
    loader: () =>
      import('./components/cards').then(m => <m.EntityMeshGraphCard />),
  },
});

/**
 * The catalog-wide overview at `/mesh`. Its title and icon make it a nav item (the sidebar lists
 * pages); it draws its own Backstage header, like the legacy `MeshPage`.
 *
 * @alpha
 */
export const meshOverviewPage = PageBlueprint.make({
  params: {
    path: '/mesh',
    title: 'Service mesh',
    icon: <DeviceHubIcon fontSize="inherit" />,
    routeRef: meshOverviewRouteRef,
    noHeader: true,
    loader: () =>
      import('./components/MeshOverviewPage').then(m => <m.MeshOverviewPage />),
  },
});

/**
 * The mesh plugin for apps on the new frontend system.
 *
 * @alpha
 */
export default createFrontendPlugin({
  pluginId: 'mesh',
  title: 'Service mesh',
  icon: <DeviceHubIcon fontSize="inherit" />,
  info: { packageJson: () => import('../package.json') },
  routes: { overview: meshOverviewRouteRef },
  extensions: [
    meshApi,
    entityMeshContent,
    entityTeamMeshContent,
    entityMeshHealthCard,
    entityMeshMtlsCard,
    entityMeshGraphCard,
    meshOverviewPage,
  ],
});
