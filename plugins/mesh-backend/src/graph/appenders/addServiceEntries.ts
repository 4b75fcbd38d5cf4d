/*
 * Kiali's serviceEntry appender: service nodes whose host a ServiceEntry declares become that
 * ServiceEntry's node — all hosts of one ServiceEntry are one node, so calls to
 * `www.googleapis.com` and `storage.googleapis.com` through the same entry meet in one place.
 * MESH_EXTERNAL entries (the default) make an `external` node. Matching is by exact host, or by
 * wildcard (`*.googleapis.com`); for MESH_INTERNAL entries also by the host's first DNS label, as
 * Kiali does for short names.
 */
import { IstioObject } from '../../kube/types';
import { edgeId, GraphEdge, GraphNode, TrafficMap } from '../types';
import { nodeIds } from '../nodeIds';
import { codeRecord } from '../codeRecord';

export type ClusterServiceEntry = IstioObject & { cluster: string };

function matches(entry: ClusterServiceEntry, host: string): boolean {
  const internal = entry.spec?.location === 'MESH_INTERNAL';
  return (entry.spec?.hosts ?? []).some((h: string) => {
    if (h === host) return true;
    if (h.startsWith('*.')) return host.endsWith(h.slice(1));
    return internal && h.split('.')[0] === host.split('.')[0];
  });
}

export function addServiceEntries(
  map: TrafficMap,
  entries: ClusterServiceEntry[],
): void {
  if (entries.length === 0) return;
  const replacement = new Map<string, GraphNode>();
  for (const node of map.nodes.values()) {
    if ((node.type !== 'service' && node.type !== 'external') || !node.service)
      continue;
    const host = node.type === 'external' ? node.name : node.service;
    const entry = entries.find(
      e => e.cluster === node.cluster && matches(e, host),
    );
    if (!entry) continue;
    const namespace = entry.metadata.namespace ?? 'default';
    const location =
      entry.spec?.location === 'MESH_INTERNAL'
        ? 'MESH_INTERNAL'
        : 'MESH_EXTERNAL';
    replacement.set(node.id, {
      id: nodeIds.serviceEntry(node.cluster, namespace, entry.metadata.name),
      type: location === 'MESH_EXTERNAL' ? 'external' : 'service',
      cluster: node.cluster,
      namespace,
      name: entry.metadata.name,
      serviceEntry: {
        namespace,
        name: entry.metadata.name,
        location,
        hosts: entry.spec?.hosts ?? [],
      },
    });
  }
  if (replacement.size === 0) return;
  for (const [oldId, node] of replacement) {
    map.nodes.delete(oldId);
    map.nodes.set(node.id, node);
  }
  const merged = new Map<string, GraphEdge>();
  for (const e of map.edges.values()) {
    const source = replacement.get(e.source)?.id ?? e.source;
    const target = replacement.get(e.target)?.id ?? e.target;
    const id = edgeId(source, target, e.protocol);
    const into = merged.get(id);
    if (!into) {
      merged.set(id, {
        ...e,
        id,
        source,
        target,
        responses: codeRecord(Object.entries(e.responses)),
        responseFlags: { ...e.responseFlags },
      });
      continue;
    }
    for (const [code, rate] of Object.entries(e.responses))
      into.responses[code] = (into.responses[code] ?? 0) + rate;
    for (const [flag, rate] of Object.entries(e.responseFlags))
      into.responseFlags[flag] = (into.responseFlags[flag] ?? 0) + rate;
    into.bytesSent += e.bytesSent;
    into.bytesReceived += e.bytesReceived;
    into.mtlsRate += e.mtlsRate;
    into.securityReportedRate += e.securityReportedRate;
  }
  map.edges = merged;
}
