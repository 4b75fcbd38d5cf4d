/*
 * The caller's view of the mesh. The catalog's permission policy decides which entities a caller
 * may read (entities are read with the caller's credentials everywhere); this class turns that into
 * which workloads the caller may see named, and withholds the others from graphs (./redactGraph)
 * and traces (./redactTraces). The model: docs/access-model.md.
 */
import { BackstageCredentials } from '@backstage/backend-plugin-api';
import { Entity, stringifyEntityRef } from '@backstage/catalog-model';
import { CatalogService } from '@backstage/plugin-catalog-node';
import { MeshGraph, MeshSourceError } from '@mesh-portal/plugin-mesh-common';
import { OwnerIndex } from '../graph/appenders/linkEntities';
import { indexWorkloads } from '../graph/appenders/workloadsOfNode';
import { NameMappingPolicy } from '../mapping/nameMapping';
import { OwnerIndexCache } from '../mapping/OwnerIndexCache';
import { mappedEntities } from '../service/catalogScope';
import { Inventory } from '../service/readInventory';
import { toSourceError } from '../service/sourceErrors';
import {
  NOTHING_HIDDEN,
  onlyCallerOwned,
  WorkloadVisibility,
  workloadVisibility,
} from './ownedWorkloads';
import { redactGraph } from './redactGraph';
import { ServiceEntities } from './ServiceEntities';

export interface CallerScope {
  visibility: WorkloadVisibility;
  /** Some entity is hidden and some inventory is missing: unresolvable workload nodes are withheld too. */
  restrictUnresolved: boolean;
}

export class MeshAccess {
  private readonly owners: OwnerIndexCache;

  /**
   * Without `serviceEntities` (unit tests that build services by hand) nothing is withheld: the
   * plugin always passes them (plugin.ts → createServices).
   */
  constructor(
    private readonly options: {
      catalog: CatalogService;
      nameMapping: NameMappingPolicy;
      serviceEntities?: ServiceEntities;
    },
  ) {
    this.owners = new OwnerIndexCache(options.nameMapping);
  }

  /**
   * Scope of a caller who can read `callerEntities` (undefined: the caller's catalog read failed,
   * so nothing is known to be readable and every workload is withheld).
   */
  async scopeOf(
    callerEntities: Entity[] | undefined,
    callerOwners: OwnerIndex,
    inventory: Inventory,
    errors: MeshSourceError[],
  ): Promise<CallerScope> {
    const clusters = [...inventory.byCluster.values()].map(c => c.workloads);
    if (!this.options.serviceEntities)
      return { visibility: NOTHING_HIDDEN, restrictUnresolved: false };
    if (!callerEntities)
      return {
        visibility: onlyCallerOwned(new Map(), clusters),
        restrictUnresolved: true,
      };
    let all: Entity[];
    try {
      all = await this.options.serviceEntities.mappedEntities();
    } catch (error) {
      const cause = toSourceError(error, 'catalog');
      errors.push({
        ...cause,
        message: `Cannot tell which workloads belong to entities you may not read, so only workloads of entities you can read are named: ${cause.message}`,
      });
      return {
        visibility: onlyCallerOwned(callerOwners, clusters),
        restrictUnresolved: true,
      };
    }
    const visible = new Set(callerEntities.map(e => stringifyEntityRef(e)));
    const someHidden = all.some(e => !visible.has(stringifyEntityRef(e)));
    if (!someHidden)
      return { visibility: NOTHING_HIDDEN, restrictUnresolved: false };
    return {
      visibility: workloadVisibility(
        this.owners.ownerIndex(all, clusters),
        callerOwners,
      ),
      restrictUnresolved: inventory.errors.length > 0,
    };
  }

  /** Scope of a caller, reading the caller's entities (for views that do not build a graph). */
  async scopeFor(
    credentials: BackstageCredentials,
    inventory: Inventory,
    errors: MeshSourceError[],
  ): Promise<CallerScope> {
    const clusters = [...inventory.byCluster.values()].map(c => c.workloads);
    try {
      const entities = await mappedEntities(
        this.options.catalog,
        credentials,
        this.options.nameMapping,
      );
      return this.scopeOf(
        entities,
        this.owners.ownerIndex(entities, clusters),
        inventory,
        errors,
      );
    } catch (error) {
      errors.push(toSourceError(error, 'catalog'));
      return this.scopeOf(undefined, new Map(), inventory, errors);
    }
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
