/*
 * One misconfiguration at a time on the demo mesh (Bookinfo, Online Boutique, Sock Shop, istio-system),
 * for the checks Kiali's scenarios do not exercise. The demo itself is clean (validateCluster.test.ts),
 * so every finding below comes from the change.
 */
import { ClusterObjects, IstioObject } from '../../kube/types';
import { demoFindings } from './demoFindings';

const istio = (
  kind: string,
  namespace: string,
  name: string,
  spec: Record<string, unknown>,
  group = 'networking.istio.io',
): IstioObject => ({
  apiVersion: `${group}/v1`,
  kind,
  metadata: { name, namespace },
  spec,
});
const add =
  (...objects: IstioObject[]) =>
  (o: ClusterObjects) =>
    o.istio.push(...objects);
const findings = (change: (o: ClusterObjects) => void, options = {}) =>
  demoFindings(change, options, true);
const service = (o: ClusterObjects, name: string) =>
  o.services.find(s => s.metadata.name === name)!;

describe('Service checks', () => {
  it('KIA0601: a port name Istio cannot read a protocol from', () => {
    expect(
      findings(o => (service(o, 'details').spec!.ports![0].name = 'web')),
    ).toEqual(['KIA0601 Service/bookinfo/details spec/ports[0] error']);
  });

  it('KIA0602: an appProtocol Istio does not know', () => {
    expect(
      findings(
        o => (service(o, 'details').spec!.ports![0].appProtocol = 'soap'),
      ),
    ).toEqual(['KIA0602 Service/bookinfo/details spec/ports[0] error']);
  });

  it('KIA0701: a target port no container exposes', () => {
    expect(
      findings(o => (service(o, 'carts').spec!.ports![0].targetPort = 8080)),
    ).toEqual(['KIA0701 Service/sock-shop/carts spec/ports[0] warning']);
  });
});

describe('selector checks', () => {
  const pa = (name: string, spec: Record<string, unknown>) =>
    istio('PeerAuthentication', 'bookinfo', name, spec, 'security.istio.io');

  it('KIA0002: two namespace-wide PeerAuthentications', () => {
    expect(
      findings(add(pa('second', { mtls: { mode: 'PERMISSIVE' } }))),
    ).toEqual([
      'KIA0002 PeerAuthentication/bookinfo/default spec/selector error',
      'KIA0002 PeerAuthentication/bookinfo/second spec/selector error',
    ]);
  });

  it('KIA0003: two PeerAuthentications selecting the same workload; KIA0004: one selecting none', () => {
    const reviews = {
      selector: { matchLabels: { app: 'reviews' } },
      mtls: { mode: 'STRICT' },
    };
    const v2 = {
      selector: { matchLabels: { app: 'reviews', version: 'v2' } },
      mtls: { mode: 'STRICT' },
    };
    expect(
      findings(
        add(
          pa('reviews', reviews),
          pa('reviews-v2', v2),
          pa('nothing', { selector: { matchLabels: { app: 'nope' } } }),
        ),
      ),
    ).toEqual([
      'KIA0004 PeerAuthentication/bookinfo/nothing spec/selector/matchLabels warning',
      'KIA0003 PeerAuthentication/bookinfo/reviews spec/selector error',
      'KIA0003 PeerAuthentication/bookinfo/reviews-v2 spec/selector error',
    ]);
  });
});

describe('Gateway checks', () => {
  const gateway = (name: string, hosts: string[]) =>
    istio('Gateway', 'online-boutique', name, {
      selector: { istio: 'ingressgateway' },
      servers: [
        { port: { number: 8080, name: 'http', protocol: 'HTTP' }, hosts },
      ],
    });

  it('KIA0301: a second Gateway on the ingress gateway claiming `*` on the same port', () => {
    expect(findings(add(gateway('boutique', ['shop.example.com'])))).toEqual([
      'KIA0301 Gateway/bookinfo/bookinfo-gateway spec/servers[0]/hosts[0] warning',
      'KIA0301 Gateway/online-boutique/boutique spec/servers[0]/hosts[0] warning',
    ]);
  });

  it('KIA0301 also for a wildcard covering a name, but not for two wildcards', () => {
    const change =
      (hostsA: string[], hostsB: string[]) => (o: ClusterObjects) => {
        o.istio = o.istio.filter(i => i.kind !== 'Gateway');
        o.istio.push(gateway('a', hostsA), gateway('b', hostsB));
      };
    expect(
      findings(change(['*.example.com'], ['shop.example.com'])).filter(f =>
        f.startsWith('KIA0301'),
      ),
    ).toHaveLength(2);
    expect(
      findings(change(['*.example.com'], ['*.shop.example.com'])).filter(f =>
        f.startsWith('KIA0301'),
      ),
    ).toEqual([]);
  });
});

describe('Sidecar checks', () => {
  it('KIA1004: an egress host with no Service; KIA1006: a selector on the global default Sidecar', () => {
    const local = istio('Sidecar', 'bookinfo', 'default', {
      egress: [
        {
          hosts: [
            './*',
            'istio-system/*',
            './reviews.bookinfo.svc.cluster.local',
            './revews.bookinfo.svc.cluster.local',
          ],
        },
      ],
    });
    const global = istio('Sidecar', 'istio-system', 'default', {
      workloadSelector: { labels: { app: 'istio-ingressgateway' } },
    });
    expect(findings(add(local, global))).toEqual([
      'KIA1004 Sidecar/bookinfo/default spec/egress[0]/hosts[3] warning',
      'KIA1006 Sidecar/istio-system/default spec/workloadSelector warning',
    ]);
  });
});

