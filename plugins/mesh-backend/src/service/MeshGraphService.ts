/*
 * Orchestrates graphs: read the inventory, read traffic from every telemetry source once (sources
 * shared by several clusters are asked once), link nodes to their owning entities and run the
 * graph pipeline — mesh-wide, or around an entity's workloads. Failures of single sources become
 * `errors` in the response.
 */
import { BackstageCredentials } from '@backstage/backend-plugin-api';
import { Entity, stringifyEntityRef } from '@backstage/catalog-model';
import { CatalogService } from '@backstage/plugin-catalog-node';
import {
  MeshEntityGraphResponse,
  MeshGraph,
  MeshGraphType,
  MeshSourceError,
} from '@mesh-portal/plugin-mesh-common';
import { MeshAccess } from '../access/MeshAccess';
import {
  HealthRules,
  objectHealth,
  ObjectHealth,
} from '../health/objectHealth';
import { buildGraph } from '../graph/buildGraph';
import { Workload } from '../kube/workloads';
import { entityMapping } from '../mapping/entityMapping';
import { entityWorkloadSelector } from '../mapping/entitySelector';
import { mapWorkloads, workloadKey } from '../mapping/mapEntity';
import {
  isNameMappedOnly,
  mappableEntitiesFilter,
  NameMappingPolicy,
} from '../mapping/nameMapping';
import { OwnerIndexCache } from '../mapping/OwnerIndexCache';
import { MeshSources } from '../sources/types';
import { EntityInfo } from '../graph/appenders/linkEntities';
import { Inventory, readInventory } from './readInventory';
import { refsOf } from './catalogScope';
import { readTraffic } from './readTraffic';
import { toSourceError } from './sourceErrors';

export interface MeshGraphRequest {
  windowSeconds: number;
  graphType: MeshGraphType;
  credentials: BackstageCredentials;
  time?: Date;
  /** Skip latency (cheaper for long windows). */
  withoutLatency?: boolean;
  /** Cut the graph to these workloads' neighbourhood (computed from the inventory). */
  focus?: (inventory: Inventory) => { workloads: Workload[]; hops: number };
}

export interface EntityGraphRequest {
  entity: Entity;
  windowSeconds: number;
  hops: number;
  graphType: MeshGraphType;
  credentials: BackstageCredentials;
  time?: Date;
}

export class MeshGraphService {
  /** Workload → owning entity, reused while clusters and visible entities are unchanged. */
  private readonly owners: OwnerIndexCache;

  constructor(
    private readonly options: {
      sources: MeshSources;
      catalog: CatalogService;
      health: HealthRules;
      nameMapping: NameMappingPolicy;
      /** Withholds what the caller may not see (../access); a fresh one withholds nothing. */
      access?: MeshAccess;
    },
  ) {
    this.owners = new OwnerIndexCache(options.nameMapping);
  }

  get nameMapping(): NameMappingPolicy {
    return this.options.nameMapping;
  }

  private get access(): MeshAccess {
    return (this.options.access ??= new MeshAccess({
      catalog: this.options.catalog,
      nameMapping: this.options.nameMapping,
    }));
  }

  async getEntityGraph(
    request: EntityGraphRequest,
  ): Promise<MeshEntityGraphResponse> {
    return (await this.buildEntityGraph(request)).graph;
  }

  /** The entity graph plus the workloads the entity maps to and the Services (for health and other views). */
  async buildEntityGraph(request: EntityGraphRequest): Promise<{
    graph: MeshEntityGraphResponse;
    focusWorkloads: Workload[];
    services: Inventory['services'];
    objectHealth: ObjectHealth;
  }> {
    const entityRef = stringifyEntityRef(request.entity);
    const selector = entityWorkloadSelector(
      request.entity,
      this.options.nameMapping,
    );
    const selectorErrors: MeshSourceError[] =
      'invalid' in selector
        ? [
            {
              source: 'catalog',
              errorType: 'BAD_RESPONSE',
              message: selector.invalid,
            },
          ]
        : [];
    let ambiguous: string[] | undefined;
    const { graph, inventory, focusWorkloads, objectHealth } =
      await this.buildMeshGraph({
        ...request,
        focus: inventory => {
          const mapping =
            'ok' in selector
              ? mapWorkloads(selector.ok, inventory.workloads)
              : undefined;
          ambiguous = mapping?.ambiguous;
          return { workloads: mapping?.workloads ?? [], hops: request.hops };
        },
      });
    const mapping = entityMapping(
      entityRef,
      selector,
      focusWorkloads,
      ambiguous,
    );
    const response: MeshEntityGraphResponse = {
      ...graph,
      errors: [...selectorErrors, ...mapping.errors, ...graph.errors],
      mapping,
    };
    return {
      graph: response,
      focusWorkloads,
      services: inventory.services,
      objectHealth,
    };
  }

