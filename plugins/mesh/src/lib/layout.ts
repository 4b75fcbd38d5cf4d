/*
 * Positions graph nodes and routes edges with dagre, left to right, so traffic reads from callers
 * (left) to callees (right) like Kiali's default layout. Pure and deterministic: the same graph
 * always gets the same positions, so an auto-refresh does not make the picture jump.
 *
 * Edge labels are layout objects (dagre's edge-label nodes): every label gets its own slot in the
 * rank between its edge's two ends, so labels never sit on nodes or on each other, and parallel
 * or reverse edges get separate routes and labels. Edges follow the routed points, which pass
 * between nodes instead of through them (docs/graph-readability.md).
 *
 * `computeLayout` works on plain, structured-cloneable data so that it can run in a web worker
 * (layout.worker.ts) for big graphs; `applyLayout` puts its result on React Flow nodes.
 */
import { Graph, layout } from '@dagrejs/dagre';
import { Position } from '@xyflow/react';
import type { Edge, Node } from '@xyflow/react';

/** Size of a node that did not say how big it is. */
export const DEFAULT_NODE_WIDTH = 200;
export const DEFAULT_NODE_HEIGHT = 64;

/** Room around the members of a group box, and above them for its title. */
export const GROUP_PADDING = 16;
export const GROUP_TITLE_HEIGHT = 24;

/**
 * Network simplex ranks give the shortest edges but grow fast with the graph; from this many
 * nodes the cheaper tight-tree ranking is used (same ranks on layered graphs, see bench:ui).
 */
const NETWORK_SIMPLEX_MAX_NODES = 150;

export interface LayoutOptions {
  /** Horizontal gap between node ranks; edge labels sit in its middle. */
  rankSeparation?: number;
  /** Vertical gap between nodes of the same rank. */
  nodeSeparation?: number;
}

export interface Size {
  width: number;
  height: number;
}

/** What the layout needs to know about the graph: sizes and connections, nothing else. */
export interface LayoutInput {
  nodes: Array<{ id: string; parentId?: string } & Partial<Size>>;
  edges: Array<{ id: string; source: string; target: string; label?: Size }>;
  options?: LayoutOptions;
}

export interface Point {
  x: number;
  y: number;
}

/** Absolute top-left corner and size. */
export interface Box extends Point, Size {}

/** The path an edge takes (absolute points, source end first) and where its label goes. */
export interface EdgeRoute {
  points: Point[];
  label?: Box;
}

export interface LayoutResult {
  /** Every node (group nodes included). */
  nodes: Record<string, Box>;
  /** Every edge between laid-out nodes. */
  edges: Record<string, EdgeRoute>;
}

/** Plain code-unit order: unlike localeCompare it is the same on every machine. */
function byId(a: { id: string }, b: { id: string }): number {
  if (a.id === b.id) return 0;
  return a.id < b.id ? -1 : 1;
}

const toBox = (n: { x: number; y: number; width: number; height: number }) => ({
  x: n.x - n.width / 2,
  y: n.y - n.height / 2,
  width: n.width,
  height: n.height,
});

/** The smallest box holding all `boxes`. */
export function boundingBox(boxes: Box[]): Box | undefined {
  if (boxes.length === 0) return undefined;
  const left = Math.min(...boxes.map(b => b.x));
  const top = Math.min(...boxes.map(b => b.y));
  const right = Math.max(...boxes.map(b => b.x + b.width));
  const bottom = Math.max(...boxes.map(b => b.y + b.height));
  return { x: left, y: top, width: right - left, height: bottom - top };
}

/**
 * Lays out the graph. Nodes with a `parentId` are drawn inside their parent (a group): dagre's
 * compound layout keeps the members of a group together; the group box is then drawn around its
 * members, their internal labels, a padding and a title. Input order does not matter: nodes and
 * edges are fed to dagre sorted by id.
 */
export function computeLayout({
  nodes,
  edges,
  options = {},
}: LayoutInput): LayoutResult {
  const parents = new Set(
    nodes.map(node => node.parentId).filter(Boolean) as string[],
  );
  const grouped = parents.size > 0;
  const graph = new Graph({ multigraph: true, compound: grouped });
  graph.setGraph({
    rankdir: 'LR',
    ranksep: options.rankSeparation ?? 64,
    // Group boxes need room for their padding and title between neighbouring nodes.
    nodesep:
      options.nodeSeparation ??
      (grouped ? 2 * GROUP_PADDING + GROUP_TITLE_HEIGHT : 24),
    edgesep: 12,
    marginx: 16,
    marginy: 16 + (grouped ? GROUP_TITLE_HEIGHT : 0),
    ranker:
      nodes.length > NETWORK_SIMPLEX_MAX_NODES
        ? 'tight-tree'
        : 'network-simplex',
  });
  graph.setDefaultEdgeLabel(() => ({}));

  const sorted = [...nodes].sort(byId);
  for (const node of sorted) {
    graph.setNode(
      node.id,
      parents.has(node.id)
        ? {}
        : {
            width: node.width ?? DEFAULT_NODE_WIDTH,
            height: node.height ?? DEFAULT_NODE_HEIGHT,
          },
    );
  }
  for (const node of sorted) {
    if (node.parentId && graph.hasNode(node.parentId)) {
      graph.setParent(node.id, node.parentId);
    }
  }
  const routed = [...edges]
    .sort(byId)
    .filter(
      edge =>
        !parents.has(edge.source) &&
        !parents.has(edge.target) &&
        graph.hasNode(edge.source) &&
        graph.hasNode(edge.target),
    );
  for (const edge of routed) {
    graph.setEdge(
      edge.source,
      edge.target,
      edge.label
        ? { width: edge.label.width, height: edge.label.height, labelpos: 'c' }
        : {},
      edge.id,
    );
  }

  layout(graph);

  const result: LayoutResult = { nodes: {}, edges: {} };
  for (const node of nodes) {
    if (!parents.has(node.id))
      result.nodes[node.id] = toBox(graph.node(node.id));
  }
  for (const edge of routed) {
    const laid = graph.edge({ v: edge.source, w: edge.target, name: edge.id });
    const points: Point[] = (laid.points ?? []).map(({ x, y }: Point) => ({
      x,
      y,
    }));
    if (edge.source !== edge.target && points.length >= 2) {
      points[0] = onSide(result.nodes[edge.source], points[1]);
      points[points.length - 1] = onSide(
        result.nodes[edge.target],
        points[points.length - 2],
      );
    }
    result.edges[edge.id] = {
      points,
      label: edge.label && laid.x !== undefined ? toBox(laid) : undefined,
    };
  }
  placeGroups(nodes, routed, result);
  return result;
}

