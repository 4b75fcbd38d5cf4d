/*
 * The members of a System or Group target, costing what the target holds (issue 15): the
 * candidates come from the plugin's own read of the mapped entities (./ServiceEntities, never
 * returned) narrowed to the target, then are read AS THE CALLER with one `getEntitiesByRefs` and
 * split by `mesh.entity.read` (./answerScope's readCallerView) — instead of
 * reading every mapped entity of the catalog as the caller and deciding each one. Membership is
 * decided again on the caller's copy, so a member is one the caller's catalog says belongs. The
 * plugin's list is at most SERVICE_ENTITIES_TTL_MS old: a Component added to a System joins its
 * views that much later. docs/access-model.md ("What a request reads").
 */
import { BackstageCredentials } from '@backstage/backend-plugin-api';
import { Entity, stringifyEntityRef } from '@backstage/catalog-model';
import { CatalogService } from '@backstage/plugin-catalog-node';
import { groupTree, refsOf } from './catalogScope';
import type { CallerView } from './ScopeResolver';
import { withTimeout } from './withTimeout';

/** Whether a mapped entity is a member of the System or of the Group tree (`groups`). */
export function memberOf(
  target: Entity,
  groups?: ReadonlySet<string>,
): (e: Entity) => boolean {
  const ref = stringifyEntityRef(target);
  const isComponent = (e: Entity) => e.kind.toLowerCase() === 'component';
  if (target.kind.toLowerCase() === 'system')
    return e =>
      isComponent(e) && refsOf(e, 'partOf', 'system', 'System').includes(ref);
  const tree = groups ?? new Set([ref]);
  return e =>
    isComponent(e) &&
    refsOf(e, 'ownedBy', 'owner', 'Group').some(o => tree.has(o));
}

/**
 * The target's members the caller may see, and how many are withheld: `candidates` are the
 * plugin's own mapped entities, `readAs` reads refs as the caller and decides `mesh.entity.read`.
 */
export async function answerMembers(
  candidates: Entity[],
  belongs: (e: Entity) => boolean,
  readAs: (refs: string[]) => Promise<CallerView>,
): Promise<{ visible: Entity[]; withheld: number; view: CallerView }> {
  const refs = candidates.filter(belongs).map(e => stringifyEntityRef(e));
  const view = await readAs([...new Set(refs)].sort());
  return {
    visible: view.visible.filter(belongs),
    withheld: view.withheld.filter(belongs).length,
    view,
  };
}

/** Group trees read as the caller, once per request (one credentials object per request). */
export class GroupTrees {
  private readonly trees = new WeakMap<
    BackstageCredentials,
    Map<string, Promise<Set<string>>>
  >();

  constructor(private readonly catalog: CatalogService) {}

  of(
    credentials: BackstageCredentials,
    groupRef: string,
  ): Promise<Set<string>> {
    let trees = this.trees.get(credentials);
    if (!trees) this.trees.set(credentials, (trees = new Map()));
    let tree = trees.get(groupRef);
    if (!tree) {
      tree = withTimeout(
        groupTree(this.catalog, credentials, groupRef),
        'The catalog',
      );
      trees.set(groupRef, tree);
    }
    return tree;
  }
}
