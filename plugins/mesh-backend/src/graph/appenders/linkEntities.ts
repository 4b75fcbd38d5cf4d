/*
 * Links nodes to the catalog entities that own their workloads, which is what no mesh tool can do:
 * a node then shows its owner and links to its entity page. A service node is linked when every
 * workload behind the Service belongs to the same entity.
 */
import { Service } from '../../kube/types';
import { TrafficMap } from '../types';
import { backingWorkloads, WorkloadIndex } from './workloadsOfNode';

/** Owning entity per workload, keyed `cluster/namespace/workload`. */
export type OwnerIndex = Map<string, string>;

/** Owner (Group) and System of an entity, as entity refs. */
export interface EntityInfo {
  owner?: string;
  system?: string;
}

export function linkEntities(
  map: TrafficMap,
  workloads: WorkloadIndex,
  owners: OwnerIndex,
  services: Array<Service & { cluster: string }>,
  entities: Map<string, EntityInfo> = new Map(),
): void {
  for (const node of map.nodes.values()) {
    const backing = backingWorkloads(node, workloads, services);
    const refs = new Set(
      backing
        .map(w => owners.get(`${w.cluster}/${w.namespace}/${w.name}`))
        .filter((r): r is string => !!r),
    );
    if (refs.size !== 1) continue;
    node.entityRef = [...refs][0];
    const info = entities.get(node.entityRef);
    if (info?.owner) node.owner = info.owner;
    if (info?.system) node.system = info.system;
  }
}
