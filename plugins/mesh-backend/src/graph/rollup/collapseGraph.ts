/*
 * Collapses a graph's nodes into coarser ones — workloads into the catalog entity that owns them,
 * or a whole other team into one node — for the team and overview graphs. Rates and response codes
 * add up; mTLS is re-weighted by traffic; latency quantiles cannot be added, so a merged edge keeps
 * the worst (largest) of its parts and says so in the API doc. Edges inside one collapsed node vanish.
 * Sliced work (../slicedWork): the overview collapses a whole mesh's graph (~0.15 s at 25,000 edges)
 * while a model's snapshot is prepared.
 */
import {
  mergeHealth,
  MeshEdge,
  MeshGraph,
  MeshHealth,
  MeshNode,
} from '@mesh-portal/plugin-mesh-common';
import { codeRecord } from '../codeRecord';
import { eachSliced, finish, mapSliced, SlicedWork } from '../slicedWork';

/** The node a node collapses into, or undefined to keep it as it is. */
export type CollapseKey = (
  node: MeshNode,
) => Omit<MeshNode, 'health'> | undefined;

export function collapseGraph(graph: MeshGraph, keyOf: CollapseKey): MeshGraph {
  return finish(collapseGraphOf(graph, keyOf));
}

/** {@link collapseGraph}, yielding between nodes and between edges. */
export function* collapseGraphOf(
  graph: MeshGraph,
  keyOf: CollapseKey,
): SlicedWork<MeshGraph> {
  const into = new Map<string, string>();
  const nodes = new Map<string, MeshNode>();
  yield* eachSliced(graph.nodes, node => {
    const target = keyOf(node);
    const id = target?.id ?? node.id;
    into.set(node.id, id);
    const existing = nodes.get(id);
    if (!existing) {
      nodes.set(id, target ? { ...target, health: node.health } : node);
      return;
    }
    existing.health = mergeHealth(existing.health, node.health) as MeshHealth;
    if (node.isFocus) existing.isFocus = true;
  });
  const edges = new Map<
    string,
    MeshEdge & { mtlsWeight: number; mtlsSum: number }
  >();
  yield* eachSliced(graph.edges, e => {
    const source = into.get(e.source)!;
    const target = into.get(e.target)!;
    if (source === target) return;
    const id = `${source}->${target}:${e.protocol}`;
    const weight = e.protocol === 'tcp' ? e.bytesPerSecond ?? 0 : e.rps;
    const merged = edges.get(id) ?? {
      id,
      source,
      target,
      protocol: e.protocol,
      rps: 0,
      errorRate: 0,
      mtlsWeight: 0,
      mtlsSum: 0,
    };
    merged.rps += e.rps;
    if (e.bytesPerSecond !== undefined)
      merged.bytesPerSecond = (merged.bytesPerSecond ?? 0) + e.bytesPerSecond;
    for (const [code, rps] of Object.entries(e.responses ?? {})) {
      const responses = (merged.responses ??= codeRecord());
      responses[code] = (responses[code] ?? 0) + rps;
    }
    for (const [flag, rps] of Object.entries(e.responseFlags ?? {})) {
      merged.responseFlags = {
        ...merged.responseFlags,
        [flag]: (merged.responseFlags?.[flag] ?? 0) + rps,
      };
    }
    if (e.mtls !== undefined && weight > 0) {
      merged.mtlsWeight += weight;
      merged.mtlsSum += weight * e.mtls;
    }
    for (const q of ['p50', 'p95', 'p99'] as const) {
      const v = e.latency?.[q];
      if (v !== undefined)
        merged.latency = {
          ...merged.latency,
          [q]: Math.max(v, merged.latency?.[q] ?? 0),
        };
    }
    // errorRate is recomputed below from the summed error rates.
    merged.errorRate += e.errorRate * e.rps;
    edges.set(id, merged);
  });
  const sortedNodes = [...nodes.values()].sort((a, b) =>
    a.id.localeCompare(b.id),
  );
  yield;
  return {
    ...graph,
    nodes: sortedNodes,
    edges: yield* mapSliced(
      [...edges.values()].sort((a, b) => a.id.localeCompare(b.id)),
      ({ mtlsWeight, mtlsSum, ...e }) => ({
        ...e,
        rps: round(e.rps),
        errorRate:
          e.rps > 0 ? Math.round((e.errorRate / e.rps) * 1e4) / 1e4 : 0,
        ...(mtlsWeight > 0
          ? { mtls: Math.round((mtlsSum / mtlsWeight) * 1e3) / 1e3 }
          : {}),
      }),
    ),
  };
}

const round = (v: number) => Math.round(v * 1000) / 1000;
