import { useEffect, useMemo, useState } from 'react';
import type { Edge, Node } from '@xyflow/react';
import { applyLayout, LayoutPositions, toLayoutInput } from '../lib/layout';
import { runLayout } from '../lib/layoutRunner';

/** Name of the performance measure recorded for each layout (read by `npm run bench:ui`). */
export const LAYOUT_MEASURE = 'mesh-graph-layout';

export interface FlowLayout<N extends Node> {
  /** Positioned nodes; undefined until the first layout of this topology is done. */
  nodes?: N[];
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

/** What decides positions: node ids, their groups, and who is connected to whom. */
function topologyKey(nodes: Node[], edges: Edge[]): string {
  const nodeKeys = nodes.map(n => `${n.id}<${n.parentId ?? ''}`).sort();
  const edgeKeys = edges.map(e => `${e.source}>${e.target}`).sort();
  return `${nodeKeys.join('\n')}\n\n${edgeKeys.join('\n')}`;
}

/**
 * Lays out nodes off the render path (see layoutRunner). Positions are cached by topology: a
 * refresh that only changes the numbers on nodes and edges reuses them at once, so the picture
 * neither jumps nor waits. A layout still running when the graph changes is cancelled.
 */
export function useFlowLayout<N extends Node>(
  nodes: N[],
  edges: Edge[],
): FlowLayout<N> {
  const key = useMemo(() => topologyKey(nodes, edges), [nodes, edges]);
  const [done, setDone] = useState<{
    key: string;
    positions: LayoutPositions;
  }>();
  const [failure, setFailure] = useState<{ key: string; error: Error }>();

  const current = done?.key === key ? done.positions : undefined;

  useEffect(() => {
    if (current) return undefined;
    const started = performance.now();
    const job = runLayout(toLayoutInput(nodes, edges));
    job.result.then(
      positions => {
        recordLayoutTime(started, {
          nodes: nodes.length,
          inWorker: job.inWorker,
        });
        setDone({ key, positions });
      },
      error => setFailure({ key, error }),
    );
    return () => job.cancel();
    // Only a new topology needs a new layout; `nodes`/`edges` of the same key lay out the same.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [key, Boolean(current)]);

  const positioned = useMemo(
    () => (current ? applyLayout(nodes, current) : undefined),
    [nodes, current],
  );

  return {
    nodes: positioned,
    pending: !current,
    error: failure?.key === key ? failure.error : undefined,
  };
}
