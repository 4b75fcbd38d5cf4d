/*
 * Which node a series' source or destination is, per graph type — Kiali's identity rules
 * (docs/kiali-semantics.md §2.4): apps and versions come from the canonical service/revision labels;
 * a destination without a workload is its service; a source without any identity is `unknown`.
 */
import { MeshGraphType } from '@mesh-portal/plugin-mesh-common';
import { nodeIds } from './nodeIds';
import { destinationClusterId } from './telemetryFilters';
import { GraphNode } from './types';

const UNKNOWN = 'unknown';
const ok = (v: string | undefined) => !!v && v !== UNKNOWN;
const versionOk = (v: string | undefined) => ok(v) && v !== 'latest';

export type ClusterNames = (istioClusterId: string) => string;

/** How Istio cluster ids are named here, and a key naming that naming (what is derived with it depends on it). */
export interface ClusterNaming {
  clusterName: ClusterNames;
  /** Equal for namings that name every cluster alike: JSON of the id → name pairs. */
  clusters: string;
}

/** Istio cluster ids (metric labels) → configured cluster names, as a {@link ClusterNaming}. */
export function clusterNaming(names: Map<string, string>): ClusterNaming {
  return {
    clusterName: id => names.get(id) ?? id,
    clusters: JSON.stringify([...names]),
  };
}

/**
 * For service graphs: the Service a workload serves, keyed `cluster|namespace|workload`, as seen in
 * the traffic itself (requests a workload received through a Service). Kiali reduces a workload
 * graph with injected service nodes to services; keying by the served Service gives the same
 * service→service edges directly.
 */
export type ServiceOfWorkload = Map<
  string,
  { namespace: string; service: string }
>;

export const serviceNodeId = nodeIds.service;

/**
 * Kiali's rule for ambient telemetry (graph/telemetry/istio/istio.go `addTraffic`): a waypoint is
 * not an app and serves no Service of its own, so whatever the graph type it is its workload node.
 * It is known from config (kube/waypoints), as telemetry cannot tell.
 */
function waypointNode(
  cluster: string,
  namespace: string | undefined,
  workload: string | undefined,
  waypoints: Set<string> | undefined,
): GraphNode | undefined {
  if (!waypoints?.size || !ok(namespace) || !ok(workload)) return undefined;
  if (!waypoints.has(`${cluster}|${namespace}|${workload}`)) return undefined;
  return {
    id: nodeIds.workload(cluster, namespace!, workload!),
    type: 'workload',
    cluster,
    namespace: namespace!,
    name: workload!,
    workload,
    isWaypoint: true,
  };
}

export function sourceNode(
  labels: Record<string, string>,
  graphType: MeshGraphType,
  clusterName: ClusterNames,
  serviceOf?: ServiceOfWorkload,
  waypoints?: Set<string>,
): GraphNode {
  const cluster = clusterName(labels.source_cluster ?? UNKNOWN);
  const ns = labels.source_workload_namespace;
  const workload = labels.source_workload;
  const waypoint = waypointNode(cluster, ns, workload, waypoints);
  if (waypoint) return waypoint;
  const app = labels.source_canonical_service;
  if (!ok(ns) || (!ok(workload) && !ok(app))) {
    return {
      id: nodeIds.unknown(cluster),
      type: 'unknown',
      cluster,
      namespace: UNKNOWN,
      name: 'unknown',
    };
  }
  const served =
    graphType === 'service'
      ? serviceOf?.get(`${cluster}|${ns}|${workload}`)
      : undefined;
  if (served) {
    const id = serviceNodeId(cluster, served.namespace, served.service);
    return {
      id,
      type: 'service',
      cluster,
      namespace: served.namespace,
      name: served.service,
      service: served.service,
    };
  }
  // In a service graph, a workload that serves no Service (a gateway, a client) stays a workload (Kiali keeps roots).
  return peerNode(
    graphType,
    cluster,
    ns,
    workload,
    app,
    labels.source_canonical_revision,
  );
}

export function destinationNode(
  labels: Record<string, string>,
  graphType: MeshGraphType,
  clusterName: ClusterNames,
  waypoints?: Set<string>,
): GraphNode {
  const cluster = clusterName(destinationClusterId(labels));
  if (isEgressGatewayHost(labels)) {
    // A request to the egress gateway's Service that its proxy did not report (kiali#2999): the
    // gateway is the destination, in the source's cluster.
    const egressCluster = clusterName(labels.source_cluster ?? UNKNOWN);
    return peerNode(
      graphType,
      egressCluster,
      'istio-system',
      'istio-egressgateway',
      'istio-egressgateway',
      undefined,
    );
  }
  const workload = labels.destination_workload;
  const wlNs = labels.destination_workload_namespace;
  const svc = labels.destination_service_name;
  const svcNs = labels.destination_service_namespace;
  const waypoint = waypointNode(cluster, wlNs, workload, waypoints);
  if (waypoint) return waypoint;
  if (
    ok(workload) &&
    ok(wlNs) &&
    !(graphType === 'service' && ok(svc) && ok(svcNs))
  ) {
    return peerNode(
      graphType,
      cluster,
      wlNs,
      workload,
      labels.destination_canonical_service,
      labels.destination_canonical_revision,
    );
  }
  if (ok(svc)) {
    const external =
      !ok(svcNs) || svc === 'PassthroughCluster' || svc === 'BlackHoleCluster';
    const namespace = ok(svcNs) ? svcNs : UNKNOWN;
    return {
      id: serviceNodeId(cluster, namespace, svc),
      type: external ? 'external' : 'service',
      cluster,
      namespace,
      name:
        external && labels.destination_service
          ? labels.destination_service
          : svc,
      service: svc,
    };
  }
  const namespace = ok(svcNs) ? svcNs : UNKNOWN;
  return {
    id: `svc:${cluster}:${namespace}:unknown`,
    type: 'service',
    cluster,
    namespace,
    name: UNKNOWN,
  };
}

/** Istio's default egress gateway host, reported as both the service and its name (Kiali's HandleDestination). */
const EGRESS_HOST = 'istio-egressgateway.istio-system.svc.cluster.local';
function isEgressGatewayHost(labels: Record<string, string>): boolean {
  return (
    labels.destination_service === EGRESS_HOST &&
    labels.destination_service_name === EGRESS_HOST
  );
}

function peerNode(
  graphType: MeshGraphType | 'service',
  cluster: string,
  namespace: string,
  workload: string,
  app: string | undefined,
  revision: string | undefined,
): GraphNode {
  const version = versionOk(revision) ? revision : undefined;
  if ((graphType === 'app' || graphType === 'versionedApp') && ok(app)) {
    if (graphType === 'versionedApp' && ok(workload)) {
      return {
        id: nodeIds.versionedApp(cluster, namespace, workload),
        type: 'app',
        cluster,
        namespace,
        name: app!,
        app,
        version,
        workload,
      };
    }
    return {
      id: nodeIds.app(cluster, namespace, app!),
      type: 'app',
      cluster,
      namespace,
      name: app!,
      app,
    };
  }
  if (ok(workload)) {
    return {
      id: nodeIds.workload(cluster, namespace, workload),
      type: 'workload',
      cluster,
      namespace,
      name: workload,
      workload,
      app: ok(app) ? app : undefined,
      version,
    };
  }
  return {
    id: nodeIds.app(cluster, namespace, app!),
    type: 'app',
    cluster,
    namespace,
    name: app!,
    app,
  };
}
