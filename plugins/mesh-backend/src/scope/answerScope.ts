/*
 * The caller's view, costing what the answer holds (issue 15): instead of reading every mapped
 * entity as the caller, a view that knows its workloads asks about the entities that claim them
 * (./workloadClaims, from the plugin's own read of the mapped entities) — those entities, split by
 * the caller's `catalog.entity.read` and `mesh.entity.read` decisions (./decidedView), or, when
 * the decisions cannot be applied here, one `getEntitiesByRefs` as the caller and one
 * `mesh.entity.read` decision for those refs (./meshReadDecisions).
 * The rules are those of ./ScopeResolver (docs/access-model.md): a workload is hidden when any
 * claimant is not visible to the caller (fail closed: a catalog or permission failure hides every
 * workload); nodes link to the first visible claimant. When the answer cannot be decided this way —
 * no service credentials, a cluster's inventory missing (unresolvable nodes must be withheld), the
 * plugin's own catalog read failing — it answers undefined and the caller takes the full view.
 */
import {
  BackstageCredentials,
  PermissionsService,
} from '@backstage/backend-plugin-api';
import { Entity, stringifyEntityRef } from '@backstage/catalog-model';
import { CatalogService } from '@backstage/plugin-catalog-node';
import { OwnerIndex } from '../graph/appenders/linkEntities';
import { Workload } from '../kube/workloads';
import { NameMappingPolicy } from '../mapping/nameMapping';
import { entityFingerprint } from '../mapping/OwnerIndexCache';
import { Inventory } from '../service/readInventory';
import { toSourceError } from '../service/sourceErrors';
import { MAPPED_FIELDS } from './catalogScope';
import { DecidedViews } from './decidedView';
import { WorkloadVisibility } from './ownedWorkloads';
import type { CallerScope, CallerView } from './ScopeResolver';
import { ServiceEntities } from './ServiceEntities';
import { meshReadDecisions } from './meshReadDecisions';
import { withTimeout } from './withTimeout';
import { WorkloadClaims } from './workloadClaims';

export interface AnswerScope {
  view: CallerView;
  scope: CallerScope;
  /** Workload → the visible entity its nodes link to, for the answer's workloads. */
  owners: OwnerIndex;
}

export class AnswerScopes {
  private claimsCache?: {
    entities: Entity[];
    fingerprint: string;
    clusters: ReadonlyArray<readonly Workload[]>;
    claims: WorkloadClaims;
  };

  constructor(
    private readonly options: {
      catalog: CatalogService;
      nameMapping: NameMappingPolicy;
      permissions?: PermissionsService;
      serviceEntities: ServiceEntities;
      /** Views decided from the plugin's own read (./decidedView). */
      decided?: DecidedViews;
    },
  ) {}

  /**
   * What the caller may see of these workloads (keys `cluster/namespace/name`: every workload the
   * answer may show, a superset is fine), or undefined when only the full view can decide.
   */
  async forWorkloads(
    credentials: BackstageCredentials,
    inventory: Inventory,
    keys: Iterable<string>,
    /** Mapped entities the answer names otherwise (e.g. by a trace-name annotation). */
    alsoEntities?: (entity: Entity) => boolean,
  ): Promise<AnswerScope | undefined> {
    if (inventory.errors.length > 0) return undefined;
    let claims: WorkloadClaims;
    try {
      claims = await this.claims(inventory);
    } catch {
      return undefined;
    }
    const workloads = [...new Set(keys)];
    const refs = [
      ...new Set([
        ...workloads.flatMap(k => claims.claimants(k)),
        ...(alsoEntities
          ? claims.entities.filter(alsoEntities).map(e => stringifyEntityRef(e))
          : []),
      ]),
    ];
    const view = await this.view(credentials, refs.sort());
    if (view.failed)
      return {
        view,
        // Nothing is known to be visible: every workload is withheld (as ScopeResolver.visibility).
        scope: {
          visibility: { isHidden: () => true, hiddenCount: workloads.length },
          restrictUnresolved: true,
          hiddenEntities: [],
        },
        owners: new Map(),
      };
    const visibleRefs = new Set(view.visible.map(e => stringifyEntityRef(e)));
    const visible = (ref: string) => visibleRefs.has(ref);
    const hidden = new Set(
      workloads.filter(k => claims.claimants(k).some(r => !visible(r))),
    );
    const visibility: WorkloadVisibility = {
      isHidden: key => hidden.has(key),
      hiddenCount: hidden.size,
    };
    const owners: OwnerIndex = new Map();
    for (const key of workloads) {
      const owner = claims.owner(key, visible);
      if (owner) owners.set(key, owner);
    }
    const hiddenEntities = refs
      .filter(r => !visible(r))
      .map(r => claims.entity(r)!);
    return {
      view,
      scope: { visibility, restrictUnresolved: false, hiddenEntities },
      owners,
    };
  }

