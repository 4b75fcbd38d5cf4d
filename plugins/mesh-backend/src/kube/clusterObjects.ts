/* Sorts a flat list of objects (a snapshot file, a demo, a test fixture) into ClusterObjects. */
import { ClusterObjects, KubeObject } from './types';

/** Sorts a flat object list into the per-kind buckets of ClusterObjects. */
export function toClusterObjects(
  objects: KubeObject[],
  meshConfig: ClusterObjects['meshConfig'],
): ClusterObjects {
  const byKind = (kind: string) =>
    objects.filter(o => o.kind === kind) as any[];
  return {
    namespaces: byKind('Namespace'),
    deployments: byKind('Deployment'),
    statefulSets: byKind('StatefulSet'),
    daemonSets: byKind('DaemonSet'),
    replicaSets: byKind('ReplicaSet'),
    pods: byKind('Pod'),
    services: byKind('Service'),
    serviceAccounts: byKind('ServiceAccount'),
    istio: objects.filter(
      o =>
        /istio\.io|gateway\.networking\.k8s\.io/.test(o.apiVersion) &&
        o.kind !== 'GatewayClass',
    ) as any[],
    gatewayClasses: byKind('GatewayClass'),
    meshConfig,
  };
}
