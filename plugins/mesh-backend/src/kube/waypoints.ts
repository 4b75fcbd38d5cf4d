/*
 * Ambient waypoints (docs/kiali-semantics.md §1.3): which workloads are waypoint proxies, and which
 * waypoint a workload's traffic goes through. Istio enrols by the `istio.io/use-waypoint` label —
 * on the pod (workload-addressed traffic), on the Service (service-addressed traffic) or on the
 * namespace — the most specific one winning and `none` opting out; `istio.io/use-waypoint-namespace`
 * names the waypoint's namespace when it is not the workload's own.
 */
import { MeshWaypointUse } from '@mesh-portal/plugin-mesh-common';
import { IstioObject, Service } from './types';
import { Workload } from './workloads';

export const USE_WAYPOINT = 'istio.io/use-waypoint';
export const USE_WAYPOINT_NAMESPACE = 'istio.io/use-waypoint-namespace';
export const GATEWAY_NAME_LABEL = 'gateway.networking.k8s.io/gateway-name';
export const WAYPOINT_GATEWAY_CLASS = 'istio-waypoint';

/** Kiali's `IsWaypoint`: the mesh controller manages it, or its Gateway's name says waypoint. */
export function isWaypointLabels(labels: Record<string, string>): boolean {
  if (labels['gateway.istio.io/managed'] === 'istio.io-mesh-controller')
    return true;
  return (
    GATEWAY_NAME_LABEL in labels &&
    labels[GATEWAY_NAME_LABEL].toLowerCase().includes('waypoint')
  );
}

/** Keys `cluster|namespace|workload` of the waypoint workloads, for the graph's node identity. */
export function waypointKeys(workloads: Workload[]): Set<string> {
  return new Set(
    workloads
      .filter(w => isWaypointLabels(w.podLabels))
      .map(w => `${w.cluster}|${w.namespace}|${w.name}`),
  );
}

export interface WaypointUse {
  name: string;
  namespace: string;
  /** Where the enrolling label is: the workload's pods, one of its Services, or its namespace. */
  via: 'workload' | 'service' | 'namespace';
  /** The Service carrying the label, when `via` is `service`. */
  service?: string;
}

function enrolment(
  labels: Record<string, string> | undefined,
  fallbackNamespace: string,
): { name: string; namespace: string } | 'none' | undefined {
  const name = labels?.[USE_WAYPOINT];
  if (name === undefined) return undefined;
  if (name === '' || name === 'none') return 'none';
  return {
    name,
    namespace: labels?.[USE_WAYPOINT_NAMESPACE] ?? fallbackNamespace,
  };
}

/** The waypoint the workload's traffic goes through, or undefined (ztunnel only, L4). */
export function waypointOf(
  workload: Workload,
  services: Service[],
  namespaceLabels: Record<string, string>,
): WaypointUse | undefined {
  const own = enrolment(workload.podLabels, workload.namespace);
  if (own === 'none') return undefined;
  if (own) return { ...own, via: 'workload' };
  for (const s of services) {
    const bySvc = enrolment(s.metadata.labels, workload.namespace);
    if (bySvc && bySvc !== 'none')
      return { ...bySvc, via: 'service', service: s.metadata.name };
  }
  const byNs = enrolment(namespaceLabels, workload.namespace);
  return byNs && byNs !== 'none' ? { ...byNs, via: 'namespace' } : undefined;
}

/** The waypoint exists: a waypoint workload of that name, or an `istio-waypoint` Gateway. */
export function waypointExists(
  use: { name: string; namespace: string },
  workloads: Workload[],
  k8sGateways: IstioObject[],
): boolean {
  return (
    workloads.some(
      w =>
        w.namespace === use.namespace &&
        w.podLabels[GATEWAY_NAME_LABEL] === use.name &&
        isWaypointLabels(w.podLabels),
    ) ||
    k8sGateways.some(
      g =>
        (g.metadata.namespace ?? 'default') === use.namespace &&
        g.metadata.name === use.name &&
        g.spec?.gatewayClassName === WAYPOINT_GATEWAY_CLASS,
    )
  );
}

/** An ambient workload's waypoint with whether it exists; undefined for other data planes and for none. */
export function waypointUseOf(
  workload: Workload,
  services: Service[],
  namespaceLabels: Record<string, string>,
  workloadsIn: (namespace: string) => Workload[],
  k8sGateways: IstioObject[],
): MeshWaypointUse | undefined {
  if (workload.dataplane !== 'ambient') return undefined;
  const use = waypointOf(workload, services, namespaceLabels);
  if (!use) return undefined;
  return {
    ...use,
    found: waypointExists(use, workloadsIn(use.namespace), k8sGateways),
  };
}
