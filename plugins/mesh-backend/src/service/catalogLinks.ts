/*
 * What a graph is linked to the catalog with, read as the caller (../scope): the entities of an
 * answer only (../scope/answerScope), or the caller's whole view.
 */
import { BackstageCredentials } from '@backstage/backend-plugin-api';
import { Entity, stringifyEntityRef } from '@backstage/catalog-model';
import { MeshSourceError } from '@mesh-portal/plugin-mesh-common';
import { EntityInfo, OwnerIndex } from '../graph/appenders/linkEntities';
import { isNameMappedOnly, NameMappingPolicy } from '../mapping/nameMapping';
import { entityInfo } from '../scope/catalogScope';
import { CallerScope, CallerView, ScopeResolver } from '../scope/ScopeResolver';
import { Inventory } from './readInventory';
import { createHash } from 'crypto';
import { workloadKey } from '../mapping/mapEntity';
import { viewDigest } from './sharedAnswers';

/** What a graph is linked to the catalog with, and what the caller may see of it. */
export interface CatalogLinks {
  /** Mapped entities the caller may see. */
  entities: Entity[];
  owners: OwnerIndex;
  info: Map<string, EntityInfo>;
  scope: CallerScope;
  /** The full view's {@link viewDigest}; absent for an answer's partial view. */
  digest?: string;
}

/**
 * The caller's view of the entities claiming these workloads only (../scope/answerScope), or
 * undefined when only the full view can decide.
 */
async function answerEntities(
  scope: ScopeResolver,
  credentials: BackstageCredentials,
  inventory: Inventory,
  workloads: Iterable<string>,
  errors: MeshSourceError[],
): Promise<CatalogLinks | undefined> {
  const answer = await scope.answers?.forWorkloads(
    credentials,
    inventory,
    workloads,
  );
  if (!answer) return undefined;
  errors.push(...answer.view.errors);
  return {
    entities: answer.view.visible,
    owners: answer.owners,
    info: entityInfo(answer.view.visible),
    scope: answer.scope,
  };
}

/**
 * Links of a view decided from the plugin's own read (../scope/decidedView hands callers with the
 * same decisions the same view object), kept while the inventory's workloads are the same: the
 * overview of 5,000 entities then indexes them once per catalog read, not once per request.
 */
const linksOfView = new WeakMap<
  CallerView,
  { workloads: Inventory['workloads']; links: Promise<CatalogLinks> }
>();

/**
 * The caller's view (../scope): mapped entities the caller may see, to link nodes to; the
 * workload → entity index built from them; and which workloads are hidden from the caller.
 */
export async function mappedEntities(
  resolver: ScopeResolver,
  nameMapping: NameMappingPolicy,
  credentials: BackstageCredentials,
  inventory: Inventory,
  errors: MeshSourceError[],
): Promise<CatalogLinks> {
  const view = await resolver.callerView(credentials);
  errors.push(...view.errors);
  // Without inventory errors the links depend on the view and the workloads only (../scope).
  const keep = !!view.decidedFrom && inventory.errors.length === 0;
  const known = keep ? linksOfView.get(view) : undefined;
  if (known?.workloads === inventory.workloads) return known.links;
  const links = linksOf(resolver, nameMapping, view, inventory, errors);
  // The promise is kept, so that concurrent requests of a new view wait for one computation.
  // A decided view's links push no errors (its visibility needs no further read).
  if (keep) {
    const entry = { workloads: inventory.workloads, links };
    linksOfView.set(view, entry);
    links.catch(() => {
      if (linksOfView.get(view) === entry) linksOfView.delete(view);
    });
  }
  return links;
}

async function linksOf(
  resolver: ScopeResolver,
  nameMapping: NameMappingPolicy,
  view: CallerView,
  inventory: Inventory,
  errors: MeshSourceError[],
): Promise<CatalogLinks> {
  const scope = await resolver.visibility(view, inventory, errors);
  const owners = resolver.ownerIndex(view, inventory);
  // Entities mapped by name count only where the mesh has their workloads: otherwise every
  // Component of the catalog would be listed as part of the mesh.
  const owning = new Set(owners.values());
  const entities = view.visible.filter(
    e => owning.has(stringifyEntityRef(e)) || !isNameMappedOnly(e, nameMapping),
  );
  return {
    entities,
    owners,
    info: entityInfo(view.visible),
    scope,
    digest: viewDigest(view, scope),
  };
}

/** The caller's view of these workloads' claimants, or the whole view when only it can decide. */
export async function answerOrWholeView(
  resolver: ScopeResolver,
  nameMapping: NameMappingPolicy,
  credentials: BackstageCredentials,
  inventory: Inventory,
  workloads: Iterable<string>,
  errors: MeshSourceError[],
): Promise<CatalogLinks> {
  return (
    (await answerEntities(
      resolver,
      credentials,
      inventory,
      workloads,
      errors,
    )) ??
    (await mappedEntities(
      resolver,
      nameMapping,
      credentials,
      inventory,
      errors,
    ))
  );
}

const mappingDigests = new WeakMap<
  CatalogLinks,
  { workloads: Inventory['workloads']; digest: string }
>();

/**
 * What a whole-mesh answer shows of the links besides the view's digest: each workload's owning
 * entity and whether it is hidden. Part of a shared answer's key (./sharedAnswers), so that an
 * entity claiming other workloads — with the same entities visible — gets a new answer at once,
 * not at the next snapshot. Once per links object and workload list.
 */
export function mappingDigest(links: CatalogLinks, inventory: Inventory) {
  const known = mappingDigests.get(links);
  if (known?.workloads === inventory.workloads) return known.digest;
  const hash = createHash('sha256');
  for (const w of inventory.workloads) {
    const key = workloadKey(w);
    hash.update(
      `${key}\t${links.owners.get(key) ?? ''}\t${
        links.scope.visibility.isHidden(key) ? 1 : 0
      }\n`,
    );
  }
  const digest = hash.digest('base64');
  mappingDigests.set(links, { workloads: inventory.workloads, digest });
  return digest;
}
