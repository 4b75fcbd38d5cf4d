/*
 * Gateway API checks on real inputs: Istio's Bookinfo (platform/kube/bookinfo.yaml and
 * bookinfo-versions.yaml) with its Gateway API samples (gateway-api/bookinfo-gateway.yaml and
 * route-reviews-90-10.yaml, whose HTTPRoute attaches to the reviews Service as an ambient waypoint
 * route) in namespace bookinfo, from ../shared/fixtures. The samples are valid; each test breaks
 * one thing the way Kiali's k8sgateways, k8shttproutes and k8sreferencegrants tests do.
 */
import { toClusterObjects } from '../../kube/clusterObjects';
import { IstioObject, KubeObject } from '../../kube/types';
import {
  describeWithFixtures,
  readYamlFixture,
} from '../../__testUtils__/fixtures';
import { ValidationContext } from '../context';
import { gatewayApiGatewaysChecker } from './gatewayApiGateways';
import { gatewayApiRoutesChecker } from './gatewayApiRoutes';

const BOOKINFO = [
  'istio/bookinfo/platform/kube/bookinfo.yaml',
  'istio/bookinfo/platform/kube/bookinfo-versions.yaml',
  'istio/bookinfo/gateway-api/bookinfo-gateway.yaml',
  'istio/bookinfo/gateway-api/route-reviews-90-10.yaml',
];

const namespace = (name: string, labels?: Record<string, string>) => ({
  apiVersion: 'v1',
  kind: 'Namespace',
  metadata: { name, ...(labels ? { labels } : {}) },
});

function bookinfo(): KubeObject[] {
  return [
    namespace('bookinfo'),
    namespace('shop', { team: 'shop' }),
    namespace('istio-system'),
    ...BOOKINFO.flatMap(f => readYamlFixture(f) as KubeObject[]).map(o => ({
      ...o,
      metadata: { ...o.metadata, namespace: 'bookinfo' },
    })),
  ];
}

function findings(change: (objects: KubeObject[]) => void = () => {}) {
  const objects = bookinfo();
  change(objects);
  const ctx = new ValidationContext(
    'east',
    toClusterObjects(objects, { rootNamespace: 'istio-system' }),
  );
  return [gatewayApiRoutesChecker, gatewayApiGatewaysChecker]
    .flatMap(c => c.check(ctx))
    .map(
      f =>
        `${f.code} ${f.object.kind}/${f.object.namespace}/${f.object.name} ${f.path}`,
    );
}

const find = (objects: KubeObject[], kind: string, name: string) =>
  objects.find(o => o.kind === kind && o.metadata.name === name) as IstioObject;

const route = (ns: string, spec: Record<string, unknown>): KubeObject =>
  ({
    apiVersion: 'gateway.networking.k8s.io/v1',
    kind: 'HTTPRoute',
    metadata: { name: 'shop-route', namespace: ns },
    spec,
  } as KubeObject);

