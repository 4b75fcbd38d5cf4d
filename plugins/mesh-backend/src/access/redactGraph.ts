/*
 * Withholds, from a graph, the nodes whose workloads belong to catalog entities the caller may not
 * read. Such a node becomes an anonymous "restricted" node: no namespace, name, workload, app,
 * version, service or entity link, and an opaque id; its traffic (edges with their rates, error
 * rates, latency and mTLS) and its health colour are kept, because the caller's own service talks
 * to it and its numbers are the caller's numbers too. The focus (the entity the caller asked for)
 * is withheld only where a hidden entity claims its workloads too (fail closed).
 *
 * A node is withheld when ANY workload behind it is hidden: an app node or a Service that mixes a
 * hidden entity's workloads with others would otherwise name the hidden ones. Nodes no entity owns
 * (gateways, out-of-mesh clients, external hosts) keep their names, unless the inventory could not
 * be read and some entity is hidden: then a workload or app node that cannot be resolved may be a
 * hidden one, and it is withheld too (`restrictUnresolved`).
 */
import { createHmac, randomBytes } from 'crypto';
import { MeshEdge, MeshGraph, MeshNode } from '@mesh-portal/plugin-mesh-common';
import {
  backingWorkloads,
  WorkloadIndex,
} from '../graph/appenders/workloadsOfNode';
import { RESTRICTED_PREFIX } from '../graph/nodeIds';
import { edgeId } from '../graph/types';
import { Service } from '../kube/types';
import { workloadKey } from '../mapping/mapEntity';
import { WorkloadVisibility } from '../scope/ownedWorkloads';

/**
 * Key of the opaque ids: random per process, so an id cannot be reversed by hashing guessed names.
 * Ids are stable while the process runs (the UI keeps its layout between refreshes); replicas of a
 * backend hand out different ids for the same node, which only costs a re-layout.
 */
const ID_KEY = randomBytes(32);

export function restrictedNodeId(id: string): string {
  return `${RESTRICTED_PREFIX}${createHmac('sha256', ID_KEY)
    .update(id)
    .digest('hex')
    .slice(0, 20)}`;
}

export interface RedactionInput {
  visibility: WorkloadVisibility;
  workloads: WorkloadIndex;
  services: Array<Service & { cluster: string }>;
  /** Withhold workload and app nodes that match no known workload (see the file comment). */
  restrictUnresolved: boolean;
}

export function isWithheld(node: MeshNode, input: RedactionInput): boolean {
  if (node.restricted) return false;
  const backing = backingWorkloads(node, input.workloads, input.services);
  // Even in the focus: a workload any hidden entity claims stays hidden (fail closed), whichever
  // readable entity's selector also matches it.
  if (backing.some(w => input.visibility.isHidden(workloadKey(w)))) return true;
  if (node.isFocus) return false;
  return (
    input.restrictUnresolved &&
    backing.length === 0 &&
    (node.type === 'workload' || node.type === 'app')
  );
}

/** What is left of a withheld node: only what its traffic already says. */
function anonymous(node: MeshNode): MeshNode {
  const { status, errorRatio } = node.health;
  return {
    id: restrictedNodeId(node.id),
    type: node.type,
    cluster: node.cluster,
    namespace: '',
    name: 'restricted',
    restricted: true,
    // Reasons can name workloads (replica status); the colour and ratio come from the edges.
    health: {
      status,
      reasons: [],
      ...(errorRatio !== undefined ? { errorRatio } : {}),
    },
    ...(node.isRoot ? { isRoot: true } : {}),
    ...(node.isOutOfMesh ? { isOutOfMesh: true } : {}),
    ...(node.rpsIn !== undefined ? { rpsIn: node.rpsIn } : {}),
    ...(node.rpsOut !== undefined ? { rpsOut: node.rpsOut } : {}),
  };
}

/** The graph with withheld nodes anonymised and edges re-pointed; unchanged when nothing is withheld. */
export function redactGraph<G extends MeshGraph>(
  graph: G,
  input: RedactionInput,
): G {
  const renamed = new Map<string, string>();
  const nodes = graph.nodes.map(node => {
    if (!isWithheld(node, input)) return node;
    const replacement = anonymous(node);
    renamed.set(node.id, replacement.id);
    return replacement;
  });
  if (renamed.size === 0) return graph;
  const id = (nodeId: string) => renamed.get(nodeId) ?? nodeId;
  const edges: MeshEdge[] = graph.edges.map(e =>
    renamed.has(e.source) || renamed.has(e.target)
      ? {
          ...e,
          id: edgeId(id(e.source), id(e.target), e.protocol),
          source: id(e.source),
          target: id(e.target),
        }
      : e,
  );
  return {
    ...graph,
    nodes: nodes.sort((a, b) => a.id.localeCompare(b.id)),
    edges: edges.sort((a, b) => a.id.localeCompare(b.id)),
  };
}
