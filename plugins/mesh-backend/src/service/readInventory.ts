/* Reads workloads and Services of every cluster in scope, concurrently; a failing cluster becomes an error. */
import { MeshSourceError } from '@internal/plugin-mesh-common';
import { emptyClusterObjects, Service } from '../kube/types';
import { deriveWorkloads, Workload } from '../kube/workloads';
import { ClusterInfo, MeshSources } from '../sources/types';
import { guarded } from './sourceErrors';

export interface Inventory {
  clusters: ClusterInfo[];
  workloads: Workload[];
  services: Array<Service & { cluster: string }>;
  errors: MeshSourceError[];
}

export async function readInventory(sources: MeshSources): Promise<Inventory> {
  const clusters = sources.inventory.listClusters();
  const results = await Promise.all(
    clusters.map(async c => ({
      cluster: c,
      result: await guarded(() => sources.inventory.getClusterObjects(c.name), emptyClusterObjects(), 'inventory', c.name),
    })),
  );
  const inventory: Inventory = { clusters, workloads: [], services: [], errors: [] };
  for (const { cluster, result } of results) {
    inventory.workloads.push(...deriveWorkloads(cluster.name, result.value));
    inventory.services.push(...result.value.services.map(s => ({ ...s, cluster: cluster.name })));
    inventory.errors.push(...result.errors);
  }
  return inventory;
}