describeWithFixtures('Gateway API routes (KIA1401, KIA1402, KIA1601)', () => {
  it("Istio's Bookinfo Gateway API samples are valid", () => {
    expect(findings()).toEqual([]);
  });

  it('KIA1402: a weighted backend whose Service does not exist', () => {
    expect(
      findings(objects =>
        objects.splice(
          objects.indexOf(find(objects, 'Service', 'reviews-v2')),
          1,
        ),
      ),
    ).toEqual([
      'KIA1402 HTTPRoute/bookinfo/reviews spec/rules[0]/backendRefs[1]/name',
    ]);
  });

  it('KIA1401: a parent Gateway that does not exist, or does not admit the route’s namespace', () => {
    expect(
      findings(objects => {
        find(objects, 'HTTPRoute', 'bookinfo').spec!.parentRefs[0].name =
          'gone';
      }),
    ).toEqual([
      'KIA1401 HTTPRoute/bookinfo/bookinfo spec/parentRefs[0]/name/gone',
    ]);
    const shopRoute = route('shop', {
      parentRefs: [{ name: 'bookinfo-gateway', namespace: 'bookinfo' }],
    });
    expect(findings(objects => objects.push(shopRoute))).toEqual([
      'KIA1401 HTTPRoute/shop/shop-route spec/parentRefs[0]/name/bookinfo-gateway',
    ]);
    expect(
      findings(objects => {
        objects.push(shopRoute);
        find(
          objects,
          'Gateway',
          'bookinfo-gateway',
        ).spec!.listeners[0].allowedRoutes = {
          namespaces: {
            from: 'Selector',
            selector: { matchLabels: { team: 'shop' } },
          },
        };
      }),
    ).toEqual([]);
  });

  it('KIA1402 for a Service of another namespace unless a ReferenceGrant allows it; KIA1601 for a grant from nowhere', () => {
    const shopRoute = route('shop', {
      rules: [
        {
          backendRefs: [{ name: 'details', namespace: 'bookinfo', port: 9080 }],
        },
      ],
    });
    const grant = (from: string) =>
      ({
        apiVersion: 'gateway.networking.k8s.io/v1beta1',
        kind: 'ReferenceGrant',
        metadata: { name: 'from-shop', namespace: 'bookinfo' },
        spec: {
          from: [
            {
              group: 'gateway.networking.k8s.io',
              kind: 'HTTPRoute',
              namespace: from,
            },
          ],
          to: [{ group: '', kind: 'Service' }],
        },
      } as KubeObject);
    expect(findings(objects => objects.push(shopRoute))).toEqual([
      'KIA1402 HTTPRoute/shop/shop-route spec/rules[0]/backendRefs[0]/name',
    ]);
    expect(findings(objects => objects.push(shopRoute, grant('shop')))).toEqual(
      [],
    );
    expect(findings(objects => objects.push(grant('nowhere')))).toEqual([
      'KIA1601 ReferenceGrant/bookinfo/from-shop spec/from[0]/namespace',
    ]);
  });
});

describeWithFixtures('Gateway API Gateways (KIA1501, KIA1503, status)', () => {
  const gateway = (name: string, listeners: unknown[], status?: unknown) =>
    ({
      apiVersion: 'gateway.networking.k8s.io/v1',
      kind: 'Gateway',
      metadata: { name, namespace: 'bookinfo' },
      spec: { gatewayClassName: 'istio', listeners },
      ...(status ? { status } : {}),
    } as KubeObject);
  const http = (name: string) => ({
    name,
    hostname: 'bookinfo.example.com',
    port: 80,
    protocol: 'HTTP',
  });

  it('KIA1501 on both Gateways with the same listener; KIA1503 within one', () => {
    expect(
      findings(objects =>
        objects.push(gateway('a', [http('web')]), gateway('b', [http('web')])),
      ),
    ).toEqual([
      'KIA1501 Gateway/bookinfo/a spec/listeners[0]/hostname',
      'KIA1501 Gateway/bookinfo/b spec/listeners[0]/hostname',
    ]);
    expect(
      findings(objects =>
        objects.push(gateway('a', [http('one'), http('two')])),
      ),
    ).toEqual([
      'KIA1503 Gateway/bookinfo/a spec/listeners[1]/name',
      'KIA1503 Gateway/bookinfo/a spec/listeners[0]/name',
    ]);
  });

  it("reports the controller's Accepted/Programmed verdicts, not its transitional states", () => {
    const condition = (type: string, reason: string, message: string) => ({
      type,
      status: 'False',
      reason,
      message,
    });
    expect(
      findings(objects =>
        objects.push(
          gateway('a', [http('web')], {
            conditions: [
              { type: 'Accepted', status: 'True', reason: 'Accepted' },
              condition(
                'Programmed',
                'Invalid',
                'Failed to assign to any requested addresses',
              ),
            ],
            listeners: [
              {
                name: 'web',
                conditions: [
                  condition(
                    'ResolvedRefs',
                    'InvalidCertificateRef',
                    'secret missing',
                  ),
                ],
              },
            ],
          }),
        ),
      ),
    ).toEqual([
      'GWAPI Gateway/bookinfo/a status/conditions[1]/reason/Invalid',
      'GWAPI Gateway/bookinfo/a status/conditions[0]/type/InvalidCertificateRef',
    ]);
    expect(
      findings(objects =>
        objects.push(
          gateway('a', [http('web')], {
            conditions: [
              condition('Programmed', 'Pending', 'Waiting for controller'),
              condition('Programmed', 'AddressNotAssigned', 'address pending'),
            ],
          }),
        ),
      ),
    ).toEqual([]);
  });
});
