/*
 * Health of every node. A node that stands for a mesh object — a workload, an app, a Service — gets
 * that object's request health from ../../health/objectHealth, the computation every other view
 * reads too, merged with its workloads' replica status (./addWorkloadInfo). Only nodes that are no
 * such object (unknown callers, external hosts, ServiceEntries) are judged from the graph's own
 * edges, as Kiali's health finalizer does (Kiali semantics §3.6). In a service graph a Service
 * node also stands for the workloads behind it (their calls leave from it), so their health counts
 * too. TCP carries no response codes and never makes a node unhealthy.
 *
 * Over a whole mesh's view (the overview's graph: 25,000 edges at bench:scale's size) this step
 * held the event loop ~200 ms in one piece, so it yields between edges and nodes (../slicedWork).
 */
import {
  evaluateRequestHealth,
  evaluateWorkloadStatus,
  mergeHealth,
  MeshRequestHealthInput,
} from '@mesh-portal/plugin-mesh-common';
import { MeshObjectRef, ObjectHealth } from '../../health/objectHealth';
import { Workload } from '../../kube/workloads';
import { GraphNode, TrafficMap } from '../types';
import { codeRecord } from '../codeRecord';
import { ITEMS_PER_YIELD, SlicedWork } from '../slicedWork';

/** The mesh object a node stands for, if any: a versioned app node is its workload (Kiali). */
export function objectOfNode(node: GraphNode): MeshObjectRef | undefined {
  const { cluster, namespace } = node;
  if (namespace === 'unknown' || node.restricted) return undefined;
  if (node.workload)
    return { kind: 'workload', cluster, namespace, name: node.workload };
  if (node.type === 'app' && node.app)
    return { kind: 'app', cluster, namespace, name: node.app };
  if (node.type === 'service' && node.service && node.name !== 'unknown')
    return { kind: 'service', cluster, namespace, name: node.service };
  return undefined;
}

export function* addHealth(
  map: TrafficMap,
  objects: ObjectHealth,
  /** The workloads a Service selects (for service graphs). */
  selectedBy: (node: GraphNode) => Workload[],
): SlicedWork<void> {
  let visited = 0;
  const fromEdges = new Map<string, MeshRequestHealthInput>();
  const of = (id: string) => {
    let r = fromEdges.get(id);
    if (!r) fromEdges.set(id, (r = { inbound: {}, outbound: {} }));
    return r;
  };
  for (const e of map.edges.values()) {
    if (++visited % ITEMS_PER_YIELD === 0) yield;
    if (e.protocol === 'tcp') continue;
    // Loops over the record, no arrays made per code: this runs for every edge of every view.
    let outbound: Record<string, number> | undefined;
    let inbound: Record<string, number> | undefined;
    for (const code in e.responses) {
      if (!Object.hasOwn(e.responses, code)) continue;
      const rate = e.responses[code];
      outbound ??= of(e.source).outbound[e.protocol] ??= codeRecord();
      inbound ??= of(e.target).inbound[e.protocol] ??= codeRecord();
      outbound[code] = (outbound[code] ?? 0) + rate;
      inbound[code] = (inbound[code] ?? 0) + rate;
    }
  }
  for (const node of map.nodes.values()) {
    if (++visited % ITEMS_PER_YIELD === 0) yield;
    const object = objectOfNode(node);
    const request = object
      ? objects.health(object)
      : evaluateRequestHealth(
          fromEdges.get(node.id) ?? { inbound: {}, outbound: {} },
          objects.tolerancesFor('service', node.namespace, node.name),
        );
    node.health = node.health ? mergeHealth(node.health, request) : request;
    if (map.graphType === 'service' && object?.kind === 'service') {
      for (const w of selectedBy(node)) {
        node.health = mergeHealth(
          mergeHealth(node.health, evaluateWorkloadStatus(w.name, w)),
          objects.health({
            kind: 'workload',
            cluster: w.cluster,
            namespace: w.namespace,
            name: w.name,
          }),
        );
      }
    }
  }
}
