/*
 * Per-entity traffic figures for tables (team view, overview): what comes into the entity's
 * workloads from outside the entity, what goes out, its error rate, worst p95 and mTLS share, and
 * how many of its workloads are in the mesh. Computed from the workload-level graph; the health
 * is the entity's (../../health/entityHealth), as on its Health tab.
 */
import { Entity, stringifyEntityRef } from '@backstage/catalog-model';
import {
  MESH_HEALTH_PRIORITY,
  MeshEntityTraffic,
  MeshGraph,
  MeshHealthStatus,
} from '@mesh-portal/plugin-mesh-common';
import { Workload } from '../../kube/workloads';
import { EntityInfo } from '../appenders/linkEntities';

export function entityTraffic(
  entity: Entity,
  workloads: Workload[],
  graph: MeshGraph,
  info: EntityInfo | undefined,
  health: MeshHealthStatus,
): MeshEntityTraffic {
  const ref = stringifyEntityRef(entity);
  const spec = (entity.spec ?? {}) as { lifecycle?: string; type?: string };
  return {
    entityRef: ref,
    kind: entity.kind,
    name: entity.metadata.name,
    ...(entity.metadata.title ? { title: entity.metadata.title } : {}),
    ...(info?.owner ? { owner: info.owner } : {}),
    ...(info?.system ? { system: info.system } : {}),
    ...(spec.lifecycle ? { lifecycle: spec.lifecycle } : {}),
    ...(spec.type ? { type: spec.type } : {}),
    clusters: [...new Set(workloads.map(w => w.cluster))].sort(),
    namespaces: [...new Set(workloads.map(w => w.namespace))].sort(),
    workloads: workloads.length,
    meshedWorkloads: workloads.filter(w => w.dataplane !== 'none').length,
    ...entityTrafficFigures(ref, graph),
    // The entity's health as on its Health tab, not a merge of its nodes' colours.
    health,
  };
}

/**
 * The traffic part of {@link entityTraffic} for the nodes of entity `ref` in any workload-level
 * graph (the mesh-wide graph, or an entity's own 1-hop graph as the actions use it).
 */
export function entityTrafficFigures(
  /** The entity ref whose nodes count as its own, or a test (e.g. the focus nodes of a System). */
  ref: string | ((node: MeshGraph['nodes'][number]) => boolean),
  graph: MeshGraph,
): Pick<
  MeshEntityTraffic,
  'health' | 'rpsIn' | 'rpsOut' | 'errorRateIn' | 'p95In' | 'mtlsIn'
> {
  const isOwn =
    typeof ref === 'string'
      ? (n: { entityRef?: string }) => n.entityRef === ref
      : ref;
  const own = new Set(graph.nodes.filter(isOwn).map(n => n.id));
  const inbound = graph.edges.filter(
    e => own.has(e.target) && !own.has(e.source),
  );
  const outbound = graph.edges.filter(
    e => own.has(e.source) && !own.has(e.target),
  );
  const sum = (
    edges: typeof inbound,
    f: (e: (typeof inbound)[number]) => number,
  ) => edges.reduce((a, e) => a + f(e), 0);
  const rpsIn = sum(inbound, e => e.rps);
  const errorsIn = sum(inbound, e => e.rps * e.errorRate);
  const weighted = inbound.filter(e => e.mtls !== undefined);
  const weight = sum(weighted, e =>
    e.protocol === 'tcp' ? e.bytesPerSecond ?? 0 : e.rps,
  );
  const p95s = inbound
    .map(e => e.latency?.p95)
    .filter((v): v is number => v !== undefined);
  let health: MeshHealthStatus = 'no-data';
  for (const n of graph.nodes.filter(x => own.has(x.id))) {
    if (MESH_HEALTH_PRIORITY[n.health.status] > MESH_HEALTH_PRIORITY[health])
      health = n.health.status;
  }
  return {
    health,
    rpsIn: Math.round(rpsIn * 1000) / 1000,
    rpsOut: Math.round(sum(outbound, e => e.rps) * 1000) / 1000,
    errorRateIn: rpsIn > 0 ? Math.round((errorsIn / rpsIn) * 1e4) / 1e4 : null,
    p95In: p95s.length ? Math.max(...p95s) : null,
    mtlsIn:
      weight > 0
        ? Math.round(
            (sum(
              weighted,
              e =>
                (e.protocol === 'tcp' ? e.bytesPerSecond ?? 0 : e.rps) *
                e.mtls!,
            ) /
              weight) *
              1000,
          ) / 1000
        : null,
  };
}

/**
 * Each entity's own nodes and the edges touching them, in the graph's order, from one pass over
 * the graph: {@link entityTrafficFigures} of an entity over its part answers as over the whole
 * graph, so the overview's rows cost the graph once, not once per entity (at 5,000 entities and
 * 25,000 edges that was 250 million edge visits per request).
 */
export function entityParts(graph: MeshGraph): (ref: string) => MeshGraph {
  const refOf = new Map<string, string>();
  const parts = new Map<string, Pick<MeshGraph, 'nodes' | 'edges'>>();
  const part = (ref: string) => {
    let found = parts.get(ref);
    if (!found) parts.set(ref, (found = { nodes: [], edges: [] }));
    return found;
  };
  for (const node of graph.nodes)
    if (node.entityRef) {
      refOf.set(node.id, node.entityRef);
      part(node.entityRef).nodes.push(node);
    }
  for (const edge of graph.edges) {
    const source = refOf.get(edge.source);
    const target = refOf.get(edge.target);
    if (source) part(source).edges.push(edge);
    if (target && target !== source) part(target).edges.push(edge);
  }
  return ref => ({ ...graph, ...(parts.get(ref) ?? { nodes: [], edges: [] }) });
}
