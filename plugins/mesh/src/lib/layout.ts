/*
 * Positions graph nodes with dagre, left to right, so traffic reads from callers (left) to
 * callees (right) like Kiali's default layout. Pure and deterministic: the same graph always gets
 * the same positions, so an auto-refresh does not make the picture jump.
 *
 * `computeLayout` works on plain, structured-cloneable data so that it can run in a web worker
 * (layout.worker.ts) for big graphs; `applyLayout` puts its result on React Flow nodes.
 */
import { Graph, layout } from '@dagrejs/dagre';
import type { Edge, Node } from '@xyflow/react';

/** Size reserved for each node; `ServiceNode` is drawn to fit it. */
export const NODE_WIDTH = 220;
export const NODE_HEIGHT = 76;

/** Room around the children of a group node, and above them for its title. */
const GROUP_PADDING = 24;
const GROUP_TITLE_HEIGHT = 28;

export interface LayoutOptions {
  /** Horizontal gap between ranks; leaves room for edge labels. */
  rankSeparation?: number;
  /** Vertical gap between nodes of the same rank. */
  nodeSeparation?: number;
}

/** What the layout needs to know about the graph: sizes and connections, nothing else. */
export interface LayoutInput {
  nodes: Array<{ id: string; parentId?: string }>;
  edges: Array<{ id: string; source: string; target: string }>;
  options?: LayoutOptions;
}

/** Absolute top-left corner and size of each node (group nodes included). */
export type LayoutPositions = Record<
  string,
  { x: number; y: number; width: number; height: number }
>;

/** Plain code-unit order: unlike localeCompare it is the same on every machine. */
function byId(a: { id: string }, b: { id: string }): number {
  if (a.id === b.id) return 0;
  return a.id < b.id ? -1 : 1;
}

/**
 * Lays out the graph. Nodes with a `parentId` are drawn inside their parent (a group): dagre's
 * compound layout keeps the members of a group together and sizes the group around them.
 * Input order does not matter: nodes and edges are fed to dagre sorted by id.
 */
export function computeLayout({
  nodes,
  edges,
  options = {},
}: LayoutInput): LayoutPositions {
  const parents = new Set(
    nodes.map(node => node.parentId).filter(Boolean) as string[],
  );
  const graph = new Graph({ multigraph: true, compound: parents.size > 0 });
  graph.setGraph({
    rankdir: 'LR',
    ranksep: options.rankSeparation ?? 140,
    nodesep: options.nodeSeparation ?? 40,
    marginx: 20,
    marginy: 20,
  });
  graph.setDefaultEdgeLabel(() => ({}));

  const sorted = [...nodes].sort(byId);
  for (const node of sorted) {
    graph.setNode(
      node.id,
      parents.has(node.id)
        ? {
            paddingLeft: GROUP_PADDING,
            paddingRight: GROUP_PADDING,
            paddingTop: GROUP_PADDING + GROUP_TITLE_HEIGHT,
            paddingBottom: GROUP_PADDING,
          }
        : { width: NODE_WIDTH, height: NODE_HEIGHT },
    );
  }
  for (const node of sorted) {
    if (node.parentId && graph.hasNode(node.parentId)) {
      graph.setParent(node.id, node.parentId);
    }
  }
  for (const edge of [...edges].sort(byId)) {
    const connectsGroup = parents.has(edge.source) || parents.has(edge.target);
    if (
      !connectsGroup &&
      graph.hasNode(edge.source) &&
      graph.hasNode(edge.target)
    ) {
      graph.setEdge(edge.source, edge.target, {}, edge.id);
    }
  }

  layout(graph);

  const positions: LayoutPositions = {};
  for (const node of nodes) {
    const { x, y, width, height } = graph.node(node.id);
    // dagre positions node centres, React Flow positions top-left corners.
    positions[node.id] = { x: x - width / 2, y: y - height / 2, width, height };
  }
  return positions;
}

/** The part of a React Flow node and edge list the layout reads. */
export function toLayoutInput(
  nodes: Node[],
  edges: Edge[],
  options?: LayoutOptions,
): LayoutInput {
  return {
    nodes: nodes.map(({ id, parentId }) =>
      parentId ? { id, parentId } : { id },
    ),
    edges: edges.map(({ id, source, target }) => ({ id, source, target })),
    options,
  };
}

/**
 * Returns copies of `nodes` placed at `positions`. React Flow positions children relative to
 * their parent, so a child's absolute position is shifted by its parent's; groups get their
 * computed size.
 */
export function applyLayout<N extends Node>(
  nodes: N[],
  positions: LayoutPositions,
): N[] {
  return nodes.map(node => {
    const box = positions[node.id];
    if (!box) return node;
    const parent = node.parentId ? positions[node.parentId] : undefined;
    return {
      ...node,
      position: {
        x: box.x - (parent?.x ?? 0),
        y: box.y - (parent?.y ?? 0),
      },
      width: box.width,
      height: box.height,
    };
  });
}

/** Lays out synchronously; for small graphs and tests (big graphs go through `runLayout`). */
export function layoutGraph<N extends Node>(
  nodes: N[],
  edges: Edge[],
  options: LayoutOptions = {},
): N[] {
  return applyLayout(
    nodes,
    computeLayout(toLayoutInput(nodes, edges, options)),
  );
}
