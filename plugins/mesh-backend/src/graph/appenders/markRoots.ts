/* Traffic generators (ingress gateways, load generators, unknown clients): outgoing edges only. */
import { TrafficMap } from '../types';

export function markRoots(map: TrafficMap): void {
  const hasIncoming = new Set([...map.edges.values()].map(e => e.target));
  const hasOutgoing = new Set([...map.edges.values()].map(e => e.source));
  for (const node of map.nodes.values()) {
    if (hasOutgoing.has(node.id) && !hasIncoming.has(node.id))
      node.isRoot = true;
  }
}
