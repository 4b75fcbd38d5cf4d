/*
 * Orchestrates graphs: read the inventory, read traffic from every telemetry source once (sources
 * shared by several clusters are asked once), link nodes to their owning entities and run the
 * graph pipeline — mesh-wide, or around an entity's workloads. Failures of single sources become
 * `errors` in the response.
 */
import { BackstageCredentials } from '@backstage/backend-plugin-api';
import { Entity, stringifyEntityRef } from '@backstage/catalog-model';
import { CatalogService } from '@backstage/plugin-catalog-node';
import { CATALOG_FILTER_EXISTS } from '@backstage/catalog-client';
import {
  KUBERNETES_ID_ANNOTATION,
  KUBERNETES_LABEL_SELECTOR_ANNOTATION,
  MeshEntityGraphResponse,
  MeshGraph,
  MeshGraphType,
  MeshSourceError,
} from '@mesh-portal/plugin-mesh-common';
import { MeshAccess } from '../access/MeshAccess';
import { HealthRules } from '../graph/appenders/addHealth';
import { buildGraph } from '../graph/buildGraph';
import { Workload } from '../kube/workloads';
import { entityMapping } from '../mapping/entityMapping';
import { entityWorkloadSelector } from '../mapping/entitySelector';
import { selectWorkloads, workloadKey } from '../mapping/mapEntity';
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
  private readonly owners = new OwnerIndexCache();

  constructor(
    private readonly options: {
      sources: MeshSources;
      catalog: CatalogService;
      health: HealthRules;
      /** Withholds what the caller may not see (../access); a fresh one withholds nothing. */
      access?: MeshAccess;
    },
  ) {}

  private get access(): MeshAccess {
    return (this.options.access ??= new MeshAccess({
      catalog: this.options.catalog,
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
  }> {
    const entityRef = stringifyEntityRef(request.entity);
    const selector = entityWorkloadSelector(request.entity);
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
    const { graph, inventory, focusWorkloads } = await this.buildMeshGraph({
      ...request,
      focus: inventory => ({
        workloads:
          'ok' in selector
            ? selectWorkloads(selector.ok, inventory.workloads)
            : [],
        hops: request.hops,
      }),
    });
    const response: MeshEntityGraphResponse = {
      ...graph,
      errors: [...selectorErrors, ...graph.errors],
      mapping: entityMapping(entityRef, selector, focusWorkloads),
    };
    return { graph: response, focusWorkloads, services: inventory.services };
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
  }> {
    const time = request.time ?? new Date();
    const errors: MeshSourceError[] = [];
    const inventory = await readInventory(this.options.sources);
    errors.push(...inventory.errors);
    if (inventory.clusters.length === 0) {
      errors.push({
        source: 'inventory',
        errorType: 'NOT_FOUND',
        message: 'No cluster is configured for the mesh plugin',
      });
    }
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
      clusterName: id => istioIds.get(id) ?? id,
      focus: focus && {
        workloads: new Set(focus.workloads.map(workloadKey)),
        hops: focus.hops,
      },
      health: this.options.health,
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
          filter: [
            {
              [`metadata.annotations.${KUBERNETES_ID_ANNOTATION}`]:
                CATALOG_FILTER_EXISTS,
            },
            {
              [`metadata.annotations.${KUBERNETES_LABEL_SELECTOR_ANNOTATION}`]:
                CATALOG_FILTER_EXISTS,
            },
          ],
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
      return { entities: items, owners, info: entityInfo(items), scope };
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
