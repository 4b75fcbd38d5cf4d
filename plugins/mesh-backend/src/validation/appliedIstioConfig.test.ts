/*
 * Which Istio objects apply to a workload, on Kiali's "config that applies to workload X" fixture
 * (objects with and without workload selectors) and Istio's Bookinfo routing samples.
 */
import { toClusterObjects } from '../kube/clusterObjects';
import { Workload } from '../kube/workloads';
import {
  describeWithFixtures,
  readYamlFixture,
} from '../__testUtils__/fixtures';
import { appliedIstioConfig, servicesOf } from './appliedIstioConfig';

const workload = (
  namespace: string,
  podLabels: Record<string, string>,
): Workload => ({
  cluster: 'east',
  namespace,
  kind: 'Deployment',
  name: podLabels.app,
  labels: {},
  podLabels,
  desired: 1,
  current: 1,
  available: 1,
  dataplane: 'sidecar',
  pods: [],
});

describeWithFixtures('appliedIstioConfig', () => {
  const filterFixture = () =>
    toClusterObjects(
      readYamlFixture('kiali/misc/workload-selector-filter.yaml'),
      {},
    ).istio;
  const applied = (w: Workload, root = 'istio-system') =>
    appliedIstioConfig(w, [], filterFixture(), root)
      .map(
        a =>
          `${a.object.kind}/${a.object.metadata.namespace}/${a.object.metadata.name}: ${a.reasons}`,
      )
      .sort();

  it('applies selector policies to matching pods of their namespace, and from the root namespace to every namespace', () => {
    const security = workload('test-workload-selector', { app: 'my-security' });
    expect(applied(security)).toEqual([
      'AuthorizationPolicy/test-workload-selector/httpbin: workloadSelector',
      'RequestAuthentication/test-workload-selector/httpbin: workloadSelector',
    ]);
    // The PeerAuthentication lives in `foo`: it reaches this namespace only when `foo` is the root namespace.
    expect(applied(security, 'foo')).toContain(
      'PeerAuthentication/foo/httpbin: workloadSelector',
    );
    expect(
      applied(workload('test-workload-selector', { app: 'my-sidecar' })),
    ).toEqual(['Sidecar/test-workload-selector/my-sidecar: workloadSelector']);
    expect(
      applied(workload('test-workload-selector', { app: 'my-gateway' })),
    ).toEqual(['Gateway/test-workload-selector/my-gateway: workloadSelector']);
    expect(applied(workload('elsewhere', { app: 'my-security' }))).toEqual([]);
  });

  it('applies host-based routing through the Services that select the workload', () => {
    const objects = toClusterObjects(
      [
        ...readYamlFixture('istio/bookinfo/platform/kube/bookinfo.yaml'),
        ...readYamlFixture(
          'istio/bookinfo/networking/destination-rule-all.yaml',
        ),
        ...readYamlFixture(
          'istio/bookinfo/networking/virtual-service-reviews-50-v3.yaml',
        ),
        ...readYamlFixture(
          'istio/bookinfo/gateway-api/route-reviews-90-10.yaml',
        ),
        {
          apiVersion: 'security.istio.io/v1',
          kind: 'PeerAuthentication',
          metadata: { name: 'default', namespace: 'istio-system' },
          spec: { mtls: { mode: 'STRICT' } },
        },
      ].map(o => ({
        ...o,
        metadata: { namespace: 'bookinfo', ...o.metadata },
      })),
      {},
    );
    const reviews = workload('bookinfo', { app: 'reviews', version: 'v2' });
    const services = servicesOf(reviews, objects.services);
    expect(services.map(s => s.metadata.name)).toEqual(['reviews']);
    const result = appliedIstioConfig(
      reviews,
      services,
      objects.istio,
      'istio-system',
    )
      .map(a => `${a.object.kind}/${a.object.metadata.name}: ${a.reasons}`)
      .sort();
    expect(result).toEqual([
      'DestinationRule/reviews: host',
      'HTTPRoute/reviews: host', // a GAMMA route: its parent is the reviews Service
      'PeerAuthentication/default: meshWide',
      'VirtualService/reviews: host,route',
    ]);
  });
});
