/*
 * HTTP routes of the mesh backend. Each route group lives in ./routes and validates input,
 * resolves the entity with the caller's credentials (so the catalog's permission policy applies),
 * checks the mesh permission and delegates to a service; errors are thrown as @backstage/errors
 * types and rendered by the framework.
 */
import { NotFoundError } from '@backstage/errors';
import express from 'express';
import Router from 'express-promise-router';
import { RouteContext } from './routes/context';
import { registerDependenciesRoutes } from './routes/dependenciesRoutes';
import { registerConfigRoutes } from './routes/configRoutes';
import { registerGraphRoutes } from './routes/graphRoutes';
import { registerMeshConfigRoutes } from './routes/meshConfigRoutes';
import { registerHealthRoutes } from './routes/healthRoutes';
import { registerRollupRoutes } from './routes/rollupRoutes';
import { registerSecurityRoutes } from './routes/securityRoutes';
import { registerSeriesRoutes } from './routes/seriesRoutes';
import { registerTracesRoutes } from './routes/tracesRoutes';
import { rejectNestedQueryKeys } from './routes/validation';
import { registerWorkloadsRoutes } from './routes/workloadsRoutes';

export type RouterOptions = RouteContext;

export async function createRouter(
  options: RouterOptions,
): Promise<express.Router> {
  const router = Router();
  router.use((req, _res, next) => {
    rejectNestedQueryKeys(req.originalUrl);
    next();
  });
  registerGraphRoutes(router, options);
  registerHealthRoutes(router, options);
  registerSeriesRoutes(router, options);
  registerRollupRoutes(router, options);
  registerWorkloadsRoutes(router, options);
  registerTracesRoutes(router, options);
  registerDependenciesRoutes(router, options);
  registerSecurityRoutes(router, options);
  registerConfigRoutes(router, options);
  registerMeshConfigRoutes(router, options);
  // Anything else (a mistyped path, a traversal attempt) is a 404 with a message, not an empty body.
  router.use(() => {
    throw new NotFoundError(
      'No such mesh API route (see the OpenAPI description of /api/mesh)',
    );
  });
  return router;
}
