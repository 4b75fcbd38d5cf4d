/*
 * Applies the graph tools to a graph before it is drawn: hide removes what an expression
 * matches (and the edges of hidden nodes, and nodes left without edges by hidden edges), hide
 * idle removes trafficless edges and nodes, find marks what its expression matches. The page's
 * own (focus) nodes are never hidden, so the graph never loses its subject.
 */
import type { MeshEdge, MeshGraph } from '@mesh-portal/plugin-mesh-common';
import { compileFind, NodeFacts } from './evaluate';

export interface GraphTools {
  find?: string;
  hide?: string;
  hideIdle?: boolean;
}

export interface FilteredGraph<G extends Pick<MeshGraph, 'nodes' | 'edges'>> {
  graph: G;
  found: { nodes: Set<string>; edges: Set<string> };
  findError?: string;
  hideError?: string;
  hiddenNodes: number;
  hiddenEdges: number;
}

const edgeIdle = (edge: MeshEdge) =>
  edge.protocol === 'tcp' ? !(edge.bytesPerSecond! > 0) : !(edge.rps > 0);

export function nodeFacts(
  graph: Pick<MeshGraph, 'nodes' | 'edges'>,
): Map<string, NodeFacts> {
  const focusNamespaces = new Set(
    graph.nodes.filter(n => n.isFocus).map(n => n.namespace),
  );
  const busy = new Set<string>();
  for (const edge of graph.edges) {
    if (!edgeIdle(edge)) {
      busy.add(edge.source);
      busy.add(edge.target);
    }
  }
  return new Map(
    graph.nodes.map(node => [
      node.id,
      {
        node,
        idle: !busy.has(node.id) && !(node.rpsIn! > 0) && !(node.rpsOut! > 0),
        outside:
          focusNamespaces.size > 0 &&
          node.namespace !== '' &&
          !focusNamespaces.has(node.namespace),
      },
    ]),
  );
}

const describe = (what: string, error: string, position: number) =>
  `${what}: ${error} (at character ${position + 1})`;

export function applyGraphTools<G extends Pick<MeshGraph, 'nodes' | 'edges'>>(
  graph: G,
  { find, hide, hideIdle }: GraphTools,
): FilteredGraph<G> {
  const facts = nodeFacts(graph);
  const hiddenNodes = new Set<string>();
  const hiddenEdges = new Set<string>();
  let hideError: string | undefined;
  let findError: string | undefined;

  if (hideIdle) {
    graph.edges.filter(edgeIdle).forEach(e => hiddenEdges.add(e.id));
    for (const [id, fact] of facts) if (fact.idle) hiddenNodes.add(id);
  }
  if (hide?.trim()) {
    const compiled = compileFind(hide);
    if ('error' in compiled) {
      hideError = describe('Hide', compiled.error, compiled.position);
    } else if (compiled.target === 'node') {
      for (const [id, fact] of facts)
        if (compiled.test(fact)) hiddenNodes.add(id);
    } else {
      graph.edges
        .filter(e => compiled.test(e))
        .forEach(e => hiddenEdges.add(e.id));
    }
  }
  for (const [id, fact] of facts) if (fact.node.isFocus) hiddenNodes.delete(id);

  const edges = graph.edges.filter(
    e =>
      !hiddenEdges.has(e.id) &&
      !hiddenNodes.has(e.source) &&
      !hiddenNodes.has(e.target),
  );
  // Nodes whose every edge was hidden go too; nodes that never had edges stay.
  const hadEdges = new Set(graph.edges.flatMap(e => [e.source, e.target]));
  const hasEdges = new Set(edges.flatMap(e => [e.source, e.target]));
  const nodes = graph.nodes.filter(
    n =>
      !hiddenNodes.has(n.id) &&
      (n.isFocus || !hadEdges.has(n.id) || hasEdges.has(n.id)),
  );

  const found = { nodes: new Set<string>(), edges: new Set<string>() };
  if (find?.trim()) {
    const compiled = compileFind(find);
    if ('error' in compiled) {
      findError = describe('Find', compiled.error, compiled.position);
    } else if (compiled.target === 'node') {
      nodes
        .filter(n => compiled.test(facts.get(n.id)))
        .forEach(n => found.nodes.add(n.id));
    } else {
      edges.filter(e => compiled.test(e)).forEach(e => found.edges.add(e.id));
    }
  }

  return {
    graph: { ...graph, nodes, edges },
    found,
    findError,
    hideError,
    hiddenNodes: graph.nodes.length - nodes.length,
    hiddenEdges: graph.edges.length - edges.length,
  };
}
