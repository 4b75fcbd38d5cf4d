/*
 * Kiali's AmbientPolicyChecker scenarios for L7 config other than AuthorizationPolicies
 * (business/checkers/ambient_policy_checker_test.go), replayed on the demo cluster: Sock Shop runs
 * in ambient mode without a waypoint, Bookinfo with sidecars. Each test introduces one object (or
 * label) and looks only at the codes of this checker.
 */
import { ClusterObjects, IstioObject } from '../../kube/types';
import { ambientL7Checker } from './ambientL7';
import { demoFindings } from './demoFindings';

const CODES: readonly string[] = ambientL7Checker.codes;

const object = (
  apiVersion: string,
  kind: string,
  namespace: string,
  name: string,
  spec: Record<string, unknown>,
): IstioObject => ({ apiVersion, kind, metadata: { name, namespace }, spec });

const vs = (namespace: string, spec: Record<string, unknown>) =>
  object('networking.istio.io/v1', 'VirtualService', namespace, 'vs', spec);
const dr = (namespace: string, spec: Record<string, unknown>) =>
  object('networking.istio.io/v1', 'DestinationRule', namespace, 'dr', spec);
const httpRoute = [{ route: [{ destination: { host: 'carts' } }] }];

function labelNamespace(o: ClusterObjects, ns: string, value: string) {
  const n = o.namespaces.find(x => x.metadata.name === ns)!;
  n.metadata.labels = { ...n.metadata.labels, 'istio.io/use-waypoint': value };
}
function labelService(o: ClusterObjects, name: string, value: string) {
  const s = o.services.find(x => x.metadata.name === name)!;
  s.metadata.labels = { ...s.metadata.labels, 'istio.io/use-waypoint': value };
}

const ambientFindings = (change: (o: ClusterObjects) => void) =>
  demoFindings(change, {}, true).filter(f => CODES.includes(f.split(' ')[0]));

describe('ambient L7 VirtualServices and DestinationRules', () => {
  it('KIA1113: an L7 VirtualService for a Service that opted out of its namespace waypoint', () => {
    expect(
      ambientFindings(o => {
        labelNamespace(o, 'sock-shop', 'waypoint');
        labelService(o, 'carts', 'none');
        o.istio.push(vs('sock-shop', { hosts: ['carts'], http: httpRoute }));
      }),
    ).toEqual(['KIA1113 VirtualService/sock-shop/vs spec/hosts[0] warning']);
  });

  it('nothing when the Service is enrolled, or the routes are for an ingress Gateway only', () => {
    expect(
      ambientFindings(o => {
        labelService(o, 'carts', 'carts-waypoint');
        o.istio.push(vs('sock-shop', { hosts: ['carts'], http: httpRoute }));
      }),
    ).toEqual([]);
    expect(
      ambientFindings(o =>
        o.istio.push(
          vs('sock-shop', {
            hosts: ['carts'],
            gateways: ['my-ingress'],
            http: httpRoute,
          }),
        ),
      ),
    ).toEqual([]);
  });

  it('KIA1114: an L7 VirtualService in another namespace than the ambient Service', () => {
    expect(
      ambientFindings(o => {
        labelNamespace(o, 'sock-shop', 'waypoint');
        o.istio.push(
          vs('bookinfo', {
            hosts: ['carts.sock-shop.svc.cluster.local'],
            http: httpRoute,
          }),
        );
      }),
    ).toEqual(['KIA1114 VirtualService/bookinfo/vs spec/hosts[0] warning']);
  });

  it('KIA1109: no ambient destination resolves and the ambient namespace is not enrolled', () => {
    expect(
      ambientFindings(o =>
        o.istio.push(
          vs('sock-shop', { hosts: ['api.example.com'], http: httpRoute }),
        ),
      ),
    ).toEqual(['KIA1109 VirtualService/sock-shop/vs spec/hosts[0] warning']);
  });

  it('KIA0212 only: an L7 DestinationRule in another namespace, the Service enrolled by its namespace', () => {
    expect(
      ambientFindings(o => {
        labelNamespace(o, 'sock-shop', 'waypoint');
        o.istio.push(
          dr('bookinfo', {
            host: 'carts.sock-shop.svc.cluster.local',
            trafficPolicy: {
              connectionPool: { http: { http1MaxPendingRequests: 1024 } },
            },
          }),
        );
      }),
    ).toEqual(['KIA0212 DestinationRule/bookinfo/dr spec/host warning']);
  });

  it('KIA0211 for circuit breaking on a Service without waypoint; nothing for L4-only settings', () => {
    expect(
      ambientFindings(o =>
        o.istio.push(
          dr('sock-shop', {
            host: 'carts',
            trafficPolicy: { outlierDetection: { consecutive5xxErrors: 5 } },
          }),
        ),
      ),
    ).toEqual(['KIA0211 DestinationRule/sock-shop/dr spec/host warning']);
    expect(
      ambientFindings(o =>
        o.istio.push(
          dr('sock-shop', {
            host: 'carts',
            trafficPolicy: { connectionPool: { tcp: { maxConnections: 10 } } },
          }),
        ),
      ),
    ).toEqual([]);
  });
});

