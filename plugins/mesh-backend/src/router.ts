/*
 * HTTP routes of the mesh backend. The router validates input, resolves the entity with the
 * caller's credentials (so the catalog's permission policy applies), checks the mesh permission and
 * delegates; errors are thrown as @backstage/errors types and rendered by the framework.
 */
import { AuditorService, HttpAuthService, PermissionsService } from '@backstage/backend-plugin-api';
import { Entity, stringifyEntityRef } from '@backstage/catalog-model';
import { InputError, NotFoundError } from '@backstage/errors';
import { CatalogService } from '@backstage/plugin-catalog-node';
import { DEFAULT_GRAPH_WINDOW, meshEntityReadPermission, parseWindow } from '@internal/plugin-mesh-common';
import express, { Request } from 'express';
import Router from 'express-promise-router';
import { z } from 'zod/v3';
import { entityWorkloadSelector } from './mapping/entitySelector';
import { MeshGraphService } from './service/MeshGraphService';
import { requireEntityPermission } from './service/requirePermission';

export interface RouterOptions {
  httpAuth: HttpAuthService;
  permissions: PermissionsService;
  auditor: AuditorService;
  catalog: CatalogService;
  graphService: MeshGraphService;
}

// Backstage entity name rules (catalog-model's default validators): 1–63 chars, alphanumerics and [-_.].
const NAME = /^[A-Za-z0-9][A-Za-z0-9._-]{0,62}$/;
const entityParams = z.object({
  kind: z.string().regex(/^[A-Za-z][A-Za-z0-9]{0,62}$/, 'kind must be letters and digits, at most 63'),
  namespace: z.string().regex(NAME, 'namespace must be 1-63 characters of letters, digits, -, _ and .'),
  name: z.string().regex(NAME, 'name must be 1-63 characters of letters, digits, -, _ and .'),
});

const single = (field: string) =>
  z.string({ invalid_type_error: `${field} must be given once, as a single value` });

const graphQuery = z
  .object({
    window: single('window').default(DEFAULT_GRAPH_WINDOW),
    hops: single('hops').regex(/^[1-3]$/, 'hops must be 1, 2 or 3').default('2'),
    graphType: single('graphType')
      .refine(v => ['workload', 'app', 'versionedApp'].includes(v), {
        message: "graphType must be one of workload, app, versionedApp ('service' graphs are not available yet)",
      })
      .default('workload'),
  })
  .strict();

function parse<T>(schema: z.ZodType<T, z.ZodTypeDef, unknown>, value: unknown, what: string): T {
  const result = schema.safeParse(value);
  if (!result.success) {
    const detail = result.error.issues.map(i => (i.path.length ? `${i.path.join('.')}: ${i.message}` : i.message));
    throw new InputError(`Invalid ${what}: ${detail.join('; ')}`);
  }
  return result.data;
}

export async function createRouter(options: RouterOptions): Promise<express.Router> {
  const { httpAuth, permissions, auditor, catalog, graphService } = options;
  const router = Router();

  /** Validates the entity path, loads the entity as the caller and checks the mesh permission. */
  async function resolveEntity(req: Request): Promise<{ entity: Entity; entityRef: string }> {
    const { kind, namespace, name } = parse(entityParams, req.params, 'entity reference');
    const credentials = await httpAuth.credentials(req);
    const entity = await catalog.getEntityByRef({ kind, namespace, name }, { credentials });
    if (!entity) throw new NotFoundError(`Entity ${kind}:${namespace}/${name} not found`);
    const entityRef = stringifyEntityRef(entity);
    await requireEntityPermission(permissions, meshEntityReadPermission, entityRef, credentials);
    if ('unmapped' in entityWorkloadSelector(entity)) {
      throw new NotFoundError(
        `Entity ${entityRef} has no mesh data: it has neither a backstage.io/kubernetes-id nor a backstage.io/kubernetes-label-selector annotation`,
      );
    }
    return { entity, entityRef };
  }

  router.get('/entities/by-name/:kind/:namespace/:name/graph', async (req, res) => {
    const auditorEvent = await auditor.createEvent({
      eventId: 'entity-graph-read',
      request: req,
      meta: { entity: `${req.params.kind}:${req.params.namespace}/${req.params.name}` },
    });
    try {
      const query = parse(graphQuery, req.query, 'query');
      const window = parseWindow(query.window);
      if ('error' in window) throw new InputError(window.error);
      const { entity } = await resolveEntity(req);
      const graph = await graphService.getEntityGraph({
        entity,
        windowSeconds: window.seconds,
        hops: Number(query.hops),
        graphType: query.graphType as 'workload' | 'app' | 'versionedApp',
        credentials: await httpAuth.credentials(req),
      });
      await auditorEvent.success({ meta: { nodes: graph.nodes.length, sourceErrors: graph.errors.length } });
      res.json(graph);
    } catch (error) {
      await auditorEvent.fail({ error: error as Error });
      throw error;
    }
  });

  return router;
}
