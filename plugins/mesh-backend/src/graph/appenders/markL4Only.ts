/*
 * The L4-only caveat (docs/kiali-semantics.md §1.3): traffic into an ambient workload that no
 * waypoint carries is seen by ztunnel alone, so the edge has bytes but no request rates, codes or
 * latency, and AuthorizationPolicies can only match at L4. With a waypoint on the path, ztunnel's
 * TCP goes client → waypoint → server instead, so a direct TCP edge into an ambient node means no
 * waypoint: the caveat is read from the graph itself, after ./addWorkloadInfo marked the nodes.
 */
import { TrafficMap } from '../types';

export function markL4Only(map: TrafficMap): void {
  // Edges may be shared with a mesh-wide base (../meshGraphBase): marked edges are copies.
  for (const edge of [...map.edges.values()]) {
    if (edge.protocol !== 'tcp') continue;
    const source = map.nodes.get(edge.source);
    const target = map.nodes.get(edge.target);
    if (!target?.isAmbient || target.isWaypoint || source?.isWaypoint) continue;
    map.edges.set(edge.id, { ...edge, l4Only: true });
  }
}
