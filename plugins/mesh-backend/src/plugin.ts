import {
  coreServices,
  createBackendPlugin,
} from '@backstage/backend-plugin-api';
import {
  actionsRegistryServiceRef,
  metricsServiceRef,
} from '@backstage/backend-plugin-api/alpha';
import { catalogServiceRef } from '@backstage/plugin-catalog-node';
import { meshPermissions } from '@mesh-portal/plugin-mesh-common';
import { registerMeshActions } from './actions/registerMeshActions';
import { callerCachedCatalog } from './callerCache/callerCachedCatalog';
import { CallerCachedPermissions } from './callerCache/CallerCachedPermissions';
import { CallerMemo } from './callerCache/CallerMemo';
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
        scheduler: coreServices.scheduler,
        metrics: metricsServiceRef,
        httpAuth: coreServices.httpAuth,
        httpRouter: coreServices.httpRouter,
        permissions: coreServices.permissions,
        permissionsRegistry: coreServices.permissionsRegistry,
        auditor: coreServices.auditor,
        catalog: catalogServiceRef,
        actionsRegistry: actionsRegistryServiceRef,
      },
      async init({
        config,
        auth,
        logger,
        lifecycle,
        cache,
        scheduler,
        metrics,
        httpAuth,
        httpRouter,
        permissions,
        permissionsRegistry,
        auditor,
        catalog,
        actionsRegistry,
      }) {
        const meshConfig = readMeshConfig(config);
        const sources = createSources(meshConfig, {
          logger,
          lifecycle,
          cache,
          scheduler,
          metrics,
        });
        // The caller's catalog reads and decisions, joined while in flight (./callerCache).
        const callerMemo = new CallerMemo(meshConfig.callerCache.ttlMs);
        const callerCatalog = callerCachedCatalog(catalog, callerMemo);
        const callerPermissions = new CallerCachedPermissions(
          permissions,
          callerMemo,
        );
        const services = createServices({
          config: meshConfig,
          sources,
          catalog: callerCatalog,
          auth,
          permissions: callerPermissions,
        });
        permissionsRegistry.addPermissions(meshPermissions);
        const routeContext = {
          httpAuth,
          permissions: callerPermissions,
          auditor,
          catalog: callerCatalog,
          services,
        };
        httpRouter.use(await createRouter(routeContext));
        // The same reads as the routes, for agents (MCP through @backstage/plugin-mcp-actions-backend).
        registerMeshActions(actionsRegistry, routeContext);
      },
    });
  },
});
