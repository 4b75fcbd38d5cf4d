/* An entity's graph: the mesh graph around the workloads the entity (or its members) maps to. */
import { MeshEntityGraphResponse } from '@mesh-portal/plugin-mesh-common';
import { ObjectHealth } from '../health/objectHealth';
import { Workload } from '../kube/workloads';
import {
  mapTarget,
  TargetMapping,
  visibleMapping,
} from '../scope/targetMapping';
import type { MeshGraphService } from './MeshGraphService';
import type { EntityGraphRequest } from './meshGraphTypes';
import { Inventory } from './readInventory';
import { uniqueErrors } from './sourceErrors';

export interface EntityGraph {
  graph: MeshEntityGraphResponse;
  focusWorkloads: Workload[];
  services: Inventory['services'];
  objectHealth: ObjectHealth;
}

export async function entityGraph(
  service: MeshGraphService,
  request: EntityGraphRequest,
): Promise<EntityGraph> {
  let mapped: TargetMapping | undefined;
  const {
    graph,
    inventory,
    focusWorkloads,
    objectHealth: health,
  } = await service.buildMeshGraph({
    ...request,
    focus: ({ workloads }) => {
      mapped = mapTarget(request.target, workloads, service.nameMapping);
      return { workloads: mapped.workloads, hops: request.hops };
    },
  });
  // The focus holds only workloads the caller may see; so does the mapping it answers with.
  const mapping = visibleMapping(mapped!.mapping, focusWorkloads);
  const response: MeshEntityGraphResponse = {
    ...graph,
    errors: uniqueErrors([...mapped!.errors, ...graph.errors]),
    mapping,
  };
  return {
    graph: response,
    focusWorkloads,
    services: inventory.services,
    objectHealth: health,
  };
}