describe('VirtualService checks', () => {
  it('KIA1105: the same host and subset twice in one route', () => {
    const change = (o: ClusterObjects) => {
      const vs = o.istio.find(
        i => i.kind === 'VirtualService' && i.metadata.name === 'reviews',
      )!;
      vs.spec!.http[0].route[2].destination.subset = 'v2';
    };
    expect(findings(change)).toEqual([
      'KIA1105 VirtualService/bookinfo/reviews spec/http[0]/route[1]/host warning',
      'KIA1105 VirtualService/bookinfo/reviews spec/http[0]/route[2]/host warning',
    ]);
  });

  it('KIA1106: two VirtualServices for the same host; KIA1104: a lone destination with a partial weight', () => {
    const second = istio('VirtualService', 'bookinfo', 'reviews-canary', {
      hosts: ['reviews.bookinfo.svc.cluster.local'],
      http: [
        {
          route: [
            { destination: { host: 'reviews', subset: 'v3' }, weight: 10 },
          ],
        },
      ],
    });
    expect(findings(add(second))).toEqual([
      'KIA1106 VirtualService/bookinfo/reviews spec/hosts warning',
      'KIA1106 VirtualService/bookinfo/reviews-canary spec/hosts warning',
      'KIA1104 VirtualService/bookinfo/reviews-canary spec/http[0]/route[0]/weight warning',
    ]);
  });

  it('KIA1102: a gateway that does not exist, in both reference forms', () => {
    const vs = istio('VirtualService', 'online-boutique', 'frontend-external', {
      hosts: ['shop.example.com'],
      gateways: [
        'online-boutique/frontend-gateway',
        'bookinfo/bookinfo-gateway',
        'missing',
      ],
      http: [{ route: [{ destination: { host: 'frontend' } }] }],
    });
    expect(findings(add(vs))).toEqual([
      'KIA1102 VirtualService/online-boutique/frontend-external spec/gateways[0] error',
      'KIA1102 VirtualService/online-boutique/frontend-external spec/gateways[2] error',
    ]);
  });
});

describe('ServiceEntry checks', () => {
  const entry = (name: string, protocol: string) =>
    istio('ServiceEntry', 'online-boutique', name, {
      hosts: ['payments.example.com'],
      ports: [{ number: 443, name: 'tls', protocol }],
      location: 'MESH_EXTERNAL',
      resolution: 'DNS',
    });

  it('KIA1211: two ServiceEntries for the same host and port; KIA1212 when their protocols differ', () => {
    expect(findings(add(entry('a', 'TLS'), entry('b', 'TLS')))).toEqual([
      'KIA1211 ServiceEntry/online-boutique/a spec/ports[0] warning',
      'KIA1211 ServiceEntry/online-boutique/b spec/ports[0] warning',
    ]);
    expect(findings(add(entry('a', 'TLS'), entry('b', 'HTTPS')))).toEqual([
      'KIA1212 ServiceEntry/online-boutique/a spec/ports[0] warning',
      'KIA1212 ServiceEntry/online-boutique/b spec/ports[0] warning',
    ]);
  });
});

describe('AuthorizationPolicy checks', () => {
  it('KIA0104: an operation host not in the registry (a visible `*` VirtualService covers all, as in Kiali); KIA0108: a principal of another trust domain', () => {
    const ap = istio(
      'AuthorizationPolicy',
      'online-boutique',
      'frontend-callers',
      {
        selector: { matchLabels: { app: 'frontend' } },
        rules: [
          {
            from: [
              {
                source: {
                  principals: [
                    'cluster.local/ns/online-boutique/sa/online-boutique-loadgenerator',
                    'example.org/ns/x/sa/y',
                  ],
                },
              },
            ],
            to: [
              {
                operation: {
                  hosts: ['frontend', 'frontend.online-boutique', 'frontnd'],
                },
              },
            ],
          },
        ],
      },
      'security.istio.io',
    );
    // Bookinfo's ingress VirtualService claims `*`; kept to its namespace it no longer vouches for any host.
    const scoped = (o: ClusterObjects) => {
      o.istio.find(
        i => i.kind === 'VirtualService' && i.metadata.name === 'bookinfo',
      )!.spec!.exportTo = ['.'];
      o.istio.push(ap);
    };
    expect(findings(add(ap)).filter(f => f.startsWith('KIA0104'))).toEqual([]);
    expect(findings(scoped)).toEqual([
      'KIA0108 AuthorizationPolicy/online-boutique/frontend-callers spec/rules[0]/from[0]/source/principals[1] warning',
      'KIA0104 AuthorizationPolicy/online-boutique/frontend-callers spec/rules[0]/to[0]/operation/hosts[2] warning',
    ]);
  });
});

describe('mTLS conflict checks', () => {
  it('KIA0207: a namespace-wide DestinationRule disabling mTLS under a STRICT namespace policy', () => {
    const dr = istio('DestinationRule', 'bookinfo', 'no-mtls', {
      host: '*.bookinfo.svc.cluster.local',
      trafficPolicy: { tls: { mode: 'DISABLE' } },
    });
    expect(findings(add(dr))).toContain(
      'KIA0207 DestinationRule/bookinfo/no-mtls spec/trafficPolicy/tls/mode error',
    );
  });

  it('KIA0401 and KIA0501: STRICT policies without DestinationRules enabling mTLS, only when auto-mTLS is off', () => {
    const mesh = istio(
      'PeerAuthentication',
      'istio-system',
      'default',
      { mtls: { mode: 'STRICT' } },
      'security.istio.io',
    );
    expect(findings(add(mesh))).toEqual([]);
    expect(findings(add(mesh), { autoMtls: false })).toEqual([
      'KIA0501 PeerAuthentication/bookinfo/default spec/mtls error',
      'KIA0401 PeerAuthentication/istio-system/default spec/mtls error',
    ]);
  });
});
