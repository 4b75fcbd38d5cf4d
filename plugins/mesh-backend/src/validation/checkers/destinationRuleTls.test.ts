/*
 * Kiali's TrafficPolicyChecker scenarios (KIA0204, business/checkers/destinationrules/
 * traffic_policy_checker_test.go) and OutboundTrafficPolicyModeChecker (KIA1007), replayed on the
 * demo cluster. Online Boutique's productcatalogservice DestinationRule sets a connection pool and
 * outlier detection but no TLS.
 */
import { ClusterObjects, IstioObject } from '../../kube/types';
import { demoFindings } from './demoFindings';

const networking = (
  kind: string,
  namespace: string,
  name: string,
  spec: Record<string, unknown>,
): IstioObject => ({
  apiVersion: 'networking.istio.io/v1',
  kind,
  metadata: { name, namespace },
  spec,
});
const mutual = { trafficPolicy: { tls: { mode: 'ISTIO_MUTUAL' } } };
const only = (code: string, change: (o: ClusterObjects) => void) =>
  demoFindings(change, {}, true).filter(f => f.startsWith(code));

describe('KIA0204: mTLS of a wider DestinationRule overridden', () => {
  it('by a rule without TLS under a mesh-wide or namespace-wide ISTIO_MUTUAL rule', () => {
    const expected = [
      'KIA0204 DestinationRule/online-boutique/productcatalogservice spec/trafficPolicy warning',
    ];
    expect(
      only('KIA0204', o =>
        o.istio.push(
          networking('DestinationRule', 'online-boutique', 'default', {
            host: '*.online-boutique.svc.cluster.local',
            ...mutual,
          }),
        ),
      ),
    ).toEqual(expected);
    expect(
      only('KIA0204', o =>
        o.istio.push(
          networking('DestinationRule', 'istio-system', 'default', {
            host: '*.local',
            ...mutual,
          }),
        ),
      ),
    ).toContain(expected[0]);
  });

  it('not for rules with TLS (port-level too) or for rules of another namespace', () => {
    expect(
      only('KIA0204', o => {
        o.istio.push(
          networking('DestinationRule', 'bookinfo', 'default', {
            host: '*.bookinfo.svc.cluster.local',
            ...mutual,
          }),
          networking('DestinationRule', 'bookinfo', 'ports', {
            host: 'details-portlevel',
            trafficPolicy: {
              portLevelSettings: [
                { port: { number: 9080 }, tls: { mode: 'ISTIO_MUTUAL' } },
              ],
            },
          }),
        );
      }),
    ).toEqual([]);
  });
});

describe('KIA1007: an outboundTrafficPolicy without mode', () => {
  const sidecar = (outboundTrafficPolicy?: Record<string, unknown>) =>
    networking('Sidecar', 'bookinfo', 'default', {
      egress: [{ hosts: ['./*'] }],
      ...(outboundTrafficPolicy ? { outboundTrafficPolicy } : {}),
    });

  it('is ambiguous (info); no policy or an explicit mode is not', () => {
    expect(only('KIA1007', o => o.istio.push(sidecar({})))).toEqual([
      'KIA1007 Sidecar/bookinfo/default spec/outboundTrafficPolicy info',
    ]);
    for (const policy of [
      undefined,
      { mode: 'ALLOW_ANY' },
      { mode: 'REGISTRY_ONLY' },
    ])
      expect(only('KIA1007', o => o.istio.push(sidecar(policy)))).toEqual([]);
  });
});
