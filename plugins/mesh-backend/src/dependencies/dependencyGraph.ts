/*
 * The dependency graph: the subjects and their peers as entity nodes, observed edges from the
 * traffic (declared or undeclared), and silent ones — declared, no traffic — added with no rate.
 */
import { MeshDependency, MeshGraph } from '@mesh-portal/plugin-mesh-common';
import { EntityInfo } from '../graph/appenders/linkEntities';
import { collapseGraph } from '../graph/rollup/collapseGraph';
import { entityNode, entityNodeId } from '../graph/rollup/entityNode';

export function dependencyGraph(
  graph: MeshGraph,
  subjects: Set<string>,
  dependencies: MeshDependency[],
  info: Map<string, EntityInfo>,
): MeshGraph {
  const touching = graph.edges.filter(e => {
    const refs = [
      graph.nodes.find(n => n.id === e.source)?.entityRef,
      graph.nodes.find(n => n.id === e.target)?.entityRef,
    ];
    return refs.some(r => r && subjects.has(r));
  });
  const ids = new Set(touching.flatMap(e => [e.source, e.target]));
  const collapsed = collapseGraph(
    {
      ...graph,
      nodes: graph.nodes.filter(n => ids.has(n.id)),
      edges: touching,
    },
    node =>
      node.entityRef
        ? entityNode(node.entityRef, node, info.get(node.entityRef))
        : undefined,
  );
  const driftOf = new Map<string, MeshDependency['drift']>();
  for (const d of dependencies) {
    const [from, to] =
      d.direction === 'outbound'
        ? [d.subject!, d.entityRef]
        : [d.entityRef, d.subject!];
    driftOf.set(`${entityNodeId(from)}>${entityNodeId(to)}`, d.drift);
  }
  const nodes = new Map(
    collapsed.nodes.map(n => [
      n.id,
      subjects.has(n.entityRef ?? '') ? { ...n, isFocus: true } : n,
    ]),
  );
  const edges = collapsed.edges.map(e => {
    const drift = driftOf.get(`${e.source}>${e.target}`);
    return drift ? { ...e, drift } : e;
  });
  for (const d of dependencies.filter(x => x.drift === 'silent')) {
    const [from, to] =
      d.direction === 'outbound'
        ? [d.subject!, d.entityRef]
        : [d.entityRef, d.subject!];
    for (const ref of [from, to]) {
      if (!nodes.has(entityNodeId(ref))) {
        nodes.set(entityNodeId(ref), {
          ...entityNode(ref, undefined, info.get(ref)),
          health: { status: 'no-data', reasons: [] },
          ...(subjects.has(ref) ? { isFocus: true } : {}),
        });
      }
    }
    const id = `${entityNodeId(from)}->${entityNodeId(to)}:http`;
    if (
      !edges.some(
        e => e.source === entityNodeId(from) && e.target === entityNodeId(to),
      )
    ) {
      edges.push({
        id,
        source: entityNodeId(from),
        target: entityNodeId(to),
        protocol: 'http',
        rps: 0,
        errorRate: 0,
        drift: 'silent',
      });
    }
  }
  return {
    ...collapsed,
    nodes: [...nodes.values()].sort((a, b) => a.id.localeCompare(b.id)),
    edges: edges.sort((a, b) => a.id.localeCompare(b.id)),
    errors: [],
  };
}
