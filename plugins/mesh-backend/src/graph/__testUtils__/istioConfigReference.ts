/*
 * Test double: the straightforward `istio` appender as it was before ../appenders/istioIndex
 * (O(nodes × objects): every node scans every rule, route, DestinationRule and Service); what a
 * matching rule says (../appenders/istioRules) is shared, which rules match is found by scanning. Kept only
 * so the equivalence test (../appenders/istioIndex.test.ts) can check that the indexed step gives
 * exactly the same badges, names in the same order, over real and generated meshes.
 */
import { MeshNodeIstioConfig } from '@mesh-portal/plugin-mesh-common';
import { fqdn, hostMatches } from '../../kube/hosts';
import { matchesLabels } from '../../kube/labelSelector';
import { Service } from '../../kube/types';
import { Workload } from '../../kube/workloads';
import {
  ClusterIstioObject,
  isVersioned,
  withoutEmpty,
} from '../appenders/addIstioConfig';
import {
  addName,
  addRouteRule,
  addVirtualServiceRule,
  gatewayOf,
  givesCircuitBreaker,
  IstioRoutingObjects,
  sortRoutingObjects,
} from '../appenders/istioRules';
import { backingWorkloads, WorkloadIndex } from '../appenders/workloadsOfNode';
import { GraphNode, TrafficMap } from '../types';

type ClusterService = Service & { cluster: string };

function hostsOf(
  node: GraphNode,
  workloads: Workload[],
  services: ClusterService[],
): string[] {
  if (node.serviceEntry)
    return node.serviceEntry.hosts.map(h => fqdn(h, node.namespace));
  if (node.type === 'external') return [node.name];
  if (node.type === 'service')
    return node.service ? [fqdn(node.service, node.namespace)] : [];
  return services
    .filter(
      s =>
        s.cluster === node.cluster &&
        s.metadata.namespace === node.namespace &&
        Object.keys(s.spec?.selector ?? {}).length > 0 &&
        workloads.some(w => matchesLabels(s.spec?.selector, w.podLabels)),
    )
    .map(s => fqdn(s.metadata.name, node.namespace));
}

function routingOf(
  objects: IstioRoutingObjects,
  hosts: string[],
): MeshNodeIstioConfig {
  const found: MeshNodeIstioConfig = {};
  for (const vs of objects.virtualServices) {
    const ns = vs.metadata.namespace ?? 'default';
    for (const kind of ['http', 'tcp', 'tls'] as const) {
      for (const rule of (vs.spec?.[kind] ?? []) as any[]) {
        const destinations: any[] = rule?.route ?? [];
        const routesHere = destinations.some(d =>
          hosts.some(h => hostMatches(d?.destination?.host ?? '', ns, h)),
        );
        if (!routesHere) continue;
        addName(found, 'virtualServices', vs);
        addVirtualServiceRule(found, { kind, rule, destinations });
      }
    }
  }
  for (const route of objects.routes) {
    const ns = route.metadata.namespace ?? 'default';
    const isHost = (ref: any) =>
      (ref?.kind ?? 'Service') === 'Service' &&
      (ref?.group ?? '') === '' &&
      typeof ref?.name === 'string' &&
      hosts.includes(fqdn(ref.name, ref.namespace ?? ns));
    const parentIsHost = ((route.spec?.parentRefs ?? []) as any[]).some(
      p => p?.kind === 'Service' && isHost(p),
    );
    for (const rule of (route.spec?.rules ?? []) as any[]) {
      const backends: any[] = rule?.backendRefs ?? [];
      if (!parentIsHost && !backends.some(isHost)) continue;
      addName(found, 'routes', route);
      addRouteRule(found, { rule, backends });
    }
  }
  return found;
}

function destinationRulesOf(
  objects: IstioRoutingObjects,
  hosts: string[],
  podLabels: Array<Record<string, string>> | undefined,
): MeshNodeIstioConfig {
  const found: MeshNodeIstioConfig = {};
  for (const dr of objects.destinationRules) {
    const ns = dr.metadata.namespace ?? 'default';
    const host = dr.spec?.host;
    if (typeof host !== 'string' || !hosts.some(h => hostMatches(host, ns, h)))
      continue;
    addName(found, 'destinationRules', dr, false);
    if (givesCircuitBreaker(dr, podLabels)) found.circuitBreaker = true;
  }
  return found;
}

export function addIstioConfigReference(
  map: TrafficMap,
  objects: ClusterIstioObject[],
  index: WorkloadIndex,
  services: ClusterService[],
): void {
  if (objects.length === 0) return;
  const byCluster = new Map<string, IstioRoutingObjects>();
  for (const cluster of new Set(objects.map(o => o.cluster)))
    byCluster.set(
      cluster,
      sortRoutingObjects(objects.filter(o => o.cluster === cluster)),
    );
  for (const node of map.nodes.values()) {
    const routing = byCluster.get(node.cluster);
    if (!routing || node.type === 'unknown' || node.restricted) continue;
    const workloads =
      node.type === 'service' ? [] : backingWorkloads(node, index, services);
    const hosts = hostsOf(node, workloads, services);
    const config = withoutEmpty({
      ...routingOf(routing, hosts),
      ...destinationRulesOf(
        routing,
        hosts,
        isVersioned(node) ? workloads.map(w => w.podLabels) : undefined,
      ),
      gateway: node.isWaypoint
        ? undefined
        : gatewayOf(
            routing,
            workloads.map(w => ({
              namespace: w.namespace,
              labels: w.podLabels,
            })),
          ),
    });
    if (Object.keys(config).length > 0) node.istio = config;
  }
}
