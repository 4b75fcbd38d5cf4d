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
import { PolicyDecision } from '@backstage/plugin-permission-common';
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
  const key = JSON.stringify([
    withoutId(decisions.catalogRead),
    withoutId(decisions.meshRead),
  ]);
  const known = views.get(key);
  if (known) return known;
  const view = decidedView(decisions, entities);
  if (!view) return undefined;
  if (views.size >= MAX_VIEWS_PER_READ) views.clear();
  views.set(key, { ...view, decidedFrom: entities });
  return views.get(key);
}

/**
 * A decision without its `id`: the permission backend gives every conditional decision a new one,
 * while the view depends on the result and conditions only (with the id in the key no two
 * requests ever shared a view, and each one indexed 5,000 entities again: ../service/catalogLinks).
 */
function withoutId(decision: PolicyDecision | undefined) {
  if (!decision || !('id' in decision)) return decision;
  const { id: _id, ...rest } = decision;
  return rest;
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
 * The caller's views and entities decided from the plugin's own read (one per plugin, held by
 * ./ScopeResolver and ./answerScope). Each answer is undefined when only the catalog read as the
 * caller can tell: the plugin cannot read the catalog itself, or a decision cannot be applied here.
 */
export class DecidedViews {
  constructor(
    private readonly serviceEntities: ServiceEntities,
    private readonly permissions: PermissionsService,
  ) {}

  /** The caller's view of the entities `refs` names, or of every mapped entity without `refs`. */
  async view(
    credentials: BackstageCredentials,
    refs?: string[],
  ): Promise<CallerView | undefined> {
    const read = await this.read(credentials);
    if (!read) return undefined;
    if (!refs) return wholeView(read.decisions, read.entities);
    const index = byRef(read.entities);
    return decidedView(
      read.decisions,
      refs.flatMap(ref => index.get(ref) ?? []),
    );
  }

  /**
   * One entity as the caller may read it: the entity, or null when the caller's
   * `catalog.entity.read` denies it; undefined also when the read does not hold it (not mapped,
   * or another kind).
   */
  async entity(
    credentials: BackstageCredentials,
    ref: string,
  ): Promise<Entity | null | undefined> {
    const read = await this.read(credentials);
    const entity = read && byRef(read.entities).get(ref);
    if (!read || !entity) return undefined;
    const { catalogRead } = read.decisions;
    const readable = catalogRead && decisionTest(catalogRead, MAPPED_FIELDS);
    if (!readable) return undefined;
    return readable(entity) ? entity : null;
  }

  /** The plugin's read and the caller's decisions (asked once per request: ./callerDecisions). */
  private async read(credentials: BackstageCredentials) {
    let entities: Entity[];
    try {
      entities = await this.serviceEntities.mappedEntities();
    } catch {
      return undefined;
    }
    return {
      entities,
      decisions: await callerDecisions(this.permissions, credentials),
    };
  }
}
