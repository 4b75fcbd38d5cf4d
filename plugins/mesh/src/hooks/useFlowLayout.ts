import { startTransition, useEffect, useMemo, useState } from 'react';
import type { Edge, Node } from '@xyflow/react';
import {
  applyLayout,
  EdgeRoute,
  LayoutResult,
  Size,
  toLayoutInput,
} from '../lib/layout';
import { runLayout } from '../lib/layoutRunner';

/** Name of the performance measure recorded for each layout (read by `npm run bench:ui`). */
export const LAYOUT_MEASURE = 'mesh-graph-layout';

type SizedNode = Node & { data?: { size?: Size } };
type LabelledEdge = Edge & { data?: { labelSize?: Size } };

export interface FlowLayout<N extends Node> {
  /** Positioned nodes; undefined until the first layout of this topology is done. */
  nodes?: N[];
  /** Route and label box of every edge, by id. */
  routes?: Record<string, EdgeRoute>;
  pending: boolean;
  error?: Error;
}

/** Leaves a performance entry for profiling and the UI benchmark; optional where unsupported. */
function recordLayoutTime(
  start: number,
  detail: { nodes: number; inWorker: boolean },
) {
  try {
    performance.measure(LAYOUT_MEASURE, {
      start,
      end: performance.now(),
      detail,
    });
  } catch {
    // Older browsers and jsdom lack measure options; the measure is diagnostic only.
  }
}

/** What decides positions apart from sizes: node ids, their groups, who connects to whom. */
function topologyKey(nodes: Node[], edges: Edge[]): string {
  const nodeKeys = nodes.map(n => `${n.id}<${n.parentId ?? ''}`).sort();
  const edgeKeys = edges.map(e => `${e.id}:${e.source}>${e.target}`).sort();
  return `${nodeKeys.join('\n')}\n\n${edgeKeys.join('\n')}`;
}

const fits = (needed: Size | undefined, reserved: Size | undefined) =>
  !needed ||
  (reserved !== undefined &&
    needed.width <= reserved.width &&
    needed.height <= reserved.height);

/**
 * Whether a layout still holds everything: a refresh whose numbers got no wider keeps the
 * positions (the picture neither jumps nor waits); a label that needs more room than reserved
 * means a new layout, or it would overlap its neighbours.
 */
function layoutFits(
  result: LayoutResult,
  nodes: SizedNode[],
  edges: LabelledEdge[],
): boolean {
  return (
    nodes.every(n => !n.data?.size || fits(n.data.size, result.nodes[n.id])) &&
    edges.every(e => fits(e.data?.labelSize, result.edges[e.id]?.label))
  );
}

/**
 * Lays out nodes and routes edges off the render path (see layoutRunner). A layout is reused
 * while the topology is the same and every node and label still fits its reserved room. A layout
 * still running when the graph changes is cancelled.
 */
export function useFlowLayout<N extends SizedNode>(
  nodes: N[],
  edges: LabelledEdge[],
): FlowLayout<N> {
  const key = useMemo(() => topologyKey(nodes, edges), [nodes, edges]);
  const [done, setDone] = useState<{ key: string; result: LayoutResult }>();
  const [failure, setFailure] = useState<{ key: string; error: Error }>();

  const current =
    done?.key === key && layoutFits(done.result, nodes, edges)
      ? done.result
      : undefined;

  useEffect(() => {
    if (current) return undefined;
    const started = performance.now();
    const job = runLayout(toLayoutInput(nodes, edges));
    job.result.then(
      result => {
        recordLayoutTime(started, {
          nodes: nodes.length,
          inWorker: job.inWorker,
        });
        // Big graphs (laid out in the worker) render in a transition: React renders their
        // hundreds of nodes in slices, so the page keeps answering input (see bench:ui).
        if (job.inWorker) startTransition(() => setDone({ key, result }));
        else setDone({ key, result });
      },
      error => setFailure({ key, error }),
    );
    return () => job.cancel();
    // A new layout only when the topology changes or something outgrew its room.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [key, Boolean(current)]);

  // While a grown label is laid out again, the previous positions of the same graph stay drawn.
  const shown = current ?? (done?.key === key ? done.result : undefined);
  const positioned = useMemo(
    () => (shown ? applyLayout(nodes, shown.nodes) : undefined),
    [nodes, shown],
  );

  return {
    nodes: positioned,
    routes: shown?.edges,
    pending: !current,
    error: failure?.key === key ? failure.error : undefined,
  };
}
