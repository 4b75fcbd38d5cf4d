/*
 * What the mesh observed: traffic between the subject's workloads and other entities' workloads,
 * summed per other entity, plus traffic with workloads no entity owns. Ingress gateways and clients
 * without mesh identity are infrastructure, not catalog candidates, so they are left out.
 */
import { MeshGraph, MeshNode } from '@mesh-portal/plugin-mesh-common';

export interface Observed {
  rps: number;
  bytesPerSecond: number;
  errorRps: number;
}

export interface ObservedDependencies {
  outbound: Map<string, Observed>;
  inbound: Map<string, Observed>;
  /** Node id → traffic, for nodes without an entity. */
  unknownOutbound: Map<string, Observed>;
  unknownInbound: Map<string, Observed>;
}

// Restricted nodes have an owner, one the caller may not read (access/redactGraph): not a candidate.
const isCandidate = (n: MeshNode | undefined) =>
  !!n &&
  !n.entityRef &&
  !n.restricted &&
  !n.isGateway &&
  n.type !== 'unknown' &&
  n.type !== 'external';

export function observedFor(
  subject: string,
  graph: MeshGraph,
): ObservedDependencies {
  const nodes = new Map(graph.nodes.map(n => [n.id, n]));
  const result: ObservedDependencies = {
    outbound: new Map(),
    inbound: new Map(),
    unknownOutbound: new Map(),
    unknownInbound: new Map(),
  };
  const add = (
    map: Map<string, Observed>,
    key: string,
    e: MeshGraph['edges'][number],
  ) => {
    const o = map.get(key) ?? { rps: 0, bytesPerSecond: 0, errorRps: 0 };
    o.rps += e.rps;
    o.bytesPerSecond += e.bytesPerSecond ?? 0;
    o.errorRps += e.rps * e.errorRate;
    map.set(key, o);
  };
  for (const e of graph.edges) {
    const source = nodes.get(e.source);
    const target = nodes.get(e.target);
    const fromSubject = source?.entityRef === subject;
    const toSubject = target?.entityRef === subject;
    if (fromSubject === toSubject) continue; // inside the subject, or not touching it
    const peer = fromSubject ? target : source;
    if (peer?.entityRef)
      add(fromSubject ? result.outbound : result.inbound, peer.entityRef, e);
    else if (isCandidate(peer))
      add(
        fromSubject ? result.unknownOutbound : result.unknownInbound,
        peer!.id,
        e,
      );
  }
  return result;
}
