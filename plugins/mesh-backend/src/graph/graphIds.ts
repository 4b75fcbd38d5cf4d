/*
 * Node and edge ids from a client (`series?node=…|edge=…`) → what they select, through the one
 * node-id codec (../graph/nodeIds). Restricted ids are refused (403); anything that is not an id
 * the graph hands out is a 400 with a capped echo.
 */
import { InputError, NotAllowedError } from '@backstage/errors';
import { parseNodeIdParts } from './nodeIds';
import { PeerSelector } from '../sources/types';

export interface ParsedNode {
  id: string;
  kind: 'wl' | 'app' | 'vapp' | 'svc' | 'se' | 'unknown';
  cluster: string;
  /** What the node selects in metric labels (ServiceEntry nodes are resolved by their hosts). */
  peer: PeerSelector;
}

/** A source without identity: Istio labels its workload and namespace `unknown`. */
const UNKNOWN_PEER: PeerSelector = {
  namespace: 'unknown',
  workload: 'unknown',
};

export function parseNodeId(id: string): ParsedNode {
  const parts = parseNodeIdParts(id);
  // An opaque id stands for workloads of an entity the caller may not read (access/redactGraph):
  // their traffic is shown in the graph, but not charted on its own.
  if (parts?.kind === 'restricted')
    throw new NotAllowedError(
      'Restricted nodes belong to an entity you may not read; their traffic is not charted',
    );
  if (!parts)
    throw new InputError(
      `Invalid node id '${id.slice(
        0,
        100,
      )}': expected <wl|svc|app|vapp|se>:<cluster>:<namespace>:<name> or unknown:<cluster>`,
    );
  if (parts.kind === 'unknown')
    return { id, kind: 'unknown', cluster: parts.cluster, peer: UNKNOWN_PEER };
  const { kind, cluster, namespace, name } = parts;
  const peer: PeerSelector =
    kind === 'svc' || kind === 'se'
      ? { namespace, service: name }
      : kind === 'app'
      ? { namespace, app: name }
      : { namespace, workload: name };
  return { id, kind, cluster, peer };
}

export function parseEdgeId(id: string): {
  id: string;
  source: ParsedNode;
  target: ParsedNode;
} {
  const m = /^(.+)->(.+):(http|grpc|tcp)$/.exec(id);
  if (!m)
    throw new InputError(
      `Invalid edge id '${id.slice(
        0,
        100,
      )}': expected <node>-><node>:<http|grpc|tcp>`,
    );
  return { id, source: parseNodeId(m[1]), target: parseNodeId(m[2]) };
}