  /**
   * The mesh-wide graph (or, with `focus`, a neighbourhood of it) with nodes linked to the catalog
   * entities the caller can see, and the catalog entities used for that.
   */
  async buildMeshGraph(request: MeshGraphRequest): Promise<{
    graph: MeshGraph;
    inventory: Inventory;
    entities: Entity[];
    entityInfo: Map<string, EntityInfo>;
    focusWorkloads: Workload[];
    /** Request health of every workload, app and Service: what every view's health is made of. */
    objectHealth: ObjectHealth;
  }> {
    const time = request.time ?? new Date();
    const errors: MeshSourceError[] = [];
    const inventory = await readInventory(this.options.sources);
    errors.push(...inventory.errors);
    const focus = request.focus?.(inventory);
    const [traffic, catalog] = await Promise.all([
      readTraffic(
        this.options.sources,
        inventory.clusters.map(c => c.name),
        request.windowSeconds,
        time,
        {
          withoutLatency: request.withoutLatency,
        },
      ),
      this.mappedEntities(request.credentials, inventory, errors),
    ]);
    errors.push(...traffic.errors);
    const istioIds = new Map(
      inventory.clusters.map(c => [c.istioClusterId, c.name]),
    );
    const clusterName = (id: string) => istioIds.get(id) ?? id;
    const health = objectHealth(
      traffic.snapshot,
      clusterName,
      this.options.health,
    );
    const linked = buildGraph({
      graphType: request.graphType,
      windowSeconds: request.windowSeconds,
      time,
      traffic: traffic.snapshot,
      workloads: inventory.workloads,
      services: inventory.services,
      serviceEntries: [...inventory.byCluster].flatMap(([cluster, c]) =>
        c.objects.istio
          .filter(o => o.kind === 'ServiceEntry')
          .map(o => ({ ...o, cluster })),
      ),
      owners: catalog.owners,
      entities: catalog.info,
      clusterName,
      focus: focus && {
        workloads: new Set(focus.workloads.map(workloadKey)),
        hops: focus.hops,
      },
      health: this.options.health,
      objectHealth: health,
      errors,
    });
    // Nodes of workloads whose entity the caller may not read are anonymised (access/redactGraph).
    const graph = this.access.redact(linked, catalog.scope, inventory);
    return {
      graph,
      inventory,
      entities: catalog.entities,
      entityInfo: catalog.info,
      focusWorkloads: focus?.workloads ?? [],
      objectHealth: health,
    };
  }

  /**
   * Catalog entities with a Kubernetes mapping, read with the caller's credentials so nodes are only
   * linked to entities the caller may see, the workload → entity index built from them, and the
   * caller's scope: which workloads belong to entities the caller may NOT read (../access).
   */
  private async mappedEntities(
    credentials: BackstageCredentials,
    inventory: Inventory,
    errors: MeshSourceError[],
  ) {
    try {
      const { items } = await this.options.catalog.getEntities(
        {
          filter: mappableEntitiesFilter(this.options.nameMapping),
          fields: [
            'kind',
            'metadata',
            'spec.owner',
            'spec.system',
            'spec.lifecycle',
            'spec.type',
            'relations',
          ],
        },
        { credentials },
      );
      const owners = this.owners.ownerIndex(
        items,
        [...inventory.byCluster.values()].map(c => c.workloads),
      );
      const scope = await this.access.scopeOf(items, owners, inventory, errors);
      // Entities mapped by name count only where the mesh has their workloads: otherwise every
      // Component of the catalog would be listed as part of the mesh.
      const owning = new Set(owners.values());
      const entities = items.filter(
        e =>
          owning.has(stringifyEntityRef(e)) ||
          !isNameMappedOnly(e, this.options.nameMapping),
      );
      return { entities, owners, info: entityInfo(items), scope };
    } catch (error) {
      errors.push(toSourceError(error, 'catalog'));
      const scope = await this.access.scopeOf(
        undefined,
        new Map(),
        inventory,
        errors,
      );
      return {
        entities: [],
        owners: new Map<string, string>(),
        info: new Map<string, EntityInfo>(),
        scope,
      };
    }
  }
}

/** Owner and system of each entity, as full refs (they decorate graph nodes). */
function entityInfo(entities: Entity[]): Map<string, EntityInfo> {
  const info = new Map<string, EntityInfo>();
  for (const e of entities) {
    const [owner] = refsOf(e, 'ownedBy', 'owner', 'Group');
    const [system] = refsOf(e, 'partOf', 'system', 'System');
    info.set(stringifyEntityRef(e), {
      ...(owner ? { owner } : {}),
      ...(system ? { system } : {}),
    });
  }
  return info;
}
