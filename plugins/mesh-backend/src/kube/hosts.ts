/* Istio host names: short names in config are relative to the namespace of the object using them. */

export const CLUSTER_DOMAIN = 'svc.cluster.local';

/** Expands `reviews` or `reviews.bookinfo` to `reviews.bookinfo.svc.cluster.local`. */
export function fqdn(host: string, namespace: string): string {
  if (host === '*' || host.endsWith('.local') || host.includes('*'))
    return host;
  const parts = host.split('.');
  if (parts.length === 1) return `${host}.${namespace}.${CLUSTER_DOMAIN}`;
  if (parts.length === 2) return `${host}.${CLUSTER_DOMAIN}`;
  return host;
}

/** True when a config host (possibly a wildcard like `*.bookinfo.svc.cluster.local`) covers `target`. */
export function hostMatches(
  configHost: string,
  configNamespace: string,
  target: string,
): boolean {
  return covers(fqdn(configHost, configNamespace), target);
}

/** Whether an expanded config host names every host under a domain (`*`, `*.bookinfo.svc.cluster.local`). */
export function isWildcardHost(host: string): boolean {
  return host === '*' || host.startsWith('*.');
}

/** True when an expanded config host (see {@link fqdn}) covers `target`. */
export function covers(host: string, target: string): boolean {
  if (host === '*') return true;
  if (host.startsWith('*.')) return target.endsWith(host.slice(1));
  return host === target;
}

/** Protocol Istio selects for a Service port: by `appProtocol`, then by the port name prefix. */
export function portProtocol(
  port: { name?: string; appProtocol?: string } | undefined,
): 'http' | 'grpc' | 'tcp' {
  const name = (port?.appProtocol ?? port?.name ?? '').toLowerCase();
  if (/^grpc(-web)?([-.]|$)/.test(name)) return 'grpc';
  if (/^(http|http2|https?)([-.]|$)/.test(name)) return 'http';
  return 'tcp';
}
