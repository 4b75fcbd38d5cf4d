/*
 * What every route module gets: auth, permissions, auditing, the catalog, the services, and the
 * shared entity resolution (validate the path, load the entity as the caller, check the mesh
 * permission, require a Kubernetes mapping).
 */
import {
  AuditorService,
  HttpAuthService,
  PermissionsService,
} from '@backstage/backend-plugin-api';
import { Entity, stringifyEntityRef } from '@backstage/catalog-model';
import { NotFoundError } from '@backstage/errors';
import { CatalogService } from '@backstage/plugin-catalog-node';
import { meshEntityReadPermission } from '@mesh-portal/plugin-mesh-common';
import { JsonObject } from '@backstage/types';
import { Request } from 'express';
import { entityWorkloadSelector } from '../mapping/entitySelector';
import { MeshServices } from '../service/createServices';
import { requireEntityPermission } from '../service/requirePermission';
import { entityParams, parse } from './validation';

export interface RouteContext {
  httpAuth: HttpAuthService;
  permissions: PermissionsService;
  auditor: AuditorService;
  catalog: CatalogService;
  services: MeshServices;
}

export interface ResolvedEntity {
  entity: Entity;
  entityRef: string;
}

/**
 * Validates `:kind/:namespace/:name`, loads the entity as the caller and checks `mesh.entity.read`.
 * Unless `requireMapping` is false (views over a System's or Group's components), the entity must
 * carry the Kubernetes annotations that map it to workloads.
 */
export async function resolveEntity(
  ctx: RouteContext,
  req: Request,
  options: { requireMapping?: boolean } = {},
): Promise<ResolvedEntity> {
  const { kind, namespace, name } = parse(
    entityParams,
    req.params,
    'entity reference',
  );
  const credentials = await ctx.httpAuth.credentials(req);
  const entity = await ctx.catalog.getEntityByRef(
    { kind, namespace, name },
    { credentials },
  );
  if (!entity)
    throw new NotFoundError(`Entity ${kind}:${namespace}/${name} not found`);
  const entityRef = stringifyEntityRef(entity);
  await requireEntityPermission(
    ctx.permissions,
    meshEntityReadPermission,
    entityRef,
    credentials,
  );
  const nameMapping = ctx.services.graph.nameMapping;
  if (
    options.requireMapping !== false &&
    'unmapped' in entityWorkloadSelector(entity, nameMapping)
  ) {
    throw new NotFoundError(
      `Entity ${entityRef} has no mesh data: it has neither a backstage.io/kubernetes-id nor a backstage.io/kubernetes-label-selector annotation${
        nameMapping.enabled
          ? `, and entities of kind ${entity.kind} are not mapped by name (mesh.nameMapping.kinds)`
          : ', and mapping by name is off (mesh.nameMapping.enabled)'
      }`,
    );
  }
  return { entity, entityRef };
}

/** Runs a route body inside an auditor event that records success or failure. */
export async function audited<T>(
  ctx: RouteContext,
  eventId: string,
  req: Request,
  run: () => Promise<T>,
  summarize: (result: T) => JsonObject = () => ({}),
): Promise<T> {
  const event = await ctx.auditor.createEvent({
    eventId,
    request: req,
    meta: req.params.kind
      ? {
          entity: `${req.params.kind}:${req.params.namespace}/${req.params.name}`,
        }
      : {},
  });
  try {
    const result = await run();
    await event.success({ meta: summarize(result) });
    return result;
  } catch (error) {
    await event.fail({ error: error as Error });
    throw error;
  }
}