describe('ambient RequestAuthentications, WasmPlugins and Telemetry', () => {
  const ra = (namespace: string, spec: Record<string, unknown>) =>
    object(
      'security.istio.io/v1',
      'RequestAuthentication',
      namespace,
      'jwt',
      spec,
    );
  const wasm = (namespace: string, spec: Record<string, unknown>) =>
    object(
      'extensions.istio.io/v1alpha1',
      'WasmPlugin',
      namespace,
      'wasm',
      spec,
    );
  const telemetry = (namespace: string, spec: Record<string, unknown>) =>
    object('telemetry.istio.io/v1', 'Telemetry', namespace, 'tel', spec);
  const jwtRules = [{ issuer: 'https://issuer.example.com' }];
  const cartsRef = {
    targetRefs: [{ kind: 'Service', group: '', name: 'carts' }],
  };

  it('KIA1115 and KIA1110: a selector RequestAuthentication in an ambient namespace without waypoint', () => {
    expect(
      ambientFindings(o =>
        o.istio.push(
          ra('sock-shop', {
            selector: { matchLabels: { name: 'carts' } },
            jwtRules,
          }),
        ),
      ),
    ).toEqual([
      'KIA1110 RequestAuthentication/sock-shop/jwt  warning',
      'KIA1115 RequestAuthentication/sock-shop/jwt  warning',
    ]);
  });

  it('nothing for targetRefs to an enrolled Service, or outside ambient namespaces', () => {
    expect(
      ambientFindings(o => {
        labelService(o, 'carts', 'waypoint');
        o.istio.push(ra('sock-shop', { ...cartsRef, jwtRules }));
      }),
    ).toEqual([]);
    expect(
      ambientFindings(o => o.istio.push(ra('bookinfo', { jwtRules }))),
    ).toEqual([]);
  });

  it('KIA1116 and KIA1111: a WasmPlugin without targetRefs; nothing in a sidecar namespace', () => {
    expect(
      ambientFindings(o =>
        o.istio.push(wasm('sock-shop', { url: 'oci://example/filter:1' })),
      ),
    ).toEqual([
      'KIA1111 WasmPlugin/sock-shop/wasm  warning',
      'KIA1116 WasmPlugin/sock-shop/wasm  warning',
    ]);
    expect(
      ambientFindings(o =>
        o.istio.push(wasm('bookinfo', { url: 'oci://example/filter:1' })),
      ),
    ).toEqual([]);
  });

  it('KIA1117 and KIA1112 for L7 Telemetry (tracing); nothing for L4 metrics or the control plane', () => {
    const tracing = { tracing: [{ randomSamplingPercentage: 10 }] };
    expect(
      ambientFindings(o => o.istio.push(telemetry('sock-shop', tracing))),
    ).toEqual([
      'KIA1112 Telemetry/sock-shop/tel  warning',
      'KIA1117 Telemetry/sock-shop/tel  warning',
    ]);
    expect(
      ambientFindings(o =>
        o.istio.push(
          telemetry('sock-shop', {
            metrics: [{ providers: [{ name: 'prometheus' }] }],
          }),
        ),
      ),
    ).toEqual([]);
    expect(
      ambientFindings(o => o.istio.push(telemetry('istio-system', tracing))),
    ).toEqual([]);
  });
});
