/*
 * Real manifests from shared/fixtures placed into namespaces the way the demo apps run: Bookinfo
 * with sidecar injection, Sock Shop in ambient mode, Online Boutique out of the mesh.
 */
import { readYamlFixture } from '../fixtures';
import { simulateNamespace } from './simulateCluster';

export const bookinfoManifests = () => [
  ...readYamlFixture('istio/bookinfo/platform/kube/bookinfo.yaml'),
  ...readYamlFixture('istio/bookinfo/networking/bookinfo-gateway.yaml'),
  ...readYamlFixture(
    'istio/bookinfo/networking/destination-rule-all-mtls.yaml',
  ),
  ...readYamlFixture(
    'istio/bookinfo/networking/virtual-service-reviews-90-10.yaml',
  ),
  ...readYamlFixture('istio/bookinfo/gateway-api/bookinfo-gateway.yaml'),
];

export const bookinfoCluster = () =>
  simulateNamespace(
    { name: 'bookinfo', labels: { 'istio-injection': 'enabled' } },
    bookinfoManifests(),
  );

export const sockShopCluster = () =>
  simulateNamespace(
    { name: 'sock-shop', labels: { 'istio.io/dataplane-mode': 'ambient' } },
    readYamlFixture('sock-shop/complete-demo.yaml'),
  );

export const onlineBoutiqueManifests = () => [
  ...readYamlFixture('online-boutique/kubernetes-manifests.yaml'),
  ...readYamlFixture('online-boutique/istio-manifests.yaml'),
];

export const onlineBoutiqueCluster = () =>
  simulateNamespace({ name: 'online-boutique' }, onlineBoutiqueManifests());
