/*
 * The one place that decides what a caller may see (README "Access control"). Per request, with
 * the caller's credentials:
 * - the caller's view: every mapped entity the catalog lets the caller read, split by one
 *   `mesh.entity.read` decision for the caller (./meshReadDecisions) into visible entities and
 *   withheld ones (readable, but their mesh data is denied); decided from the plugin's own read
 *   and the caller's two decisions when they can be applied here (./decidedView), else read as the
 *   caller;
 * - the members of a scope (a Component, a System's components, a Group's components — read for
 *   that target only, ./targetMembers — or the whole catalog, from the view above): the visible
 *   ones, and how many were withheld (never their names);
 * - the caller's workload visibility: a workload claimed by ANY entity that is not visible to the
 *   caller stays hidden, whatever else claims it (fail closed: a readable entity whose selector
 *   also matches a hidden service's workloads cannot un-hide them). The mapped entities are read
 *   with the plugin's own credentials for this (./ServiceEntities) and never returned
 *   (./callerVisibility).
 * Graphs (../access/redactGraph) and traces (../access/redactTraces) withhold by that visibility.
 */
import {
  BackstageCredentials,
  PermissionsService,
} from '@backstage/backend-plugin-api';
import {
  CompoundEntityRef,
  Entity,
  stringifyEntityRef,
} from '@backstage/catalog-model';
import { CatalogService } from '@backstage/plugin-catalog-node';
import { MeshGraph, MeshSourceError } from '@mesh-portal/plugin-mesh-common';
import { redactGraph } from '../access/redactGraph';
import { OwnerIndex } from '../graph/appenders/linkEntities';
import { indexWorkloads } from '../graph/appenders/workloadsOfNode';
import { NameMappingPolicy } from '../mapping/nameMapping';
import { OwnerIndexCache } from '../mapping/OwnerIndexCache';
import { Inventory } from '../service/readInventory';
import { toSourceError } from '../service/sourceErrors';
import { AnswerScopes, readCallerView } from './answerScope';
import { MAPPED_FIELDS, mappedEntities } from './catalogScope';
import { DecidedViews } from './decidedView';
import { withTimeout } from './withTimeout';
import { ServiceEntities } from './ServiceEntities';
import { callerVisibility, clustersOf } from './callerVisibility';
import type { CallerScope, CallerView, ScopeMembers } from './scopeTypes';

export type { CallerScope, CallerView, ScopeMembers } from './scopeTypes';
import { answerMembers, GroupTrees, memberOf } from './targetMembers';
import { entityTarget, MeshTarget } from './targetMapping';

export class ScopeResolver {
  private readonly owners: OwnerIndexCache;
  /** One view per request: Backstage's httpAuth hands out one credentials object per request. */
  private readonly views = new WeakMap<
    BackstageCredentials,
    Promise<CallerView>
  >();
  /**
   * Without `serviceEntities` (unit tests that build services by hand) only the workloads of
   * withheld entities are hidden; without `permissions` every readable entity is visible. The
   * plugin always passes both (plugin.ts → createServices).
   */
  constructor(
    private readonly options: {
      catalog: CatalogService;
      nameMapping: NameMappingPolicy;
      permissions?: PermissionsService;
      serviceEntities?: ServiceEntities;
    },
  ) {
    this.owners = new OwnerIndexCache(options.nameMapping);
    this.groupTrees = new GroupTrees(options.catalog);
    const { serviceEntities, permissions } = options;
    if (serviceEntities && permissions)
      this.decided = new DecidedViews(serviceEntities, permissions);
  }

  /** Views and entities decided from the plugin's own read (./decidedView), when it has both. */
  private readonly decided?: DecidedViews;

  /** A Group's tree, read once per request (the route resolves the target, the service its members). */
  private readonly groupTrees: GroupTrees;

  /**
   * The caller's view of the entities an answer touches only (./answerScope), for views that know
   * their workloads; undefined without the plugin's own read of the mapped entities.
   */
  get answers(): AnswerScopes | undefined {
    const { serviceEntities } = this.options;
    if (!serviceEntities) return undefined;
    return (this.answerScopes ??= new AnswerScopes({
      ...this.options,
      serviceEntities,
      decided: this.decided,
    }));
  }

  private answerScopes?: AnswerScopes;

  /** The catalog, read as the caller: always through withTimeout. */
  get catalog(): CatalogService {
    return this.options.catalog;
  }

  callerView(credentials: BackstageCredentials): Promise<CallerView> {
    let view = this.views.get(credentials);
    if (!view) {
      view = this.readView(credentials);
      this.views.set(credentials, view);
    }
    return view;
  }

  private async readView(
    credentials: BackstageCredentials,
  ): Promise<CallerView> {
    const decided = await this.decided?.view(credentials);
    if (decided) return decided;
    return readCallerView(
      () =>
        mappedEntities(
          this.options.catalog,
          credentials,
          this.options.nameMapping,
        ),
      credentials,
      this.options.permissions,
      MAPPED_FIELDS,
    );
  }

