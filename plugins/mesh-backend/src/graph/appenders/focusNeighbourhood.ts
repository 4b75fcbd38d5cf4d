/*
 * Cuts the mesh-wide map down to an entity's neighbourhood: its own nodes, then `hops` steps of
 * callers (following edges backwards) and callees (forwards). Walking each direction separately
 * keeps "who calls the callers" and "whom the callees call" and leaves out siblings — other
 * callers of a shared callee — which would otherwise flood a 2-hop view.
 * The walk reads an adjacency index, so that a model's prebuilt one (../meshGraphBase) makes it
 * cost what the neighbourhood holds, not what the mesh holds.
 */
import { GraphEdge, TrafficMap } from '../types';

/** Edges out of and into each node. */
export interface Adjacency {
  out: Map<string, GraphEdge[]>;
  in: Map<string, GraphEdge[]>;
  /** Each edge's position in the map: kept edges keep their order, so sums add up in the same order. */
  position: Map<GraphEdge, number>;
}

export function adjacencyOf(edges: Iterable<GraphEdge>): Adjacency {
  const adjacency: Adjacency = {
    out: new Map(),
    in: new Map(),
    position: new Map(),
  };
  const add = (index: Map<string, GraphEdge[]>, id: string, e: GraphEdge) => {
    const list = index.get(id);
    if (list) list.push(e);
    else index.set(id, [e]);
  };
  for (const e of edges) {
    adjacency.position.set(e, adjacency.position.size);
    add(adjacency.out, e.source, e);
    add(adjacency.in, e.target, e);
  }
  return adjacency;
}

/** The kept nodes and every edge among them (a shortcut between two neighbours is not hidden). */
export function neighbourhood(
  adjacency: Adjacency,
  focus: Set<string>,
  hops: number,
): { nodes: Set<string>; edges: GraphEdge[] } {
  const keep = new Set(focus);
  for (const direction of ['callers', 'callees'] as const) {
    const index = direction === 'callees' ? adjacency.out : adjacency.in;
    let frontier = new Set(focus);
    for (let hop = 0; hop < hops && frontier.size > 0; hop++) {
      const next = new Set<string>();
      for (const from of frontier) {
        for (const e of index.get(from) ?? []) {
          const to = direction === 'callees' ? e.target : e.source;
          if (!keep.has(to)) next.add(to);
        }
      }
      next.forEach(id => keep.add(id));
      frontier = next;
    }
  }
  const edges: GraphEdge[] = [];
  for (const id of keep)
    for (const e of adjacency.out.get(id) ?? [])
      if (keep.has(e.target)) edges.push(e);
  const position = (e: GraphEdge) => adjacency.position.get(e)!;
  edges.sort((a, b) => position(a) - position(b));
  return { nodes: keep, edges };
}

export function focusNeighbourhood(
  map: TrafficMap,
  focus: Set<string>,
  hops: number,
): void {
  for (const id of focus) {
    const n = map.nodes.get(id);
    if (n) n.isFocus = true;
  }
  const kept = neighbourhood(adjacencyOf(map.edges.values()), focus, hops);
  map.edges = new Map(kept.edges.map(e => [e.id, e]));
  for (const id of [...map.nodes.keys()])
    if (!kept.nodes.has(id)) map.nodes.delete(id);
}
