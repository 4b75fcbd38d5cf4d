/*
 * Marks how each node's workloads join the mesh (Kiali's meshCheck: gateway, ambient, out of
 * mesh) and sets their workload-status health from replica counts (§3.3). Request health is added
 * later from the graph's own edges (./addHealth).
 */
import {
  evaluateWorkloadStatus,
  mergeHealth,
  MeshHealth,
} from '@mesh-portal/plugin-mesh-common';
import { TrafficMap } from '../types';
import { WorkloadIndex, workloadsOfNode } from './workloadsOfNode';

export function addWorkloadInfo(map: TrafficMap, index: WorkloadIndex): void {
  for (const node of map.nodes.values()) {
    const workloads = workloadsOfNode(node, index);
    if (workloads.length === 0) continue;
    // A waypoint's pods carry the Gateway API gateway label, but it is the ambient data plane, not
    // an ingress or egress (Kiali's meshCheck: isAmbient for waypoints).
    node.isGateway =
      (!node.isWaypoint && workloads.some(w => w.dataplane === 'gateway')) ||
      undefined;
    node.isAmbient =
      node.isWaypoint ||
      workloads.every(w => w.dataplane === 'ambient') ||
      undefined;
    node.isOutOfMesh =
      workloads.every(w => w.dataplane === 'none') || undefined;
    let health: MeshHealth = { status: 'no-data', reasons: [] };
    for (const w of workloads) {
      health = mergeHealth(health, evaluateWorkloadStatus(w.name, w));
    }
    node.health = health;
  }
}
