import { useEffect, useMemo, useState } from 'react';
import type { Edge, Node } from '@xyflow/react';
import type { Viewport } from '../lib/viewport';

/** Nodes, then edges, handed to React Flow per animation frame while a big graph mounts. */
export const NODES_PER_FRAME = 8;
export const EDGES_PER_FRAME = 24;

export interface ProgressiveMount<N extends Node, E extends Edge> {
  nodes?: N[];
  edges: E[];
  /**
   * Every node and edge is handed over, a frame ago: time for what draws the whole graph (the
   * minimap). The canvas says so in `data-mesh-graph-drawn`.
   */
  done: boolean;
}

interface Plan {
  /** Node ids shown after each step, in view first. */
  nodeSteps: Set<string>[];
  /** Edge ids shown after each step of edges (after all node steps). */
  edgeSteps: Set<string>[];
}

function inView(
  node: Node,
  parents: Map<string, Node>,
  view: { x: number; y: number; width: number; height: number },
): boolean {
  const parent = node.parentId ? parents.get(node.parentId) : undefined;
  const x = node.position.x + (parent?.position.x ?? 0);
  const y = node.position.y + (parent?.position.y ?? 0);
  return (
    x < view.x + view.width &&
    x + (node.width ?? 0) > view.x &&
    y < view.y + view.height &&
    y + (node.height ?? 0) > view.y
  );
}

/**
 * The order a big graph is handed over in: the nodes in the first view in steps of
 * NODES_PER_FRAME (group boxes with the first step, as children need their parent), then the
 * edges touching them in steps of EDGES_PER_FRAME; then the other nodes, then the other edges,
 * which React Flow does not render until panned into view (`onlyRenderVisibleElements`) but
 * still has to take in.
 */
function plan(
  nodes: Node[],
  edges: Edge[],
  viewport: Viewport,
  size: { width: number; height: number },
): Plan {
  const view = {
    x: -viewport.x / viewport.zoom,
    y: -viewport.y / viewport.zoom,
    width: size.width / viewport.zoom,
    height: size.height / viewport.zoom,
  };
  const byId = new Map(nodes.map(n => [n.id, n]));
  const parentIds = new Set(nodes.map(n => n.parentId).filter(Boolean));
  const parents = nodes.filter(n => parentIds.has(n.id)).map(n => n.id);
  const visible = nodes
    .filter(n => !parentIds.has(n.id) && inView(n, byId, view))
    .map(n => n.id);
  const nodeSteps: Set<string>[] = [];
  for (let i = 0; i < Math.max(visible.length, 1); i += NODES_PER_FRAME) {
    nodeSteps.push(
      new Set([...parents, ...visible.slice(0, i + NODES_PER_FRAME)]),
    );
  }
  const shown = nodeSteps[nodeSteps.length - 1];
  const touching = edges
    .filter(e => shown.has(e.source) || shown.has(e.target))
    .map(e => e.id);
  const edgeSteps: Set<string>[] = [];
  for (let i = 0; i < touching.length; i += EDGES_PER_FRAME) {
    edgeSteps.push(new Set(touching.slice(0, i + EDGES_PER_FRAME)));
  }
  return { nodeSteps, edgeSteps };
}

/**
 * Hands a big graph to React Flow a few elements per animation frame. React Flow renders its
 * nodes and edges synchronously from its store, so the first view of a 500-node graph (about
 * 40 nodes, 100 edges) was one task of 140–440 ms on a loaded machine (`npm run bench:ui`);
 * in steps, no frame waits for more than a step. Small graphs (`progressive` false) are handed
 * over at once. A new `key` (topology) starts again; new arrays of the same topology (selection,
 * highlights) apply to the current step.
 */
export function useProgressiveMount<N extends Node, E extends Edge>(
  nodes: N[] | undefined,
  edges: E[],
  key: string,
  start: { viewport?: Viewport; size?: { width: number; height: number } },
  progressive: boolean,
): ProgressiveMount<N, E> {
  const [step, setStep] = useState({ key, value: 0 });
  const current = step.key === key ? step.value : 0;
  const { viewport, size } = start;
  const steps = useMemo(
    () =>
      progressive && nodes && viewport && size
        ? plan(nodes, edges, viewport, size)
        : undefined,
    // Planned once per topology, from where the flow starts.
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [key, progressive, Boolean(nodes && viewport && size)],
  );
  // The planned steps, all nodes with the edges so far, everything, then the whole-graph extras.
  const total = steps ? steps.nodeSteps.length + steps.edgeSteps.length + 2 : 0;
  const done = !steps || current >= total;

  useEffect(() => {
    if (done) return undefined;
    const frame = requestAnimationFrame(() =>
      setStep({ key, value: current + 1 }),
    );
    return () => cancelAnimationFrame(frame);
  }, [done, key, current]);

  return useMemo(() => {
    if (done || !steps || !nodes) return { nodes, edges, done: true };
    if (current >= total - 1) return { nodes, edges, done: false };
    const nodeStep = Math.min(current, steps.nodeSteps.length - 1);
    const shownNodes = steps.nodeSteps[nodeStep];
    const edgeStep = current - steps.nodeSteps.length;
    const shownEdges =
      edgeStep >= 0
        ? steps.edgeSteps[Math.min(edgeStep, steps.edgeSteps.length - 1)]
        : undefined;
    const allNodes = current >= total - 2;
    return {
      nodes: allNodes ? nodes : nodes.filter(n => shownNodes.has(n.id)),
      edges: shownEdges ? edges.filter(e => shownEdges.has(e.id)) : [],
      done: false,
    };
  }, [done, steps, nodes, edges, current, total]);
}
