/*
 * Cuts the mesh-wide map down to an entity's neighbourhood: its own nodes, then `hops` steps of
 * callers (following edges backwards) and callees (forwards). Walking each direction separately
 * keeps "who calls the callers" and "whom the callees call" and leaves out siblings — other
 * callers of a shared callee — which would otherwise flood a 2-hop view.
 */
import { TrafficMap } from '../types';

export function focusNeighbourhood(
  map: TrafficMap,
  focus: Set<string>,
  hops: number,
): void {
  for (const id of focus) {
    const n = map.nodes.get(id);
    if (n) n.isFocus = true;
  }
  const keep = new Set(focus);
  const edges = [...map.edges.values()];
  for (const direction of ['callers', 'callees'] as const) {
    let frontier = new Set(focus);
    for (let hop = 0; hop < hops && frontier.size > 0; hop++) {
      const next = new Set<string>();
      for (const e of edges) {
        const [from, to] =
          direction === 'callees' ? [e.source, e.target] : [e.target, e.source];
        if (frontier.has(from) && !keep.has(to)) next.add(to);
      }
      next.forEach(id => keep.add(id));
      frontier = next;
    }
  }
  // Every edge among the kept nodes stays, so a shortcut between two neighbours is not hidden.
  const keptEdges = edges.filter(e => keep.has(e.source) && keep.has(e.target));
  map.edges = new Map(keptEdges.map(e => [e.id, e]));
  for (const id of [...map.nodes.keys()])
    if (!keep.has(id)) map.nodes.delete(id);
}
