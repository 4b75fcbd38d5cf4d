/*
 * Indexes that make the `istio` appender (./addIstioConfig) cost O(nodes + objects) rather than
 * O(nodes × objects): every VirtualService rule, Gateway API route rule and DestinationRule is
 * filed under the hosts (FQDNs) it names, so a node looks its own hosts up; only the few with a
 * wildcard host (`*`, `*.bookinfo.svc.cluster.local`) are matched one by one. Services with a
 * selector are filed by `cluster/namespace` for the hosts of workload and app nodes. Built once
 * per object list and kept while the list is the same one (the inventory hands out the same
 * lists while no cluster changed: ../../service/readInventory). Each entry keeps its position in
 * object order, so the names found come out in the order a plain scan of the objects gives.
 */
import { covers, fqdn, isWildcardHost } from '../../kube/hosts';
import { IstioObject, Service } from '../../kube/types';
import { IstioRoutingObjects, sortRoutingObjects } from './istioRules';

/** An indexed piece of config; `order` is its position in a scan of the objects. */
interface Entry {
  order: number;
  object: IstioObject;
}

/** Entries filed under the hosts they name. */
export class HostIndex<T extends Entry> {
  private readonly exact = new Map<string, T[]>();
  private readonly wildcards: Array<{ host: string; entry: T }> = [];

  /** Files an entry under an expanded config host (see `fqdn`), which may be a wildcard. */
  add(host: string, entry: T): void {
    if (isWildcardHost(host)) this.wildcards.push({ host, entry });
    else this.addExact(host, entry);
  }

  /** Files an entry under a host that only ever equals itself (Gateway API Service refs). */
  addExact(host: string, entry: T): void {
    const list = this.exact.get(host);
    if (!list) this.exact.set(host, [entry]);
    else if (list[list.length - 1] !== entry) list.push(entry);
  }

  /** The entries naming one of the hosts, each once, in object order. */
  lookup(hosts: string[]): T[] {
    const found = new Set<T>();
    for (const host of hosts)
      for (const entry of this.exact.get(host) ?? []) found.add(entry);
    for (const { host, entry } of this.wildcards)
      if (!found.has(entry) && hosts.some(h => covers(host, h)))
        found.add(entry);
    const list = [...found];
    return list.length > 1 ? list.sort((a, b) => a.order - b.order) : list;
  }
}

export interface VirtualServiceRule extends Entry {
  kind: 'http' | 'tcp' | 'tls';
  rule: any;
  destinations: any[];
}

export interface RouteRule extends Entry {
  rule: any;
  backends: any[];
}

/** The routing objects of one cluster, with their rules filed by host. */
export interface RoutingIndex {
  virtualServiceRules: HostIndex<VirtualServiceRule>;
  routeRules: HostIndex<RouteRule>;
  destinationRules: HostIndex<Entry>;
  objects: IstioRoutingObjects;
}

/** The FQDN a Gateway API reference names when it is a core Service, as Istio reads it. */
function serviceRefHost(ref: any, namespace: string): string | undefined {
  if ((ref?.kind ?? 'Service') !== 'Service' || (ref?.group ?? '') !== '')
    return undefined;
  if (typeof ref?.name !== 'string') return undefined;
  return fqdn(ref.name, ref.namespace ?? namespace);
}

function indexRouting(objects: IstioRoutingObjects): RoutingIndex {
  const index: RoutingIndex = {
    virtualServiceRules: new HostIndex(),
    routeRules: new HostIndex(),
    destinationRules: new HostIndex(),
    objects,
  };
  let order = 0;
  for (const object of objects.virtualServices) {
    const ns = object.metadata.namespace ?? 'default';
    for (const kind of ['http', 'tcp', 'tls'] as const) {
      for (const rule of (object.spec?.[kind] ?? []) as any[]) {
        const destinations: any[] = rule?.route ?? [];
        const entry = { order: order++, object, kind, rule, destinations };
        for (const d of destinations) {
          const host = d?.destination?.host ?? '';
          if (typeof host === 'string')
            index.virtualServiceRules.add(fqdn(host, ns), entry);
        }
      }
    }
  }
  for (const object of objects.routes) {
    const ns = object.metadata.namespace ?? 'default';
    // A route whose parent is a Service (mesh routing, GAMMA) applies to it with every rule.
    const parentHosts = ((object.spec?.parentRefs ?? []) as any[])
      .filter(p => p?.kind === 'Service')
      .map(p => serviceRefHost(p, ns));
    for (const rule of (object.spec?.rules ?? []) as any[]) {
      const backends: any[] = rule?.backendRefs ?? [];
      const entry = { order: order++, object, rule, backends };
      for (const host of [
        ...parentHosts,
        ...backends.map(b => serviceRefHost(b, ns)),
      ])
        if (host !== undefined) index.routeRules.addExact(host, entry);
    }
  }
  for (const object of objects.destinationRules) {
    const host = object.spec?.host;
    if (typeof host !== 'string') continue;
    index.destinationRules.add(
      fqdn(host, object.metadata.namespace ?? 'default'),
      { order: order++, object },
    );
  }
  return index;
}

const routingIndexes = new WeakMap<
  Array<IstioObject & { cluster: string }>,
  Map<string, RoutingIndex>
>();

/** The routing index of each cluster, kept per object list. */
export function routingByCluster(
  objects: Array<IstioObject & { cluster: string }>,
): Map<string, RoutingIndex> {
  let byCluster = routingIndexes.get(objects);
  if (byCluster) return byCluster;
  const grouped = new Map<string, IstioObject[]>();
  for (const o of objects) {
    const list = grouped.get(o.cluster);
    if (list) list.push(o);
    else grouped.set(o.cluster, [o]);
  }
  byCluster = new Map(
    [...grouped].map(([cluster, list]) => [
      cluster,
      indexRouting(sortRoutingObjects(list)),
    ]),
  );
  routingIndexes.set(objects, byCluster);
  return byCluster;
}

type ClusterService = Service & { cluster: string };

/** A Service that selects pods, with its FQDN. */
export interface SelectingService {
  selector: Record<string, string>;
  host: string;
}

const serviceIndexes = new WeakMap<
  ClusterService[],
  Map<string, SelectingService[]>
>();

/** The Services with a selector in one namespace, in list order (kept per Service list). */
export function selectingServices(
  services: ClusterService[],
  cluster: string,
  namespace: string,
): SelectingService[] {
  let index = serviceIndexes.get(services);
  if (!index) {
    index = new Map();
    for (const s of services) {
      const ns = s.metadata.namespace;
      const selector = s.spec?.selector;
      if (typeof ns !== 'string' || Object.keys(selector ?? {}).length === 0)
        continue;
      const key = `${s.cluster}/${ns}`;
      const entry = { selector: selector!, host: fqdn(s.metadata.name, ns) };
      const list = index.get(key);
      if (list) list.push(entry);
      else index.set(key, [entry]);
    }
    serviceIndexes.set(services, index);
  }
  return index.get(`${cluster}/${namespace}`) ?? [];
}
