/*
 * Orchestrates an entity's graph: map the entity to workloads, read traffic from every telemetry
 * source once (sources shared by several clusters are asked once), link nodes to their owning
 * entities and run the graph pipeline. Failures of single sources become `errors` in the response.
 */
import { BackstageCredentials } from '@backstage/backend-plugin-api';
import { Entity, stringifyEntityRef } from '@backstage/catalog-model';
import { CatalogService } from '@backstage/plugin-catalog-node';
import { CATALOG_FILTER_EXISTS } from '@backstage/catalog-client';
import {
  KUBERNETES_ID_ANNOTATION,
  KUBERNETES_LABEL_SELECTOR_ANNOTATION,
  MeshEntityGraphResponse,
  MeshGraphType,
  MeshSourceError,
} from '@internal/plugin-mesh-common';
import { HealthRules } from '../graph/appenders/addHealth';
import { buildGraph } from '../graph/buildGraph';
import { Workload } from '../kube/workloads';
import { entityMapping } from '../mapping/entityMapping';
import { entityWorkloadSelector } from '../mapping/entitySelector';
import { selectWorkloads, workloadKey } from '../mapping/mapEntity';
import { OwnerIndexCache } from '../mapping/OwnerIndexCache';
import { MeshSources, TelemetrySource, TrafficSnapshot } from '../sources/types';
import { Inventory, readInventory } from './readInventory';
import { guarded, toSourceError } from './sourceErrors';

export interface EntityGraphRequest {
  entity: Entity;
  windowSeconds: number;
  hops: number;
  graphType: MeshGraphType;
  credentials: BackstageCredentials;
  time?: Date;
}

const EMPTY_TRAFFIC: TrafficSnapshot = { requests: [], tcpSent: [], tcpReceived: [], latency: [] };

export class MeshGraphService {
  /** Workload → owning entity, reused while clusters and visible entities are unchanged. */
  private readonly owners = new OwnerIndexCache();

  constructor(
    private readonly options: {
      sources: MeshSources;
      catalog: CatalogService;
      health: HealthRules;
    },
  ) {}

  async getEntityGraph(request: EntityGraphRequest): Promise<MeshEntityGraphResponse> {
    return (await this.buildEntityGraph(request)).graph;
  }

  /** The entity graph plus the workloads the entity maps to and the Services (for health and other views). */
  async buildEntityGraph(
    request: EntityGraphRequest,
  ): Promise<{ graph: MeshEntityGraphResponse; focusWorkloads: Workload[]; services: Inventory['services'] }> {
    const time = request.time ?? new Date();
    const entityRef = stringifyEntityRef(request.entity);
    const errors: MeshSourceError[] = [];
    const selector = entityWorkloadSelector(request.entity);
    if ('invalid' in selector) errors.push({ source: 'catalog', errorType: 'BAD_RESPONSE', message: selector.invalid });

    const inventory = await readInventory(this.options.sources);
    errors.push(...inventory.errors);
    if (inventory.clusters.length === 0) {
      errors.push({ source: 'inventory', errorType: 'NOT_FOUND', message: 'No cluster is configured for the mesh plugin' });
    }
    const focusWorkloads = 'ok' in selector ? selectWorkloads(selector.ok, inventory.workloads) : [];

    const [traffic, owners] = await Promise.all([
      this.readTraffic(inventory.clusters.map(c => c.name), request.windowSeconds, time, errors),
      this.ownerIndex(request.credentials, inventory, errors),
    ]);
    const istioIds = new Map(inventory.clusters.map(c => [c.istioClusterId, c.name]));

    const graph = buildGraph({
      graphType: request.graphType,
      windowSeconds: request.windowSeconds,
      time,
      traffic,
      workloads: inventory.workloads,
      services: inventory.services,
      owners,
      clusterName: id => istioIds.get(id) ?? id,
      focus: { workloads: new Set(focusWorkloads.map(workloadKey)), hops: request.hops },
      health: this.options.health,
      errors,
    });
    const response: MeshEntityGraphResponse = {
      ...graph,
      mapping: entityMapping(entityRef, selector, focusWorkloads),
    };
    return { graph: response, focusWorkloads, services: inventory.services };
  }

  /** One traffic read per distinct telemetry source; the snapshots are concatenated. */
  private async readTraffic(clusters: string[], windowSeconds: number, time: Date, errors: MeshSourceError[]) {
    const bySource = new Map<TelemetrySource, string[]>();
    for (const cluster of clusters) {
      const source = this.options.sources.telemetryFor(cluster);
      if (!source) continue;
      bySource.set(source, [...(bySource.get(source) ?? []), cluster]);
    }
    const results = await Promise.all(
      [...bySource].map(([source, served]) =>
        guarded(() => source.getTraffic({ windowSeconds, time }), EMPTY_TRAFFIC, 'telemetry', served.join(',')),
      ),
    );
    const traffic: TrafficSnapshot = { requests: [], tcpSent: [], tcpReceived: [], latency: [] };
    for (const r of results) {
      errors.push(...r.errors);
      for (const key of Object.keys(traffic) as Array<keyof TrafficSnapshot>) traffic[key].push(...r.value[key]);
    }
    return traffic;
  }

  /**
   * Owning entities of workloads, read with the caller's credentials so nodes are only linked to
   * entities the caller may see.
   */
  private async ownerIndex(credentials: BackstageCredentials, inventory: Inventory, errors: MeshSourceError[]) {
    try {
      const { items } = await this.options.catalog.getEntities(
        {
          filter: [
            { [`metadata.annotations.${KUBERNETES_ID_ANNOTATION}`]: CATALOG_FILTER_EXISTS },
            { [`metadata.annotations.${KUBERNETES_LABEL_SELECTOR_ANNOTATION}`]: CATALOG_FILTER_EXISTS },
          ],
          fields: ['kind', 'metadata.name', 'metadata.namespace', 'metadata.annotations'],
        },
        { credentials },
      );
      return this.owners.ownerIndex(items, [...inventory.byCluster.values()].map(c => c.workloads));
    } catch (error) {
      errors.push(toSourceError(error, 'catalog'));
      return new Map<string, string>();
    }
  }
}