/** Gap kept between an edge's end and a node's corner. */
const CORNER_GAP = 6;

/**
 * Where an edge heading for `next` leaves (or enters) `box`: on its left or right side, as the
 * graph flows left to right, rather than dagre's centre-line intersection, which lands on the
 * top or bottom border of wide boxes and makes arrows stab into the node's text.
 */
function onSide(box: Box, next: Point): Point {
  const y = Math.min(
    box.y + box.height - CORNER_GAP,
    Math.max(box.y + CORNER_GAP, next.y),
  );
  if (next.x >= box.x + box.width) return { x: box.x + box.width, y };
  if (next.x <= box.x) return { x: box.x, y };
  return next.y < box.y
    ? { x: next.x, y: box.y }
    : { x: next.x, y: box.y + box.height };
}

/**
 * Group boxes, innermost first: the members, the labels of edges inside the group, a padding
 * and a title band on top.
 */
function placeGroups(
  nodes: LayoutInput['nodes'],
  edges: LayoutInput['edges'],
  result: LayoutResult,
) {
  const parentOf = new Map(nodes.map(n => [n.id, n.parentId]));
  const depth = (id: string): number => {
    const parent = parentOf.get(id);
    return parent ? 1 + depth(parent) : 0;
  };
  const groups = [...new Set(nodes.map(n => n.parentId))]
    .filter((id): id is string => Boolean(id) && parentOf.has(id!))
    .sort((a, b) => depth(b) - depth(a));
  for (const group of groups) {
    const members = nodes
      .filter(n => n.parentId === group)
      .map(n => result.nodes[n.id])
      .filter(Boolean);
    const inside = new Set(
      nodes.filter(n => n.parentId === group).map(n => n.id),
    );
    const labels = edges
      .filter(e => inside.has(e.source) && inside.has(e.target))
      .map(e => result.edges[e.id]?.label)
      .filter((label): label is Box => Boolean(label));
    const content = boundingBox([...members, ...labels]);
    if (!content) continue;
    result.nodes[group] = {
      x: content.x - GROUP_PADDING,
      y: content.y - GROUP_PADDING - GROUP_TITLE_HEIGHT,
      width: content.width + 2 * GROUP_PADDING,
      height: content.height + 2 * GROUP_PADDING + GROUP_TITLE_HEIGHT,
    };
  }
}

/** What a React Flow node carries for the layout: its measured size, when known. */
export type SizedNode = Node & { data?: { size?: Size } };

/** The part of a React Flow node and edge list the layout reads. */
export function toLayoutInput(
  nodes: SizedNode[],
  edges: Array<Edge & { data?: { labelSize?: Size } }>,
  options?: LayoutOptions,
): LayoutInput {
  return {
    nodes: nodes.map(({ id, parentId, data }) => ({
      id,
      ...(parentId ? { parentId } : {}),
      ...(data?.size ?? {}),
    })),
    edges: edges.map(({ id, source, target, data }) => ({
      id,
      source,
      target,
      ...(data?.labelSize ? { label: data.labelSize } : {}),
    })),
    options,
  };
}

/**
 * Returns copies of `nodes` placed at `positions`. React Flow positions children relative to
 * their parent, so a child's absolute position is shifted by its parent's; every node gets the
 * size the layout reserved for it.
 */
export function applyLayout<N extends Node>(
  nodes: N[],
  positions: Record<string, Box>,
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
      // The size the node's DOM box will have: React Flow measures every node it mounts and
      // re-renders all nodes and edges in view when a size differs from `measured` (a long task
      // on big graphs, see `npm run bench:ui`); given here, its measurement changes nothing.
      measured: { width: box.width, height: box.height },
      // Where edges attach (the graph's nodes have one target handle left, one source right):
      // with size and handles known, React Flow draws edges without measuring the nodes in the
      // DOM first, and can leave nodes outside the viewport unrendered (MeshGraph).
      handles: [
        { type: 'target', position: Position.Left, x: 0, y: box.height / 2 },
        {
          type: 'source',
          position: Position.Right,
          x: box.width,
          y: box.height / 2,
        },
      ],
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
    computeLayout(toLayoutInput(nodes, edges, options)).nodes,
  );
}
