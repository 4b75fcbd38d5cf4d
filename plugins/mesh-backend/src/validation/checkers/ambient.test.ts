/*
 * Ambient-mode checks (KIA1311–KIA1317, KIA0109/KIA0110) on the demo cluster, whose Sock Shop runs in
 * ambient mode and Bookinfo with sidecars, with one misconfiguration introduced at a time.
 */
import { ClusterObjects, Deployment, IstioObject } from '../../kube/types';
import { demoMeshModel } from '../../sources/demo/topologies';
import {
  demoFindings as demo,
  deploymentOf as deployment,
  podsOf,
} from './demoFindings';

const namespace = (o: ClusterObjects, name: string) =>
  o.namespaces.find(n => n.metadata.name === name)!;

function label(d: Deployment, o: ClusterObjects, key: string, value: string) {
  d.spec!.template.metadata!.labels![key] = value;
  podsOf(o, d.metadata.name).forEach(p => (p.metadata.labels![key] = value));
}

const cartsPolicy = (spec: Record<string, unknown>): IstioObject => ({
  apiVersion: 'security.istio.io/v1',
  kind: 'AuthorizationPolicy',
  metadata: { name: 'carts-get-only', namespace: 'sock-shop' },
  spec: { rules: [{ to: [{ operation: { methods: ['GET'] } }] }], ...spec },
});

const waypoint: Deployment = {
  apiVersion: 'apps/v1',
  kind: 'Deployment',
  metadata: { name: 'waypoint', namespace: 'sock-shop' },
  spec: {
    selector: {
      matchLabels: { 'gateway.networking.k8s.io/gateway-name': 'waypoint' },
    },
    template: {
      metadata: {
        labels: {
          'gateway.networking.k8s.io/gateway-name': 'waypoint',
          'gateway.istio.io/managed': 'istio.io-mesh-controller',
        },
      },
      spec: { containers: [{ name: 'istio-proxy' }] },
    },
  },
};

describe('ambient checks on the demo mesh', () => {
  it('KIA1311: a sidecar injection label on a workload of an ambient namespace', () => {
    expect(
      demo(o =>
        label(deployment(o, 'carts'), o, 'sidecar.istio.io/inject', 'true'),
      ),
    ).toEqual(['KIA1311 Deployment/sock-shop/carts']);
  });

  it('KIA1315 and KIA1316: a sidecar actually running in an ambient namespace', () => {
    const findings = demo(o => {
      const carts = deployment(o, 'carts');
      carts.spec!.template.spec!.containers.push({ name: 'istio-proxy' });
      podsOf(o, 'carts').forEach(p =>
        p.spec!.containers.push({ name: 'istio-proxy' }),
      );
    });
    expect(findings).toEqual([
      'KIA1315 Deployment/sock-shop/carts',
      'KIA1316 Deployment/sock-shop/carts',
    ]);
  });

  it('KIA1314: ambient redirection on a pod of a sidecar-injected namespace', () => {
    const findings = demo(o =>
      podsOf(o, 'ratings-v1').forEach(
        p =>
          (p.metadata.annotations = {
            'ambient.istio.io/redirection': 'enabled',
          }),
      ),
    );
    expect(findings).toEqual(['KIA1314 Deployment/bookinfo/ratings-v1']);
  });

  it('KIA1312 and KIA1313: a waypoint label outside ambient mode, naming no waypoint', () => {
    expect(
      demo(o =>
        label(
          deployment(o, 'details-v1'),
          o,
          'istio.io/use-waypoint',
          'waypoint',
        ),
      ),
    ).toEqual([
      'KIA1312 Deployment/bookinfo/details-v1',
      'KIA1313 Deployment/bookinfo/details-v1',
    ]);
  });

  it('KIA1313 for every workload of a namespace enrolled in a waypoint that does not exist, none once it runs', () => {
    const enrol = (o: ClusterObjects) =>
      (namespace(o, 'sock-shop').metadata.labels!['istio.io/use-waypoint'] =
        'waypoint');
    const missing = demo(enrol);
    expect(
      missing.every(f => f.startsWith('KIA1313 Deployment/sock-shop/')),
    ).toBe(true);
    expect(missing).toHaveLength(
      demoMeshModel.apps.find(a => a.id === 'sock-shop')!.services.length,
    );
    const withWaypoint = (o: ClusterObjects) => {
      enrol(o);
      o.deployments.push(waypoint);
    };
    expect(demo(withWaypoint)).toEqual([]);
  });

  it('KIA1317, KIA0109 and KIA0110: an L7 AuthorizationPolicy by selector in ambient mode without a waypoint', () => {
    const findings = demo(o =>
      o.istio.push(
        cartsPolicy({ selector: { matchLabels: { name: 'carts' } } }),
      ),
    );
    expect(findings).toEqual([
      'KIA1317 Deployment/sock-shop/carts',
      'KIA0109 AuthorizationPolicy/sock-shop/carts-get-only',
      'KIA0110 AuthorizationPolicy/sock-shop/carts-get-only',
    ]);
  });

  it('accepts the same policy bound by targetRefs to an enrolled Service with a running waypoint', () => {
    const findings = demo(o => {
      namespace(o, 'sock-shop').metadata.labels!['istio.io/use-waypoint'] =
        'waypoint';
      o.deployments.push(waypoint);
      o.istio.push(
        cartsPolicy({
          targetRefs: [{ kind: 'Service', group: '', name: 'carts' }],
        }),
      );
    });
    expect(findings).toEqual([]);
  });

  it('leaves L4 policies to ztunnel', () => {
    const l4: IstioObject = {
      ...cartsPolicy({ selector: { matchLabels: { name: 'carts' } } }),
    };
    l4.spec = {
      selector: { matchLabels: { name: 'carts' } },
      rules: [{ from: [{ source: { namespaces: ['sock-shop'] } }] }],
    };
    expect(demo(o => o.istio.push(l4))).toEqual([]);
  });
});
