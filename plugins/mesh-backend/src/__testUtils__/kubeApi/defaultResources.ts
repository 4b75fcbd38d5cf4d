/* What the Kubernetes API test double serves by default: a cluster with Istio 1.2x and Gateway API v1. */
import { ResourceDef } from './resourceStore';

const def = (
  group: string,
  versions: string[],
  kind: string,
  plural: string,
  namespaced = true,
): ResourceDef => ({
  group,
  versions,
  kind,
  plural,
  namespaced,
});

export const ISTIO_VERSIONS = ['v1', 'v1beta1', 'v1alpha3'];
export const GATEWAY_API_VERSIONS = ['v1', 'v1beta1'];

export const CORE_RESOURCES: ResourceDef[] = [
  def('', ['v1'], 'Namespace', 'namespaces', false),
  def('', ['v1'], 'Pod', 'pods'),
  def('', ['v1'], 'Service', 'services'),
  def('', ['v1'], 'ServiceAccount', 'serviceaccounts'),
  def('', ['v1'], 'ConfigMap', 'configmaps'),
  def('apps', ['v1'], 'Deployment', 'deployments'),
  def('apps', ['v1'], 'StatefulSet', 'statefulsets'),
  def('apps', ['v1'], 'DaemonSet', 'daemonsets'),
  def('apps', ['v1'], 'ReplicaSet', 'replicasets'),
];

export function istioResources(versions = ISTIO_VERSIONS): ResourceDef[] {
  // security.istio.io never served v1alpha3; Istio releases that only serve networking v1alpha3
  // serve security v1beta1.
  const security = versions.filter(v => v !== 'v1alpha3');
  const securityVersions = security.length ? security : ['v1beta1'];
  return [
    def('networking.istio.io', versions, 'VirtualService', 'virtualservices'),
    def('networking.istio.io', versions, 'DestinationRule', 'destinationrules'),
    def('networking.istio.io', versions, 'Gateway', 'gateways'),
    def('networking.istio.io', versions, 'ServiceEntry', 'serviceentries'),
    def('networking.istio.io', versions, 'Sidecar', 'sidecars'),
    def('networking.istio.io', versions, 'WorkloadEntry', 'workloadentries'),
    def('networking.istio.io', versions, 'WorkloadGroup', 'workloadgroups'),
    def(
      'security.istio.io',
      securityVersions,
      'PeerAuthentication',
      'peerauthentications',
    ),
    def(
      'security.istio.io',
      securityVersions,
      'AuthorizationPolicy',
      'authorizationpolicies',
    ),
    def(
      'security.istio.io',
      securityVersions,
      'RequestAuthentication',
      'requestauthentications',
    ),
    def('extensions.istio.io', ['v1alpha1'], 'WasmPlugin', 'wasmplugins'),
    def('telemetry.istio.io', ['v1', 'v1alpha1'], 'Telemetry', 'telemetries'),
  ];
}

export function gatewayApiResources(
  versions = GATEWAY_API_VERSIONS,
): ResourceDef[] {
  return [
    def('gateway.networking.k8s.io', versions, 'Gateway', 'gateways'),
    def('gateway.networking.k8s.io', versions, 'HTTPRoute', 'httproutes'),
    def('gateway.networking.k8s.io', versions, 'GRPCRoute', 'grpcroutes'),
    // ReferenceGrant reached v1 later than the routes: served at v1beta1 next to them.
    def(
      'gateway.networking.k8s.io',
      versions.some(v => v !== 'v1')
        ? versions.filter(v => v !== 'v1')
        : versions,
      'ReferenceGrant',
      'referencegrants',
    ),
    def(
      'gateway.networking.k8s.io',
      versions,
      'GatewayClass',
      'gatewayclasses',
      false,
    ),
  ];
}

export const DEFAULT_RESOURCES: ResourceDef[] = [
  ...CORE_RESOURCES,
  ...istioResources(),
  ...gatewayApiResources(),
];
