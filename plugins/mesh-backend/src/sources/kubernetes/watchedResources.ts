/*
 * The resources the mesh plugin keeps in its watch cache, per cluster. Core and apps resources are
 * always served at v1; Istio and Gateway API resources are CRDs whose served versions differ between
 * installations (Istio 1.22+ serves v1, older ones v1beta1 or only v1alpha3), so their version is
 * picked by discovery. A CRD that is not installed (no Gateway API, no Istio yet) is normal.
 */
import { ClusterObjects } from '../../kube/types';

/** Where objects of a resource go in ClusterObjects; `meshConfigMap` feeds `meshConfig`. */
export type ObjectBucket =
  | Exclude<keyof ClusterObjects, 'meshConfig'>
  | 'meshConfigMap';

export interface WatchedResource {
  /** API group, '' for the core group. */
  group: string;
  kind: string;
  /** Resource name in URLs (`virtualservices`). */
  plural: string;
  bucket: ObjectBucket;
  /** Versions to use when the group serves several, most wanted first (after the preferred one). */
  versions: string[];
}

const core = (
  kind: string,
  plural: string,
  bucket: ObjectBucket,
): WatchedResource => ({
  group: '',
  kind,
  plural,
  bucket,
  versions: ['v1'],
});
const apps = (
  kind: string,
  plural: string,
  bucket: ObjectBucket,
): WatchedResource => ({
  group: 'apps',
  kind,
  plural,
  bucket,
  versions: ['v1'],
});
const ISTIO_VERSIONS = ['v1', 'v1beta1', 'v1alpha3'];
const GATEWAY_API_VERSIONS = ['v1', 'v1beta1', 'v1alpha2'];
const istio = (group: string, kind: string): WatchedResource => ({
  group,
  kind,
  // Kubernetes' plural rule for these kinds: a consonant + y becomes "ies" (ServiceEntry → serviceentries).
  plural: `${kind.toLowerCase().replace(/([^aeiou])y$/, '$1ie')}s`,
  bucket: 'istio',
  versions:
    group === 'gateway.networking.k8s.io'
      ? GATEWAY_API_VERSIONS
      : ISTIO_VERSIONS,
});

export const WATCHED_RESOURCES: WatchedResource[] = [
  core('Namespace', 'namespaces', 'namespaces'),
  core('Pod', 'pods', 'pods'),
  core('Service', 'services', 'services'),
  core('ServiceAccount', 'serviceaccounts', 'serviceAccounts'),
  apps('Deployment', 'deployments', 'deployments'),
  apps('StatefulSet', 'statefulsets', 'statefulSets'),
  apps('DaemonSet', 'daemonsets', 'daemonSets'),
  apps('ReplicaSet', 'replicasets', 'replicaSets'),
  ...[
    'VirtualService',
    'DestinationRule',
    'Gateway',
    'ServiceEntry',
    'Sidecar',
    'WorkloadEntry',
    // Validated only (KIA1701/1702): no view shows VM workloads yet.
    'WorkloadGroup',
  ].map(k => istio('networking.istio.io', k)),
  ...['PeerAuthentication', 'AuthorizationPolicy', 'RequestAuthentication'].map(
    k => istio('security.istio.io', k),
  ),
  // Validated only in ambient namespaces (Kiali's AmbientPolicyChecker, KIA1111/1116, KIA1112/1117).
  istio('extensions.istio.io', 'WasmPlugin'),
  istio('telemetry.istio.io', 'Telemetry'),
  ...['Gateway', 'HTTPRoute', 'GRPCRoute', 'ReferenceGrant'].map(k =>
    istio('gateway.networking.k8s.io', k),
  ),
  // Cluster-scoped; only which classes Istio implements is used (KIA1504, Kiali's auto-discovery).
  {
    group: 'gateway.networking.k8s.io',
    kind: 'GatewayClass',
    plural: 'gatewayclasses',
    bucket: 'gatewayClasses',
    versions: GATEWAY_API_VERSIONS,
  },
];

/** Istio's mesh config lives in the `istio` ConfigMap of the root namespace (key `mesh`, YAML). */
export const MESH_CONFIG_MAP = core('ConfigMap', 'configmaps', 'meshConfigMap');

export function apiVersionOf(group: string, version: string): string {
  return group ? `${group}/${version}` : version;
}

/** URL path of a resource collection, optionally inside one namespace. */
export function collectionPath(
  group: string,
  version: string,
  plural: string,
  namespace?: string,
): string {
  const base = group ? `/apis/${group}/${version}` : `/api/${version}`;
  return namespace
    ? `${base}/namespaces/${encodeURIComponent(namespace)}/${plural}`
    : `${base}/${plural}`;
}

export function resourceLabel(
  resource: Pick<WatchedResource, 'group' | 'plural'>,
): string {
  return resource.group
    ? `${resource.plural}.${resource.group}`
    : resource.plural;
}
