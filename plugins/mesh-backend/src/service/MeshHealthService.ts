/*
 * Health of an entity's workloads, apps and Services (../health/entityHealth): the same object
 * health the graph colours its nodes with and the team and /mesh tables show, for the same window.
 * An answer holds the entity's own workloads only, so no graph is built for it and only the
 * entities claiming those workloads are asked about (../scope/answerScope), as an entity graph of
 * 0 hops would: the same rules decide which of them the caller may see.
 */
import {
  MeshEntityHealthResponse,
  MeshSourceError,
} from '@mesh-portal/plugin-mesh-common';
import { entityHealth } from '../health/entityHealth';
import { workloadKey } from '../mapping/mapEntity';
import { mapTarget, visibleMapping } from '../scope/targetMapping';
import { answerOrWholeView } from './catalogLinks';
import { EntityGraphRequest, MeshGraphService } from './MeshGraphService';
import { readInventory } from './readInventory';
import { readTraffic } from './readTraffic';
import { uniqueErrors } from './sourceErrors';

export class MeshHealthService {
  constructor(private readonly options: { graph: MeshGraphService }) {}

  async getEntityHealth(
    request: Omit<EntityGraphRequest, 'hops' | 'graphType'>,
  ): Promise<MeshEntityHealthResponse> {
    const { graph } = this.options;
    const time = request.time ?? new Date();
    const errors: MeshSourceError[] = [];
    const inventory = await readInventory(graph.sources);
    errors.push(...inventory.errors);
    const mapped = mapTarget(
      request.target,
      inventory.workloads,
      graph.nameMapping,
    );
    const traffic = await readTraffic(
      graph.sources,
      inventory.clusters.map(c => c.name),
      request.windowSeconds,
      time,
      { latencyUnused: true },
    );
    errors.push(...traffic.errors);
    const { health: objectHealth } = await graph.objectHealthOf(
      traffic.snapshot,
      inventory,
    );
    const catalog = await answerOrWholeView(
      graph.scope,
      graph.nameMapping,
      request.credentials,
      inventory,
      mapped.workloads.map(workloadKey),
      errors,
    );
    // Only workloads the caller may see (a hidden entity claims none of them) count, as in the graph.
    const focusWorkloads = mapped.workloads.filter(
      w => !catalog.scope.visibility.isHidden(workloadKey(w)),
    );
    const { health, items } = entityHealth(
      focusWorkloads,
      inventory.services,
      objectHealth,
    );
    return {
      entityRef: visibleMapping(mapped.mapping, focusWorkloads).entityRef,
      windowSeconds: request.windowSeconds,
      timestamp: time.toISOString(),
      health,
      items,
      errors: uniqueErrors([...mapped.errors, ...errors]),
      ...(traffic.freshness ? { telemetry: traffic.freshness } : {}),
    };
  }
}
