/*
 * Host names in Istio config the way Kiali's checkers interpret them: a short name is relative to the
 * object's namespace, `svc.ns` is a Service only when `ns` is a namespace of the cluster (otherwise it is
 * an external host such as a ServiceEntry's), and FQDNs end in the identity domain.
 */

export interface ParsedHost {
  service: string;
  namespace: string;
  /** True for short names and FQDNs; false for `svc.ns` forms and external hosts. */
  complete: boolean;
  /** Identity domain of complete hosts (e.g. `svc.cluster.local`). */
  domain: string;
}

/** Kiali's `ParseHost`: short names become FQDNs in `namespace`; FQDNs are split; anything else is kept whole. */
export function parseHost(
  host: string,
  namespace: string,
  identityDomain: string,
): ParsedHost {
  const parts = host.split('.');
  if (parts.length === 1)
    return { service: host, namespace, complete: true, domain: identityDomain };
  if (parts.length > 2 && parts.slice(2).join('.') === identityDomain) {
    return {
      service: parts[0],
      namespace: parts[1],
      complete: true,
      domain: identityDomain,
    };
  }
  return { service: host, namespace: '', complete: false, domain: '' };
}

/** Kiali's `GetHost`: also reads `svc.ns` (when `ns` is known) and `svc.ns.svc` as Service hosts. */
export function getHost(
  host: string,
  namespace: string,
  clusterNamespaces: string[],
  identityDomain: string,
): ParsedHost {
  const parts = host.split('.');
  if (
    parts.length === 2 &&
    (parts[1] === namespace || clusterNamespaces.includes(parts[1]))
  ) {
    return {
      service: parts[0],
      namespace: parts[1],
      complete: true,
      domain: identityDomain,
    };
  }
  if (parts.length === 3 && parts[2] === 'svc') {
    return {
      service: parts[0],
      namespace: parts[1],
      complete: true,
      domain: identityDomain,
    };
  }
  return parseHost(host, namespace, identityDomain);
}

export function hostString(h: ParsedHost): string {
  if (!h.complete) return h.service;
  return h.domain
    ? `${h.service}.${h.namespace}.${h.domain}`
    : `${h.service}.${h.namespace}`;
}

export const isWildcardHost = (h: ParsedHost) => h.service.startsWith('*');

/** Kiali's `FilterByHost`: does a config host (of an object in `hostNamespace`) name Service `name.ns`? */
export function filterByHost(
  host: string,
  hostNamespace: string,
  serviceName: string,
  serviceNamespace: string,
  identityDomain: string,
): boolean {
  return (
    (host === serviceName && hostNamespace === serviceNamespace) ||
    host === `${serviceName}.${serviceNamespace}` ||
    host === `${serviceName}.${serviceNamespace}.svc` ||
    host === `${serviceName}.${serviceNamespace}.${identityDomain}`
  );
}

/** `*` covers everything; `*.suffix` covers names ending in `.suffix` (on a DNS label boundary). */
export function withinWildcard(name: string, wildcard: string): boolean {
  if (wildcard === '*') return true;
  return wildcard.startsWith('*.') && name.endsWith(wildcard.slice(1));
}

/** Kiali's `ParseTwoPartHost`: `svc.ns` hosts kept whole by parseHost split into their parts. */
export function twoPartHost(h: ParsedHost): {
  service: string;
  namespace: string;
} {
  if (h.complete) return { service: h.service, namespace: h.namespace };
  const parts = h.service.split('.');
  return parts.length > 1
    ? { service: parts[0], namespace: parts[1] }
    : { service: h.service, namespace: h.namespace };
}

/** Does a host of a ServiceEntry (possibly `*.example.com`) cover `host`? */
export function serviceEntryHostCovers(
  entryHost: string,
  host: string,
): boolean {
  const a = entryHost.toLowerCase();
  const b = host.toLowerCase();
  // Kiali compares by suffix for every entry; we keep exact names exact (`api.x` does not cover `myapi.x`).
  return a === b || (a.startsWith('*') && b.endsWith(a.slice(1)));
}
