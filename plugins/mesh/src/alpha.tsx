import {
  ApiBlueprint,
  createFrontendPlugin,
  discoveryApiRef,
  fetchApiRef,
} from '@backstage/frontend-plugin-api';
import { EntityContentBlueprint } from '@backstage/plugin-catalog-react/alpha';
import { MeshClient, meshApiRef } from './api';
import { isMeshAvailable } from './isMeshAvailable';

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
 * The Mesh tab of entity pages. Shown only for entities with a Kubernetes mapping annotation;
 * apps can override `path`, `title`, `group` and `filter` in `app.extensions` config.
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
 * The mesh plugin for apps on the new frontend system.
 *
 * @alpha
 */
export default createFrontendPlugin({
  pluginId: 'mesh',
  title: 'Mesh',
  info: { packageJson: () => import('../package.json') },
  extensions: [meshApi, entityMeshContent],
});
