/*
 * Positions graph nodes with dagre, left to right, so traffic reads from callers (left) to
 * callees (right) like Kiali's default layout. Pure and deterministic: the same graph always gets
 * the same positions, so an auto-refresh does not make the picture jump.
 */
import { Graph, layout } from '@dagrejs/dagre';
import type { Edge, Node } from '@xyflow/react';

/** Size reserved for each node; `ServiceNode` is drawn to fit it. */
export const NODE_WIDTH = 220;
export const NODE_HEIGHT = 76;

export interface LayoutOptions {
  /** Horizontal gap between ranks; leaves room for edge labels. */
  rankSeparation?: number;
  /** Vertical gap between nodes of the same rank. */
  nodeSeparation?: number;
}

/** Plain code-unit order: unlike localeCompare it is the same on every machine. */
function byId(a: { id: string }, b: { id: string }): number {
  if (a.id === b.id) return 0;
  return a.id < b.id ? -1 : 1;
}

/**
 * Returns copies of `nodes` with `position` set (top-left corner, as React Flow expects) and
 * their size fixed to {@link NODE_WIDTH} × {@link NODE_HEIGHT}. Input order does not matter:
 * nodes and edges are fed to dagre sorted by id.
 */
export function layoutGraph<N extends Node>(
  nodes: N[],
  edges: Edge[],
  options: LayoutOptions = {},
): N[] {
  const graph = new Graph({ multigraph: true });
  graph.setGraph({
    rankdir: 'LR',
    ranksep: options.rankSeparation ?? 140,
    nodesep: options.nodeSeparation ?? 40,
    marginx: 20,
    marginy: 20,
  });
  graph.setDefaultEdgeLabel(() => ({}));

  for (const node of [...nodes].sort(byId)) {
    graph.setNode(node.id, { width: NODE_WIDTH, height: NODE_HEIGHT });
  }
  for (const edge of [...edges].sort(byId)) {
    if (graph.hasNode(edge.source) && graph.hasNode(edge.target)) {
      graph.setEdge(edge.source, edge.target, {}, edge.id);
    }
  }

  layout(graph);

  return nodes.map(node => {
    const { x, y } = graph.node(node.id);
    return {
      ...node,
      // dagre positions node centres, React Flow positions top-left corners.
      position: { x: x - NODE_WIDTH / 2, y: y - NODE_HEIGHT / 2 },
      width: NODE_WIDTH,
      height: NODE_HEIGHT,
    };
  });
}