  /** The claims over this inventory; throws when the plugin cannot read the catalog. */
  private async claims(inventory: Inventory): Promise<WorkloadClaims> {
    const entities = await this.options.serviceEntities.mappedEntities();
    const clusters = [...inventory.byCluster.values()].map(c => c.workloads);
    const cached = this.claimsCache;
    // A re-read of the catalog (every 15 s) brings new objects, rarely new mappings.
    if (cached && cached.entities !== entities) {
      const fingerprint = mappingFingerprint(entities);
      if (fingerprint === cached.fingerprint) cached.entities = entities;
    }
    if (
      cached?.entities === entities &&
      cached.clusters.length === clusters.length &&
      cached.clusters.every((c, i) => c === clusters[i])
    )
      return cached.claims;
    const claims = new WorkloadClaims(
      entities,
      clusters,
      this.options.nameMapping,
    );
    this.claimsCache = {
      entities,
      fingerprint: mappingFingerprint(entities),
      clusters,
      claims,
    };
    return claims;
  }

  /** These entities as the caller may read them, split by `mesh.entity.read`. */
  async view(
    credentials: BackstageCredentials,
    refs: string[],
  ): Promise<CallerView> {
    if (refs.length === 0)
      return { visible: [], withheld: [], failed: false, errors: [] };
    const decided = await this.options.decided?.view(credentials, refs);
    if (decided) return decided;
    return readCallerView(
      async () =>
        (
          await this.options.catalog.getEntitiesByRefs(
            { entityRefs: refs, fields: MAPPED_FIELDS },
            { credentials },
          )
        ).items.filter((e): e is Entity => !!e),
      credentials,
      this.options.permissions,
      MAPPED_FIELDS,
    );
  }
}

/**
 * The entities `read` returns (read as the caller, within the catalog's time limit, with
 * `fieldsRead`), split by `mesh.entity.read` (./meshReadDecisions); a failure of either is a
 * failed view (nothing is visible).
 */
export async function readCallerView(
  read: () => Promise<Entity[]>,
  credentials: BackstageCredentials,
  permissions: PermissionsService | undefined,
  fieldsRead: readonly string[],
): Promise<CallerView> {
  try {
    return await splitByMeshPermission(
      await withTimeout(read(), 'The catalog'),
      credentials,
      permissions,
      fieldsRead,
    );
  } catch (error) {
    return {
      visible: [],
      withheld: [],
      failed: true,
      errors: [toSourceError(error, 'catalog')],
    };
  }
}

/**
 * Entities the caller can read, split by `mesh.entity.read` into visible and withheld: one
 * decision for the caller, applied here for the catalog's built-in rules, per-entity decisions
 * otherwise (./meshReadDecisions). Throws when the decision fails.
 */
async function splitByMeshPermission(
  readable: Entity[],
  credentials: BackstageCredentials,
  permissions: PermissionsService | undefined,
  fieldsRead: readonly string[],
): Promise<CallerView> {
  if (!permissions || readable.length === 0)
    return { visible: readable, withheld: [], failed: false, errors: [] };
  const decisions = await withTimeout(
    meshReadDecisions(permissions, readable, credentials, fieldsRead),
    'The permission service',
  );
  const allowed = (i: number) => decisions[i] === true;
  return {
    visible: readable.filter((_, i) => allowed(i)),
    withheld: readable.filter((_, i) => !allowed(i)),
    failed: false,
    errors: [],
  };
}

/** What the claims depend on: refs, mapping annotations, and the System (name mapping's namespace convention). */
const mappingFingerprint = (entities: Entity[]) =>
  `${entityFingerprint(entities)}\u0002${entities
    .map(e =>
      String((e.spec as { system?: unknown } | undefined)?.system ?? ''),
    )
    .join('\u0001')}`;
