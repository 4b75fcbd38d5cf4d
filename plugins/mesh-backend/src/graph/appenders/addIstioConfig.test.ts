/*
 * Istio badges on Bookinfo as the Istio samples configure it (../shared/fixtures/istio): weighted
 * reviews routes, the ratings abort fault for jason, the gateway VirtualService, the Gateway API
 * gateway and mesh HTTPRoute. Golden file: node id → badges, on a workload + Service node set.
 */
import path from 'path';
import { toClusterObjects } from '../../kube/clusterObjects';
import { deriveWorkloads } from '../../kube/workloads';
import {
  describeWithFixtures,
  readYamlFixture,
} from '../../__testUtils__/fixtures';
import { expectGolden } from '../../__testUtils__/golden';
import { simulateNamespace } from '../../__testUtils__/kubeApi/simulateCluster';
import { GraphNode, TrafficMap } from '../types';
import { addIstioConfig } from './addIstioConfig';
import { indexWorkloads } from './workloadsOfNode';

const NETWORKING = 'istio/bookinfo/networking';

/*
 * The Deployments Istio runs for the gateways: the fixtures hold the Gateway objects but not
 * Istio's installation, so these two stand in with the pod labels Istio's charts and its
 * Gateway API controller give them (`istio: ingressgateway`; `gateway-name`).
 */
const gatewayDeployment = (name: string, labels: Record<string, string>) => ({
  apiVersion: 'apps/v1',
  kind: 'Deployment',
  metadata: { name, labels },
  spec: {
    selector: { matchLabels: labels },
    template: { metadata: { labels }, spec: { containers: [] } },
  },
});

function bookinfo(extra: any[] = []) {
  const objects = [
    ...simulateNamespace({ name: 'istio-system' }, [
      gatewayDeployment('istio-ingressgateway', {
        app: 'istio-ingressgateway',
        istio: 'ingressgateway',
      }),
    ]),
    ...simulateNamespace(
      { name: 'bookinfo', labels: { 'istio-injection': 'enabled' } },
      [
        ...readYamlFixture('istio/bookinfo/platform/kube/bookinfo.yaml'),
        ...readYamlFixture(
          'istio/bookinfo/platform/kube/bookinfo-versions.yaml',
        ),
        ...readYamlFixture(`${NETWORKING}/destination-rule-all.yaml`),
        ...readYamlFixture(`${NETWORKING}/bookinfo-gateway.yaml`),
        ...readYamlFixture(`${NETWORKING}/virtual-service-reviews-50-v3.yaml`),
        ...readYamlFixture(
          `${NETWORKING}/virtual-service-ratings-test-abort.yaml`,
        ),
        ...readYamlFixture('istio/bookinfo/gateway-api/bookinfo-gateway.yaml'),
        ...readYamlFixture(
          'istio/bookinfo/gateway-api/route-reviews-90-10.yaml',
        ),
        gatewayDeployment('bookinfo-gateway-istio', {
          'gateway.networking.k8s.io/gateway-name': 'bookinfo-gateway',
        }),
        ...extra,
      ],
    ),
  ];
  const cluster = toClusterObjects(objects, {});
  const workloads = deriveWorkloads('east', cluster);
  const services = cluster.services.map(s => ({ ...s, cluster: 'east' }));
  const nodes: GraphNode[] = [
    ...workloads.map(w => ({
      id: `wl:east:${w.namespace}:${w.name}`,
      type: 'workload' as const,
      cluster: 'east',
      namespace: w.namespace,
      name: w.name,
      workload: w.name,
      app: w.podLabels.app,
      version: w.podLabels.version,
    })),
    ...services.map(s => ({
      id: `svc:east:${s.metadata.namespace}:${s.metadata.name}`,
      type: 'service' as const,
      cluster: 'east',
      namespace: s.metadata.namespace!,
      name: s.metadata.name,
      service: s.metadata.name,
    })),
  ];
  const map: TrafficMap = {
    graphType: 'workload',
    nodes: new Map(nodes.map(n => [n.id, n])),
    edges: new Map(),
  };
  addIstioConfig(
    map,
    cluster.istio.map(o => ({ ...o, cluster: 'east' })),
    indexWorkloads(workloads),
    services,
  );
  return map;
}

const badges = (map: TrafficMap) =>
  Object.fromEntries(
    [...map.nodes.values()]
      .filter(n => n.istio)
      .map(n => [n.id, n.istio])
      .sort(([a], [b]) => String(a).localeCompare(String(b))),
  );

describeWithFixtures('addIstioConfig on the Istio Bookinfo samples', () => {
  it('badges routing, fault injection, traffic shifting and gateways', () => {
    const map = bookinfo();
    const istio = (id: string) => map.nodes.get(id)?.istio;
    // 50/50 between v1 and v3 (VirtualService) and 90/10 between v1 and v2 (HTTPRoute).
    expect(istio('svc:east:bookinfo:reviews')).toMatchObject({
      virtualServices: ['bookinfo/reviews'],
      routes: ['bookinfo/reviews'],
      trafficShifting: true,
    });
    expect(istio('wl:east:bookinfo:ratings-v1')).toMatchObject({
      virtualServices: ['bookinfo/ratings'],
      faultInjection: true,
    });
    expect(istio('wl:east:bookinfo:productpage-v1')?.virtualServices).toEqual([
      'bookinfo/bookinfo',
    ]);
    expect(istio('wl:east:istio-system:istio-ingressgateway')).toEqual({
      gateway: {
        role: 'ingress',
        gateways: [{ name: 'bookinfo/bookinfo-gateway', api: 'istio' }],
        hosts: ['*'],
      },
    });
    expect(
      istio('wl:east:bookinfo:bookinfo-gateway-istio')?.gateway?.gateways,
    ).toEqual([{ name: 'bookinfo/bookinfo-gateway', api: 'gateway-api' }]);
    // The samples' DestinationRules only declare subsets: no circuit breaker anywhere.
    expect(
      [...map.nodes.values()].filter(n => n.istio?.circuitBreaker),
    ).toEqual([]);
    expectGolden(
      path.join(__dirname, '..', '__golden__', 'istio-bookinfo-samples.json'),
      badges(map),
    );
  });

  it('gives a subset circuit breaker to that version only, and to the Service', () => {
    const [reviewsRule] = readYamlFixture(
      `${NETWORKING}/destination-rule-reviews.yaml`,
    );
    // The sample rule with one change: outlier detection on subset v2.
    reviewsRule.metadata.name = 'reviews-breaker';
    reviewsRule.spec.subsets[1].trafficPolicy = {
      outlierDetection: { consecutive5xxErrors: 3, interval: '10s' },
    };
    const map = bookinfo([reviewsRule]);
    const breakers = [...map.nodes.values()]
      .filter(n => n.istio?.circuitBreaker)
      .map(n => n.id)
      .sort();
    expect(breakers).toEqual([
      'svc:east:bookinfo:reviews',
      'wl:east:bookinfo:reviews-v2',
    ]);
  });
});