  /**
   * An entity as the caller may read it (undefined: not found, or not readable by the caller):
   * decided from the plugin's own read when it holds the entity (./decidedView), else read from
   * the catalog as the caller.
   */
  async entity(
    ref: CompoundEntityRef,
    credentials: BackstageCredentials,
  ): Promise<Entity | undefined> {
    const decided = await this.decided?.entity(
      credentials,
      stringifyEntityRef(ref),
    );
    if (decided !== undefined) return decided ?? undefined;
    return withTimeout(
      this.options.catalog.getEntityByRef(ref, { credentials }),
      'The catalog',
    );
  }

  /** Workload → visible owning entity, for linking graph nodes to the catalog. */
  ownerIndex(view: CallerView, inventory: Inventory): OwnerIndex {
    return this.owners.ownerIndex(view.visible, clustersOf(inventory));
  }

  /** Which workloads the caller may see named (./callerVisibility). */
  visibility(
    view: CallerView,
    inventory: Inventory,
    errors: MeshSourceError[],
  ): Promise<CallerScope> {
    return callerVisibility(view, inventory, errors, {
      owners: this.owners,
      serviceEntities: this.options.serviceEntities,
    });
  }

  /** The caller's whole view and visibility at once (the mesh-wide views, and the fallback below). */
  async scopeFor(
    credentials: BackstageCredentials,
    inventory: Inventory,
    errors: MeshSourceError[],
  ): Promise<CallerScope> {
    const view = await this.callerView(credentials);
    errors.push(...view.errors);
    return this.visibility(view, inventory, errors);
  }

  /**
   * {@link scopeFor} decided for these workloads only (./answerScope: every workload the answer
   * may show or name), or over the whole view when only that can decide.
   */
  async scopeForWorkloads(
    credentials: BackstageCredentials,
    inventory: Inventory,
    keys: Iterable<string>,
    errors: MeshSourceError[],
    alsoEntities?: (entity: Entity) => boolean,
  ): Promise<CallerScope> {
    const answer = await this.answers?.forWorkloads(
      credentials,
      inventory,
      keys,
      alsoEntities,
    );
    if (!answer) return this.scopeFor(credentials, inventory, errors);
    errors.push(...answer.view.errors);
    return answer.scope;
  }

  /**
   * The members of a view: a mapped entity itself; a System's components; a Group's components
   * (owned directly or through sub-groups), read for the target only (./targetMembers); the whole
   * catalog (`target` undefined: /overview and the catalog posture, which answer for every entity
   * the caller may see, read the whole caller view).
   */
  async members(
    credentials: BackstageCredentials,
    target: Entity | undefined,
  ): Promise<ScopeMembers & { errors: MeshSourceError[] }> {
    const kind = target?.kind.toLowerCase();
    if (target && kind !== 'system' && kind !== 'group')
      return { members: [target], withheld: 0, errors: [] };
    const errors: MeshSourceError[] = [];
    let groups: Set<string> | undefined;
    if (target && kind === 'group') {
      const ref = stringifyEntityRef(target);
      groups = new Set([ref]);
      try {
        groups = await this.groupTrees.of(credentials, ref);
      } catch (error) {
        errors.push(toSourceError(error, 'catalog'));
      }
    }
    const belongs = target ? memberOf(target, groups) : () => true;
    const answered = target && (await this.targetMembers(credentials, belongs));
    const view = answered ? answered.view : await this.callerView(credentials);
    errors.unshift(...view.errors);
    return {
      members: answered ? answered.visible : view.visible.filter(belongs),
      ...(groups ? { groups: [...groups].sort() } : {}),
      withheld: answered
        ? answered.withheld
        : view.withheld.filter(belongs).length,
      errors,
    };
  }

  /** A target's members read for it alone; undefined when the plugin's own catalog read fails. */
  private async targetMembers(
    credentials: BackstageCredentials,
    belongs: (e: Entity) => boolean,
  ) {
    const answers = this.answers;
    if (!answers) return undefined;
    let candidates: Entity[];
    try {
      candidates = await this.options.serviceEntities!.mappedEntities();
    } catch {
      // Only the full caller view can tell the members then (as AnswerScopes.forWorkloads).
      return undefined;
    }
    return answerMembers(candidates, belongs, refs =>
      answers.view(credentials, refs),
    );
  }

  /** The view's target: a Component or Resource alone, or a System or Group with its members. */
  async target(
    entity: Entity,
    credentials: BackstageCredentials,
  ): Promise<MeshTarget> {
    const entityRef = stringifyEntityRef(entity);
    const kind = entity.kind.toLowerCase();
    if (kind !== 'system' && kind !== 'group')
      return entityTarget(entity, entityRef);
    const { members, withheld, groups, errors } = await this.members(
      credentials,
      entity,
    );
    return {
      entityRef,
      entity,
      members,
      withheld,
      ...(groups ? { groups } : {}),
      errors,
    };
  }

  redact<G extends MeshGraph>(
    graph: G,
    scope: CallerScope,
    inventory: Inventory,
  ): G {
    if (scope.visibility.hiddenCount === 0 && !scope.restrictUnresolved)
      return graph;
    return redactGraph(graph, {
      visibility: scope.visibility,
      restrictUnresolved: scope.restrictUnresolved,
      workloads: indexWorkloads(inventory.workloads),
      services: inventory.services,
    });
  }
}
