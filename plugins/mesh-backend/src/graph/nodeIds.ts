/*
 * The one codec of graph node ids: every id the graph hands out is made here, and every id a client
 * sends back is parsed here. `wl:`, `app:`, `vapp:`, `svc:` and `se:` are
 * `<prefix>:<cluster>:<namespace>:<name>` (a versioned app is keyed by its workload); `unknown:` is
 * `unknown:<cluster>` (a source without identity, kiali-semantics §2.4); `restricted:` ids are
 * opaque (access/redactGraph). Parsed parts must be Kubernetes-style names, so an id from a client
 * can only ever select a peer by name.
 */
export type NodeIdKind = 'wl' | 'app' | 'vapp' | 'svc' | 'se' | 'unknown';

export const RESTRICTED_PREFIX = 'restricted:';

export const nodeIds = {
  workload: (cluster: string, namespace: string, name: string) =>
    `wl:${cluster}:${namespace}:${name}`,
  app: (cluster: string, namespace: string, app: string) =>
    `app:${cluster}:${namespace}:${app}`,
  versionedApp: (cluster: string, namespace: string, workload: string) =>
    `vapp:${cluster}:${namespace}:${workload}`,
  service: (cluster: string, namespace: string, service: string) =>
    `svc:${cluster}:${namespace}:${service}`,
  serviceEntry: (cluster: string, namespace: string, name: string) =>
    `se:${cluster}:${namespace}:${name}`,
  unknown: (cluster: string) => `unknown:${cluster}`,
};

export type ParsedNodeId =
  | {
      kind: Exclude<NodeIdKind, 'unknown'>;
      cluster: string;
      namespace: string;
      name: string;
    }
  | { kind: 'unknown'; cluster: string }
  | { kind: 'restricted' };

const PART = '[a-z0-9]([-a-z0-9.]{0,251}[a-z0-9])?';
const NAMED = new RegExp(
  `^(wl|svc|app|vapp|se):(${PART}):(${PART}):(${PART})$`,
);
const UNKNOWN = new RegExp(`^unknown:(${PART})$`);

/** The parts of an id, or undefined when it is not one the graph hands out. */
export function parseNodeIdParts(id: string): ParsedNodeId | undefined {
  if (id.startsWith(RESTRICTED_PREFIX)) return { kind: 'restricted' };
  const unknown = UNKNOWN.exec(id);
  if (unknown) return { kind: 'unknown', cluster: unknown[1] };
  const m = NAMED.exec(id);
  if (!m) return undefined;
  const [, kind, cluster, , namespace, , name] = m;
  return {
    kind: kind as Exclude<NodeIdKind, 'unknown'>,
    cluster,
    namespace,
    name,
  };
}
