/*
 * HTTP routes of the mesh backend. Entity routes are declared once each (./routes/*Routes.ts) and
 * registered through one helper (./routes/entityRoute.ts) that validates input, resolves the
 * target with the caller's credentials (so the catalog's permission policy applies), checks the
 * mesh permission, audits and delegates to a service; the catalog-wide routes check
 * `mesh.overview.read`. Errors are thrown as @backstage/errors types and rendered by the framework.
 */
import { NotFoundError } from '@backstage/errors';
import express from 'express';
import Router from 'express-promise-router';
import { configRoute } from './routes/configRoutes';
import { RouteContext } from './routes/context';
import {
  dependenciesRoute,
  registerCatalogDependenciesRoute,
} from './routes/dependenciesRoutes';
import { registerEntityRoutes } from './routes/entityRoute';
import { graphRoute } from './routes/graphRoutes';
import { healthRoute } from './routes/healthRoutes';
import { registerMeshConfigRoutes } from './routes/meshConfigRoutes';
import { registerOverviewRoute, teamRoute } from './routes/rollupRoutes';
import {
  postureRoute,
  registerCatalogPostureRoute,
  securityRoute,
} from './routes/securityRoutes';
import { seriesRoute } from './routes/seriesRoutes';
import { traceRoute, tracesRoute } from './routes/tracesRoutes';
import { rejectNestedQueryKeys } from './routes/validation';
import { workloadsRoute } from './routes/workloadsRoutes';

export type RouterOptions = RouteContext;

/** Every route under `/entities/by-name/:kind/:namespace/:name/`. */
const ENTITY_ROUTES = [
  graphRoute,
  healthRoute,
  seriesRoute,
  workloadsRoute,
  configRoute,
  securityRoute,
  postureRoute,
  tracesRoute,
  traceRoute,
  dependenciesRoute,
  teamRoute,
];

export async function createRouter(
  options: RouterOptions,
): Promise<express.Router> {
  const router = Router();
  router.use((req, _res, next) => {
    rejectNestedQueryKeys(req.originalUrl);
    next();
  });
  registerEntityRoutes(router, options, ENTITY_ROUTES);
  registerOverviewRoute(router, options);
  registerCatalogPostureRoute(router, options);
  registerCatalogDependenciesRoute(router, options);
  registerMeshConfigRoutes(router, options);
  // Anything else (a mistyped path, a traversal attempt) is a 404 with a message, not an empty body.
  router.use(() => {
    throw new NotFoundError(
      'No such mesh API route (see the OpenAPI description of /api/mesh)',
    );
  });
  return router;
}
