/*
 * Which Gateway API classes a Gateway may name before KIA1504 ("Gateway API Class not found"), by
 * Kiali's rule (its cache's GatewayAPIClasses): the classes configured (`mesh.validations.
 * gatewayApiClasses`, Kiali's `gateway_api_classes`); else the cluster's GatewayClasses whose
 * controller is Istio's (`istio.io/…`); else Istio's defaults — `istio`, `istio-remote`,
 * `istio-east-west` in a multi-cluster mesh, `istio-waypoint` when any cluster runs ztunnel.
 */
import { ClusterObjects } from '../kube/types';

/** Kiali's ambient test: a ztunnel DaemonSet (label `app=ztunnel`) exists. */
const runsZtunnel = (objects: ClusterObjects) =>
  objects.daemonSets.some(d => d.metadata.labels?.app === 'ztunnel');

export function istioGatewayClasses(
  objects: ClusterObjects,
  peers: readonly ClusterObjects[],
  configured?: readonly string[],
): string[] {
  if (configured?.length) return [...configured];
  const discovered = objects.gatewayClasses
    .filter(c => String(c.spec?.controllerName ?? '').startsWith('istio.io'))
    .map(c => c.metadata.name);
  if (discovered.length) return discovered;
  return [
    'istio',
    'istio-remote',
    ...(peers.length > 0 ? ['istio-east-west'] : []),
    ...([objects, ...peers].some(runsZtunnel) ? ['istio-waypoint'] : []),
  ];
}
