/*
 * Resolves the selected graph element (from the URL) against the graph on screen, and derives
 * what the side panel shows about it. Pure.
 */
import type {
  MeshEdge,
  MeshGraph,
  MeshNode,
} from '@mesh-portal/plugin-mesh-common';
import { traceServiceName } from './traces';
import { GraphSelection } from './viewState';

export type SelectedElement =
  | { kind: 'node'; node: MeshNode }
  | { kind: 'edge'; edge: MeshEdge; source?: MeshNode; target?: MeshNode };

/** The selected node or edge, or undefined when it is not (or no longer) in the graph. */
export function findSelected(
  graph: Pick<MeshGraph, 'nodes' | 'edges'>,
  selection: GraphSelection | undefined,
): SelectedElement | undefined {
  if (!selection) return undefined;
  const nodeById = (id: string) => graph.nodes.find(node => node.id === id);
  if (selection.kind === 'node') {
    const node = nodeById(selection.id);
    return node && { kind: 'node', node };
  }
  const edge = graph.edges.find(e => e.id === selection.id);
  return (
    edge && {
      kind: 'edge',
      edge,
      source: nodeById(edge.source),
      target: nodeById(edge.target),
    }
  );
}

/**
 * Share of a node's inbound traffic that its servers saw as mTLS, weighted by rate (bytes for
 * TCP edges); undefined when no inbound edge reported it.
 */
export function inboundMtlsShare(
  graph: Pick<MeshGraph, 'edges'>,
  nodeId: string,
): number | undefined {
  let weighted = 0;
  let total = 0;
  for (const edge of graph.edges) {
    if (edge.target !== nodeId || edge.mtls === undefined) continue;
    const weight =
      edge.protocol === 'tcp' ? edge.bytesPerSecond ?? 0 : edge.rps;
    weighted += edge.mtls * weight;
    total += weight;
  }
  return total > 0 ? weighted / total : undefined;
}

/** Tracing services whose traces show this element: the node's, or both ends of the edge. */
export function traceServicesOf(selected: SelectedElement): string[] {
  const nodes =
    selected.kind === 'node'
      ? [selected.node]
      : [selected.source, selected.target];
  return nodes
    .map(node => node && traceServiceName(node))
    .filter((s): s is string => Boolean(s));
}
