/*
 * What every route module gets: auth, permissions, auditing, the catalog, the services, and the
 * shared entity resolution (validate the path, load the entity as the caller, check the mesh
 * permission, require a Kubernetes mapping).
 */
import {
  AuditorService,
  BackstageCredentials,
  HttpAuthService,
  PermissionsService,
} from '@backstage/backend-plugin-api';
import { Entity, stringifyEntityRef } from '@backstage/catalog-model';
import { NotFoundError, ServiceUnavailableError } from '@backstage/errors';
import { CatalogService } from '@backstage/plugin-catalog-node';
import { JsonObject } from '@backstage/types';
import { Request } from 'express';
import { entityWorkloadSelector } from '../mapping/entitySelector';
import { MeshServices } from '../service/createServices';
import { MeshTarget } from '../scope/targetMapping';
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
  /** The entity with its members: itself, or a System's or Group's mapped Components (../scope). */
  target: MeshTarget;
}

/** The parts of the route context that resolving an entity needs (routes and actions share it). */
export type ResolveContext = Pick<
  RouteContext,
  'permissions' | 'catalog' | 'services'
>;

/** Systems and Groups carry no Kubernetes annotations: their Components do. */
export const isRollupKind = (kind: unknown) =>
  typeof kind === 'string' && ['system', 'group'].includes(kind.toLowerCase());

/** What a read shared by a route and an action needs: resolution and the services, no HTTP. */
export type EntityReadContext = ResolveContext;

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
  return resolveEntityAs(
    ctx,
    req.params,
    await ctx.httpAuth.credentials(req),
    options,
  );
}

/**
 * {@link resolveEntity} for callers that are not an HTTP request (the actions in ../actions): the
 * same validation, catalog read as the caller, permission check and mapping requirement.
 */
export async function resolveEntityAs(
  ctx: ResolveContext,
  target: unknown,
  credentials: BackstageCredentials,
  options: { requireMapping?: boolean } = {},
): Promise<ResolvedEntity> {
  const { kind, namespace, name } = parse(
    entityParams,
    target,
    'entity reference',
  );
  const entity = await ctx.services.scope.entity(
    { kind, namespace, name },
    credentials,
  );
  if (!entity)
    throw new NotFoundError(`Entity ${kind}:${namespace}/${name} not found`);
  const entityRef = stringifyEntityRef(entity);
  await requireEntityPermission(ctx.permissions, entity, credentials);
  const meshTarget = await ctx.services.scope.target(entity, credentials);
  if (options.requireMapping !== false) requireMesh(meshTarget, ctx);
  return { entity, entityRef, target: meshTarget };
}

/** A view over workloads needs an entity that maps to some, or members that do. */
function requireMesh(target: MeshTarget, ctx: ResolveContext): void {
  const { entity, entityRef } = target;
  if (isRollupKind(entity.kind)) {
    if (target.members.length > 0) return;
    // The caller's catalog read failed: no member is known to be visible (fail closed), say why.
    const failed = target.errors.find(e => e.source === 'catalog');
    if (failed)
      throw new ServiceUnavailableError(
        `Cannot tell which Components of ${entityRef} you may see: ${failed.message}`,
      );
    throw new NotFoundError(
      `${entityRef} has no mesh data: none of its Components${
        target.withheld ? ' that you may see' : ''
      } maps to workloads`,
    );
  }
  const nameMapping = ctx.services.graph.nameMapping;
  if ('unmapped' in entityWorkloadSelector(entity, nameMapping))
    throw new NotFoundError(
      `Entity ${entityRef} has no mesh data: it has neither a backstage.io/kubernetes-id nor a backstage.io/kubernetes-label-selector annotation${
        nameMapping.enabled
          ? `, and entities of kind ${entity.kind} are not mapped by name (mesh.nameMapping.kinds)`
          : ', and mapping by name is off (mesh.nameMapping.enabled)'
      }`,
    );
}

/**
 * Runs a route body inside an auditor event that records success or failure. Reads of a System's,
 * Group's or the catalog's many entities (`many`) and every failure (denials included) are
 * `medium`, so that Backstage's default log level keeps them; single-entity reads are `low`.
 */
export async function audited<T>(
  ctx: RouteContext,
  eventId: string,
  req: Request,
  run: () => Promise<T>,
  summarize: (result: T) => JsonObject = () => ({}),
  options: { many?: boolean } = {},
): Promise<T> {
  const kind = req.params.kind?.toLowerCase();
  return auditedAs(
    ctx,
    {
      eventId,
      request: req,
      many:
        options.many || (!!kind && kind !== 'component' && kind !== 'resource'),
      meta: req.params.kind
        ? {
            entity: `${req.params.kind}:${req.params.namespace}/${req.params.name}`,
          }
        : {},
    },
    run,
    summarize,
  );
}

/**
 * {@link audited} for callers that are not an HTTP request: the actions pass the caller in `meta`
 * (without a request the auditor cannot read it from the Authorization header). The event is
 * created once the outcome is known, because its severity depends on it.
 */
export async function auditedAs<T>(
  ctx: Pick<RouteContext, 'auditor'>,
  event: {
    eventId: string;
    request?: Request;
    meta: JsonObject;
    many?: boolean;
  },
  run: () => Promise<T>,
  summarize: (result: T) => JsonObject = () => ({}),
): Promise<T> {
  let outcome: { result: T } | { error: Error };
  try {
    outcome = { result: await run() };
  } catch (error) {
    outcome = { error: error as Error };
  }
  const { many, ...fields } = event;
  const auditorEvent = await ctx.auditor.createEvent({
    ...fields,
    severityLevel: 'error' in outcome || many ? 'medium' : 'low',
  });
  if ('error' in outcome) {
    await auditorEvent.fail({ error: outcome.error });
    throw outcome.error;
  }
  await auditorEvent.success({ meta: summarize(outcome.result) });
  return outcome.result;
}
