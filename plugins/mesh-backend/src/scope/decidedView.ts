/*
 * A caller's view decided without reading the catalog as the caller (issue 15): the plugin's own
 * read of the mapped entities (./ServiceEntities, shared by every caller, re-read every 15 s)
 * filtered by the caller's two decisions (./callerDecisions): `catalog.entity.read` — the decision
 * the catalog itself applies to the lists it returns the caller — and `mesh.entity.read`. A
 * permission policy never sees the resource, so these two decisions are everything the catalog's
 * answer would depend on; applied here with the catalog's built-in rules (./meshReadDecisions), as
 * the catalog applies them. So an overview of 5,000 Components costs one permission request
 * instead of a 5,000-entity catalog read per request.
 * Undefined — the caller's own catalog read decides then (./answerScope readCallerView) — when a
 * decision cannot be applied here (a custom or another plugin's rule, parameters the catalog would
 * refuse) or cannot be had. docs/access-model.md ("How the caller's view is read").
 */
import {
  BackstageCredentials,
  PermissionsService,
} from '@backstage/backend-plugin-api';
import { Entity, stringifyEntityRef } from '@backstage/catalog-model';
import { CallerDecisions, callerDecisions } from './callerDecisions';
import { MAPPED_FIELDS } from './catalogScope';
import { decisionTest } from './meshReadDecisions';
import type { CallerView } from './ScopeResolver';
import { ServiceEntities } from './ServiceEntities';

/**
 * Views of a whole read, by the decisions they were decided with: a view is a function of the read
 * and the two decisions only (never of who asked), so callers with the same decisions share one
 * view object, and what is derived from it (../service/catalogLinks) is computed once per read.
 */
const wholeViews = new WeakMap<Entity[], Map<string, CallerView>>();
/** Distinct decisions kept per read (a read lives 15 s; conditions differ by the user's groups). */
const MAX_VIEWS_PER_READ = 256;

/** `entities`: read with the plugin's own credentials and MAPPED_FIELDS. */
function decidedView(
  decisions: CallerDecisions,
  entities: Entity[],
): CallerView | undefined {
  const { catalogRead, meshRead } = decisions;
  const readable = catalogRead && decisionTest(catalogRead, MAPPED_FIELDS);
  const meshReadable = meshRead && decisionTest(meshRead, MAPPED_FIELDS);
  if (!readable || !meshReadable) return undefined;
  const visible: Entity[] = [];
  const withheld: Entity[] = [];
  for (const entity of entities) {
    if (!readable(entity)) continue;
    (meshReadable(entity) ? visible : withheld).push(entity);
  }
  return { visible, withheld, failed: false, errors: [] };
}

function wholeView(
  decisions: CallerDecisions,
  entities: Entity[],
): CallerView | undefined {
  let views = wholeViews.get(entities);
  if (!views) wholeViews.set(entities, (views = new Map()));
  const key = JSON.stringify([decisions.catalogRead, decisions.meshRead]);
  const known = views.get(key);
  if (known) return known;
  const view = decidedView(decisions, entities);
  if (!view) return undefined;
  if (views.size >= MAX_VIEWS_PER_READ) views.clear();
  views.set(key, { ...view, decidedFrom: entities });
  return views.get(key);
}

const refIndexes = new WeakMap<Entity[], Map<string, Entity>>();

function byRef(entities: Entity[]): Map<string, Entity> {
  let index = refIndexes.get(entities);
  if (!index) {
    index = new Map(entities.map(e => [stringifyEntityRef(e), e]));
    refIndexes.set(entities, index);
  }
  return index;
}

/**
 * One entity as the caller may read it, decided like the views: the entity, or null when the
 * caller's `catalog.entity.read` denies it; undefined when only the catalog read as the caller can
 * tell (the plugin's own read does not hold it — not mapped, or another kind —, or the decision
 * cannot be applied here).
 */
export async function entityFromServiceEntities(
  serviceEntities: ServiceEntities,
  permissions: PermissionsService,
  credentials: BackstageCredentials,
  ref: string,
): Promise<Entity | null | undefined> {
  let entities: Entity[];
  try {
    entities = await serviceEntities.mappedEntities();
  } catch {
    return undefined;
  }
  const entity = byRef(entities).get(ref);
  if (!entity) return undefined;
  const { catalogRead } = await callerDecisions(permissions, credentials);
  const readable = catalogRead && decisionTest(catalogRead, MAPPED_FIELDS);
  if (!readable) return undefined;
  return readable(entity) ? entity : null;
}

/**
 * {@link decidedView} over the plugin's own read: of the entities `refs` names, or of every
 * mapped entity without `refs`. Undefined when the plugin cannot read the catalog itself either.
 */
export async function viewFromServiceEntities(
  serviceEntities: ServiceEntities,
  permissions: PermissionsService,
  credentials: BackstageCredentials,
  refs?: string[],
): Promise<CallerView | undefined> {
  let entities: Entity[];
  try {
    entities = await serviceEntities.mappedEntities();
  } catch {
    return undefined;
  }
  const decisions = await callerDecisions(permissions, credentials);
  if (!refs) return wholeView(decisions, entities);
  const index = byRef(entities);
  return decidedView(
    decisions,
    refs.flatMap(ref => index.get(ref) ?? []),
  );
}
