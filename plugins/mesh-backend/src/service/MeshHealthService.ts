/*
 * Health of an entity's workloads, apps and Services (../health/entityHealth): the same object
 * health the graph colours its nodes with and the team and /mesh tables show, for the same window.
 */
import { MeshEntityHealthResponse } from '@mesh-portal/plugin-mesh-common';
import { entityHealth } from '../health/entityHealth';
import { EntityGraphRequest, MeshGraphService } from './MeshGraphService';

export class MeshHealthService {
  constructor(private readonly options: { graph: MeshGraphService }) {}

  async getEntityHealth(
    request: Omit<EntityGraphRequest, 'hops' | 'graphType'>,
  ): Promise<MeshEntityHealthResponse> {
    const { graph, focusWorkloads, services, objectHealth } =
      await this.options.graph.buildEntityGraph({
        ...request,
        // Health is the entity's own workloads' and Services': no neighbour is read or decided.
        hops: 0,
        graphType: 'workload',
      });
    const { health, items } = entityHealth(
      focusWorkloads,
      services,
      objectHealth,
    );
    return {
      entityRef: graph.mapping.entityRef,
      windowSeconds: graph.windowSeconds,
      timestamp: graph.timestamp,
      health,
      items,
      errors: graph.errors,
      ...(graph.telemetry ? { telemetry: graph.telemetry } : {}),
    };
  }
}
