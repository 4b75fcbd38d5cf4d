/*
 * KIA1504 on the demo mesh with one Gateway API Gateway added, by Kiali's class rule
 * (./gatewayClasses): configured classes, else the cluster's Istio GatewayClasses, else defaults.
 */
import { ClusterObjects, DaemonSet, KubeObject } from '../kube/types';
import { demoFindings } from './checkers/demoFindings';
import { demoClusterObjects } from '../sources/demo/builders';
import { demoMeshModel } from '../sources/demo/topologies';

const gateway = (name: string, gatewayClassName: string) => ({
  apiVersion: 'gateway.networking.k8s.io/v1',
  kind: 'Gateway',
  metadata: { name, namespace: 'bookinfo' },
  spec: {
    gatewayClassName,
    listeners: [{ name: name, port: 80 + name.length, protocol: 'HTTP' }],
  },
});
const gatewayClass = (
  name: string,
  controllerName: string,
): KubeObject<{ controllerName?: string }> => ({
  apiVersion: 'gateway.networking.k8s.io/v1',
  kind: 'GatewayClass',
  metadata: { name },
  spec: { controllerName },
});
const ztunnel: DaemonSet = {
  apiVersion: 'apps/v1',
  kind: 'DaemonSet',
  metadata: {
    name: 'ztunnel',
    namespace: 'istio-system',
    labels: { app: 'ztunnel' },
  },
  spec: { selector: {}, template: {} },
} as DaemonSet;
const kia1504 = (
  change: (o: ClusterObjects) => void,
  options: Parameters<typeof demoFindings>[1] = {},
) =>
  demoFindings(o => {
    o.istio.push(
      gateway('main', 'istio'),
      gateway('waypoint', 'istio-waypoint'),
      gateway('east-west', 'istio-east-west'),
      gateway('other', 'nginx'),
    );
    // The demo runs ztunnel (its ambient namespace); these cases decide on their own whether it does.
    o.daemonSets = o.daemonSets.filter(
      d => d.metadata.labels?.app !== 'ztunnel',
    );
    change(o);
  }, options)
    // Only the Gateways added here (the demo's own waypoint in travels follows the same rule).
    .filter(f => f.startsWith('KIA1504 Gateway/bookinfo/'))
    .sort();

describe('KIA1504: a Gateway of a class Istio does not implement', () => {
  it("uses Istio's defaults when the cluster lists no Istio GatewayClass", () => {
    expect(kia1504(() => {})).toEqual([
      'KIA1504 Gateway/bookinfo/east-west',
      'KIA1504 Gateway/bookinfo/other',
      'KIA1504 Gateway/bookinfo/waypoint',
    ]);
  });

  it('adds istio-waypoint when ztunnel runs, istio-east-west with other clusters', () => {
    expect(kia1504(o => o.daemonSets.push(ztunnel))).toEqual([
      'KIA1504 Gateway/bookinfo/east-west',
      'KIA1504 Gateway/bookinfo/other',
    ]);
    // The peer is the demo too: it runs ztunnel.
    const west = demoClusterObjects(demoMeshModel);
    expect(
      kia1504(() => {}, { peers: [{ name: 'west', objects: west }] }),
    ).toEqual(['KIA1504 Gateway/bookinfo/other']);
  });

  it("takes the cluster's GatewayClasses with an Istio controller instead", () => {
    expect(
      kia1504(o =>
        o.gatewayClasses.push(
          gatewayClass('istio', 'istio.io/gateway-controller'),
          gatewayClass('istio-waypoint', 'istio.io/mesh-controller'),
          gatewayClass('nginx', 'gateway.nginx.org/nginx-gateway-controller'),
        ),
      ),
    ).toEqual([
      'KIA1504 Gateway/bookinfo/east-west',
      'KIA1504 Gateway/bookinfo/other',
    ]);
  });

  it('takes the configured classes over everything else', () => {
    expect(
      kia1504(o => o.daemonSets.push(ztunnel), {
        gatewayApiClasses: ['nginx', 'istio'],
      }),
    ).toEqual([
      'KIA1504 Gateway/bookinfo/east-west',
      'KIA1504 Gateway/bookinfo/waypoint',
    ]);
  });
});
