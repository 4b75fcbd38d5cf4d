/*
 * Kiali's `istio` appender (docs/kiali-semantics.md §2.5): badges each Service, workload, app and
 * ServiceEntry node with the Istio traffic configuration that applies to it (./istioRules).
 * A node's hosts are its Service (service nodes), the Services selecting its workloads (workload
 * and app nodes, Kiali's "destination services") or its ServiceEntry hosts. Unknown clients and
 * restricted nodes get nothing: they have no host, or their names are withheld later.
 * Rules are looked up by host (./istioIndex), so the step costs O(nodes + objects).
 */
import { MeshNodeIstioConfig } from '@mesh-portal/plugin-mesh-common';
import { fqdn } from '../../kube/hosts';
import { matchesLabels } from '../../kube/labelSelector';
import { IstioObject, Service } from '../../kube/types';
import { Workload } from '../../kube/workloads';
import { GraphNode, TrafficMap } from '../types';
import { routingByCluster, selectingServices } from './istioIndex';
import { destinationRulesOf, gatewayOf, routingOf } from './istioRules';
import { backingWorkloads, WorkloadIndex } from './workloadsOfNode';

export type ClusterIstioObject = IstioObject & { cluster: string };

function hostsOf(
  node: GraphNode,
  workloads: Workload[],
  services: Array<Service & { cluster: string }>,
): string[] {
  if (node.serviceEntry)
    return node.serviceEntry.hosts.map(h => fqdn(h, node.namespace));
  if (node.type === 'external') return [node.name];
  if (node.type === 'service')
    return node.service ? [fqdn(node.service, node.namespace)] : [];
  return selectingServices(services, node.cluster, node.namespace)
    .filter(s => workloads.some(w => matchesLabels(s.selector, w.podLabels)))
    .map(s => s.host);
}

/** Whether the node stands for one version of its app, so DestinationRule subsets apply per version. */
export function isVersioned(node: GraphNode): boolean {
  return node.type === 'workload' || (node.type === 'app' && !!node.version);
}

export function withoutEmpty(config: MeshNodeIstioConfig): MeshNodeIstioConfig {
  return Object.fromEntries(
    Object.entries(config).filter(([, v]) => v !== undefined),
  ) as MeshNodeIstioConfig;
}

export function addIstioConfig(
  map: TrafficMap,
  objects: ClusterIstioObject[],
  index: WorkloadIndex,
  services: Array<Service & { cluster: string }>,
): void {
  if (objects.length === 0) return;
  const byCluster = routingByCluster(objects);
  for (const node of map.nodes.values()) {
    const routing = byCluster.get(node.cluster);
    if (!routing || node.type === 'unknown' || node.restricted) continue;
    // A service node's own workloads are not "its" pods for gateway or subset purposes.
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
      // A waypoint's Gateway (class istio-waypoint) is the ambient data plane, not an ingress.
      gateway: node.isWaypoint
        ? undefined
        : gatewayOf(
            routing.objects,
            workloads.map(w => ({
              namespace: w.namespace,
              labels: w.podLabels,
            })),
          ),
    });
    if (Object.keys(config).length > 0) node.istio = config;
  }
}
