/*
 * What the Istio and Gateway API objects of one cluster say about a set of hosts, for the badges of
 * Kiali's `istio` appender (docs/kiali-semantics.md §2.5, "istio"):
 * - VirtualServices whose route destinations are one of the hosts: fault injection, traffic
 *   shifting (a route with more than one destination), request timeout, retries;
 * - HTTPRoutes/GRPCRoutes (Gateway API) whose backends, or whose parent Service (mesh routing),
 *   are one of the hosts: traffic shifting over weighted backends, request timeout;
 * - DestinationRules for one of the hosts: a circuit breaker is a connection pool or outlier
 *   detection at the top level, per port, or in a subset the node's workloads belong to;
 * - Gateways whose workloads are the node's (Istio: selector; Gateway API: the
 *   `gateway.networking.k8s.io/gateway-name` pod label Istio puts on the pods it deploys).
 * Rules and DestinationRules are found through the host indexes of ./istioIndex.
 */
import { MeshNodeIstioConfig } from '@mesh-portal/plugin-mesh-common';
import { matchesLabels } from '../../kube/labelSelector';
import { IstioObject } from '../../kube/types';
import { RouteRule, RoutingIndex, VirtualServiceRule } from './istioIndex';

const ISTIO_NETWORKING = /^networking\.istio\.io\//;
const GATEWAY_API = /^gateway\.networking\.k8s\.io\//;
const GATEWAY_NAME_LABEL = 'gateway.networking.k8s.io/gateway-name';

/** The routing objects of one cluster, sorted by kind (once per object list: ./istioIndex). */
export interface IstioRoutingObjects {
  virtualServices: IstioObject[];
  destinationRules: IstioObject[];
  istioGateways: IstioObject[];
  gatewayApiGateways: IstioObject[];
  routes: IstioObject[];
}

export function sortRoutingObjects(
  objects: IstioObject[],
): IstioRoutingObjects {
  const of = (api: RegExp, ...kinds: string[]) =>
    objects.filter(o => api.test(o.apiVersion) && kinds.includes(o.kind));
  return {
    virtualServices: of(ISTIO_NETWORKING, 'VirtualService'),
    destinationRules: of(ISTIO_NETWORKING, 'DestinationRule'),
    istioGateways: of(ISTIO_NETWORKING, 'Gateway'),
    gatewayApiGateways: of(GATEWAY_API, 'Gateway'),
    routes: of(GATEWAY_API, 'HTTPRoute', 'GRPCRoute'),
  };
}

const nameOf = (o: IstioObject) =>
  `${o.metadata.namespace ?? 'default'}/${o.metadata.name}`;

type Found = MeshNodeIstioConfig;

/** Adds the object's name to a list of names, once. */
export function addName(
  found: Found,
  key: 'virtualServices' | 'routes' | 'destinationRules',
  o: IstioObject,
  once = true,
): void {
  const list = (found[key] ??= []);
  if (!once || !list.includes(nameOf(o))) list.push(nameOf(o));
}

/** What a VirtualService rule routing to the node says. */
export function addVirtualServiceRule(
  found: Found,
  { kind, rule, destinations }: Omit<VirtualServiceRule, 'order' | 'object'>,
): void {
  if (destinations.length > 1) found.trafficShifting = true;
  if (kind !== 'http') return;
  if (rule.fault?.abort || rule.fault?.delay) found.faultInjection = true;
  if (rule.timeout) found.requestTimeout = true;
  if (rule.retries && rule.retries.attempts !== 0) found.retries = true;
}

/** What a Gateway API route rule routing to the node says. */
export function addRouteRule(
  found: Found,
  { rule, backends }: Omit<RouteRule, 'order' | 'object'>,
): void {
  if (backends.filter(b => (b?.weight ?? 1) > 0).length > 1)
    found.trafficShifting = true;
  if (rule?.timeouts?.request) found.requestTimeout = true;
}

/** VirtualService and Gateway API route findings for the hosts (FQDNs). */
export function routingOf(index: RoutingIndex, hosts: string[]): Found {
  const found: Found = {};
  for (const rule of index.virtualServiceRules.lookup(hosts)) {
    addName(found, 'virtualServices', rule.object);
    addVirtualServiceRule(found, rule);
  }
  for (const rule of index.routeRules.lookup(hosts)) {
    addName(found, 'routes', rule.object);
    addRouteRule(found, rule);
  }
  return found;
}

function setsCircuitBreaker(policy: any): boolean {
  if (!policy) return false;
  if (policy.connectionPool || policy.outlierDetection) return true;
  return ((policy.portLevelSettings ?? []) as any[]).some(
    p => p?.connectionPool || p?.outlierDetection,
  );
}

/**
 * Whether a DestinationRule gives the node a circuit breaker. `podLabels` are the labels of the
 * node's workloads when the node stands for one version (workload, versioned app): then only
 * subsets selecting those pods count; otherwise any subset does.
 */
export function givesCircuitBreaker(
  dr: IstioObject,
  podLabels: Array<Record<string, string>> | undefined,
): boolean {
  const subsetBreaker = ((dr.spec?.subsets ?? []) as any[]).some(
    s =>
      setsCircuitBreaker(s?.trafficPolicy) &&
      (!podLabels || podLabels.some(l => matchesLabels(s?.labels, l))),
  );
  return setsCircuitBreaker(dr.spec?.trafficPolicy) || subsetBreaker;
}

/** DestinationRules for the hosts and whether they give a circuit breaker (see above). */
export function destinationRulesOf(
  index: RoutingIndex,
  hosts: string[],
  podLabels: Array<Record<string, string>> | undefined,
): Pick<Found, 'destinationRules' | 'circuitBreaker'> {
  const found: Found = {};
  for (const { object } of index.destinationRules.lookup(hosts)) {
    addName(found, 'destinationRules', object, false);
    if (givesCircuitBreaker(object, podLabels)) found.circuitBreaker = true;
  }
  return found;
}

function isEgress(labels: Record<string, string>): boolean {
  return (
    labels.istio === 'egressgateway' ||
    labels['operator.istio.io/component'] === 'EgressGateways'
  );
}

/** The gateways the pods (`namespace` + labels) run, with the hosts they listen for. */
export function gatewayOf(
  objects: IstioRoutingObjects,
  pods: Array<{ namespace: string; labels: Record<string, string> }>,
): MeshNodeIstioConfig['gateway'] {
  const gateways: Array<{ name: string; api: 'istio' | 'gateway-api' }> = [];
  const hosts = new Set<string>();
  for (const gw of objects.istioGateways) {
    const selector = gw.spec?.selector;
    if (!selector || !pods.some(p => matchesLabels(selector, p.labels)))
      continue;
    gateways.push({ name: nameOf(gw), api: 'istio' });
    for (const server of (gw.spec?.servers ?? []) as any[])
      for (const h of (server?.hosts ?? []) as string[])
        hosts.add(h.includes('/') ? h.split('/')[1] : h);
  }
  for (const gw of objects.gatewayApiGateways) {
    const serves = pods.some(
      p =>
        p.namespace === gw.metadata.namespace &&
        p.labels[GATEWAY_NAME_LABEL] === gw.metadata.name,
    );
    if (!serves) continue;
    gateways.push({ name: nameOf(gw), api: 'gateway-api' });
    for (const listener of (gw.spec?.listeners ?? []) as any[])
      hosts.add(listener?.hostname ?? '*');
  }
  if (gateways.length === 0) return undefined;
  return {
    role: pods.some(p => isEgress(p.labels)) ? 'egress' : 'ingress',
    gateways,
    hosts: [...hosts].sort(),
  };
}
