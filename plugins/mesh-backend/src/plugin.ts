import {
  coreServices,
  createBackendPlugin,
} from '@backstage/backend-plugin-api';
import { catalogServiceRef } from '@backstage/plugin-catalog-node';
import { meshPermissions } from '@mesh-portal/plugin-mesh-common';
import { readMeshConfig } from './config/readMeshConfig';
import { createRouter } from './router';
import { createServices } from './service/createServices';
import { createSources } from './sources/createSources';

/**
 * The mesh backend plugin: service-mesh graph, health and config for catalog entities.
 *
 * @public
 */
export const meshPlugin = createBackendPlugin({
  pluginId: 'mesh',
  register(env) {
    env.registerInit({
      deps: {
        config: coreServices.rootConfig,
        auth: coreServices.auth,
        logger: coreServices.logger,
        lifecycle: coreServices.lifecycle,
        cache: coreServices.cache,
        httpAuth: coreServices.httpAuth,
        httpRouter: coreServices.httpRouter,
        permissions: coreServices.permissions,
        permissionsRegistry: coreServices.permissionsRegistry,
        auditor: coreServices.auditor,
        catalog: catalogServiceRef,
      },
      async init({
        config,
        auth,
        logger,
        lifecycle,
        cache,
        httpAuth,
        httpRouter,
        permissions,
        permissionsRegistry,
        auditor,
        catalog,
      }) {
        const meshConfig = readMeshConfig(config);
        const sources = createSources(meshConfig, { logger, lifecycle, cache });
        const services = createServices({
          config: meshConfig,
          sources,
          catalog,
          auth,
        });
        permissionsRegistry.addPermissions(meshPermissions);
        httpRouter.use(
          await createRouter({
            httpAuth,
            permissions,
            auditor,
            catalog,
            services,
          }),
        );
      },
    });
  },
});
