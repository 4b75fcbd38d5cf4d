/*
 * A node cap for the traffic graph. Beyond a few hundred nodes a graph is neither readable nor
 * cheap to draw (Jaeger caps its dependency graph the same way), so above the cap the UI asks
 * what to focus on and shows that node's neighbourhood instead. Pure functions.
 */
import type { MeshGraph } from '@mesh-portal/plugin-mesh-common';

/** Most nodes drawn without asking; a few hundred MUI-rendered nodes stay smooth to pan. */
export const DEFAULT_NODE_CAP = 150;

type GraphBody = Pick<MeshGraph, 'nodes' | 'edges'>;

export type CappedGraph =
  | { kind: 'full'; graph: GraphBody }
  | { kind: 'focused'; graph: GraphBody; focusNode: string; total: number }
  | { kind: 'over-cap'; total: number };

/**
 * The nodes within `hops` edges of the centre nodes (either direction), and the edges between
 * them. Unknown centre ids are ignored.
 */
export function neighbourhood(
  graph: GraphBody,
  centreIds: string[],
  hops: number,
): GraphBody {
  const adjacent = new Map<string, string[]>();
  const link = (a: string, b: string) =>
    adjacent.set(a, [...(adjacent.get(a) ?? []), b]);
  for (const edge of graph.edges) {
    link(edge.source, edge.target);
    link(edge.target, edge.source);
  }
  const known = new Set(graph.nodes.map(node => node.id));
  const kept = new Set(centreIds.filter(id => known.has(id)));
  let frontier = [...kept];
  for (let step = 0; step < hops && frontier.length > 0; step++) {
    const next: string[] = [];
    for (const id of frontier) {
      for (const peer of adjacent.get(id) ?? []) {
        if (!kept.has(peer) && known.has(peer)) {
          kept.add(peer);
          next.push(peer);
        }
      }
    }
    frontier = next;
  }
  return {
    nodes: graph.nodes.filter(node => kept.has(node.id)),
    edges: graph.edges.filter(
      edge => kept.has(edge.source) && kept.has(edge.target),
    ),
  };
}

export interface NodeCapOptions {
  cap?: number;
  /** Node whose neighbourhood to show when the graph is over the cap. */
  focusNode?: string;
  /** Draw everything regardless of the cap. */
  showAll?: boolean;
}

/**
 * Decides what to draw: the whole graph when it is small enough or the user asked for it, the
 * focus node's neighbourhood (two hops, or one when two is still over the cap), or nothing but a
 * prompt.
 */
export function applyNodeCap(
  graph: GraphBody,
  { cap = DEFAULT_NODE_CAP, focusNode, showAll = false }: NodeCapOptions,
): CappedGraph {
  const total = graph.nodes.length;
  if (showAll || total <= cap) return { kind: 'full', graph };
  if (focusNode && graph.nodes.some(node => node.id === focusNode)) {
    const wide = neighbourhood(graph, [focusNode], 2);
    const focused =
      wide.nodes.length <= cap ? wide : neighbourhood(graph, [focusNode], 1);
    return { kind: 'focused', graph: focused, focusNode, total };
  }
  return { kind: 'over-cap', total };
}
