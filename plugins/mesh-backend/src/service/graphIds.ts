/*
 * Parses the node and edge ids the graph hands out (`wl:<cluster>:<ns>:<workload>`,
 * `svc:…`, `app:…`, `vapp:…`, and `<node>-><node>:<protocol>`) back into what they select. Every part
 * must be a Kubernetes-style name, so an id from a client can only ever select a peer by name.
 */
import { InputError, NotAllowedError } from '@backstage/errors';
import { RESTRICTED_PREFIX } from '../access/redactGraph';
import { PeerSelector } from '../sources/types';

const PART = '[a-z0-9]([-a-z0-9.]{0,251}[a-z0-9])?';
const NODE = new RegExp(`^(wl|svc|app|vapp):(${PART}):(${PART}):(${PART})$`);

export interface ParsedNode {
  id: string;
  cluster: string;
  peer: PeerSelector;
}

export function parseNodeId(id: string): ParsedNode {
  // An opaque id stands for workloads of an entity the caller may not read (access/redactGraph):
  // their traffic is shown in the graph, but not charted on its own.
  if (id.startsWith(RESTRICTED_PREFIX))
    throw new NotAllowedError(
      'Restricted nodes belong to an entity you may not read; their traffic is not charted',
    );
  const m = NODE.exec(id);
  if (!m)
    throw new InputError(
      `Invalid node id '${id.slice(
        0,
        100,
      )}': expected <wl|svc|app|vapp>:<cluster>:<namespace>:<name>`,
    );
  const [, type, cluster, , namespace, , name] = m;
  const peer: PeerSelector =
    type === 'svc'
      ? { namespace, service: name }
      : type === 'app'
      ? { namespace, app: name }
      : { namespace, workload: name };
  return { id, cluster, peer };
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
