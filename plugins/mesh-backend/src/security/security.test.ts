/*
 * mTLS from config: Istio's effective mode on Istio's own PeerAuthentication combinations (port level
 * included), Kiali's mesh and namespace verdicts, and the observed mTLS share on the demo's traffic.
 */
import { toClusterObjects } from '../kube/clusterObjects';
import { IstioObject, KubeObject } from '../kube/types';
import { DemoMesh } from '../sources/demo/DemoMesh';
import { DemoTelemetrySource } from '../sources/demo/DemoTelemetrySource';
import {
  describeWithFixtures,
  readYamlFixture,
} from '../__testUtils__/fixtures';
import { ValidationContext } from '../validation/context';
import { validateCluster } from '../validation/validateCluster';
import { contextWorkload } from '../validation/parity/__testUtils__/kialiScenarios';
import { resolveEffectiveMtls } from './effectiveMode';
import {
  clusterSecurity,
  namespaceSecurity,
  workloadSecurity,
} from './securityStatus';
import { trafficMtls } from './trafficMtls';
import { clusterNaming } from '../graph/nodeIdentity';
import { PackedSampleList, samplesOf } from '../sources/sampleList';
import { packedSnapshot } from '../__testUtils__/snapshotSamples';

/** An Istio ambient test input, placed in namespace `foo` unless it names one (as Istio's tests do). */
const security = (file: string): IstioObject[] =>
  (
    readYamlFixture(
      `istio/security/peer-authn-${file}-in.yaml`,
    ) as IstioObject[]
  ).map(o => ({ ...o, metadata: { namespace: 'foo', ...o.metadata } }));

describeWithFixtures(
  "Istio's effective mTLS mode on Istio's PeerAuthentication combinations",
  () => {
    // [file, mode of workload app=a in foo, its port modes]; workload policy > namespace > root > PERMISSIVE.
    const cases: Array<[string, string, Record<string, string>]> = [
      ['disable', 'DISABLE', {}],
      ['permissive', 'PERMISSIVE', {}],
      ['strict', 'STRICT', {}],
      ['strict-workload', 'STRICT', {}],
      ['disable-port-mtls-strict', 'DISABLE', { 9090: 'STRICT' }],
      ['permissive-port-mtls-strict', 'PERMISSIVE', { 9090: 'STRICT' }],
      [
        'permissive-port-mtls-strict-and-permissive',
        'PERMISSIVE',
        { 9090: 'STRICT', 8080: 'PERMISSIVE' },
      ],
      ['strict-and-disable-port-mtls', 'STRICT', { 9090: 'DISABLE' }],
      ['strict-and-permissive-port-mtls', 'STRICT', { 9090: 'PERMISSIVE' }],
      ['strict-and-strict-port-mtls', 'STRICT', { 8080: 'STRICT' }],
      [
        'strict-port-mtls-strict-and-permissive',
        'STRICT',
        { 9090: 'STRICT', 8080: 'PERMISSIVE' },
      ],
      ['unset-port-mtls-strict', 'PERMISSIVE', { 8080: 'STRICT' }],
      [
        'permissive-root-permissive-namespace-strict-workload-ports',
        'PERMISSIVE',
        { 9090: 'STRICT', 8080: 'STRICT' },
      ],
      [
        'permissive-root-permissive-workload',
        'PERMISSIVE',
        { 9090: 'PERMISSIVE' },
      ],
      [
        'permissive-root-strict-namespace-permissive-workload',
        'STRICT',
        { 9090: 'PERMISSIVE' },
      ],
      [
        'permissive-root-unset-namespace-mixed-workload-ports',
        'PERMISSIVE',
        { 9090: 'STRICT', 8080: 'PERMISSIVE' },
      ],
      [
        'strict-root-permissive-namespace-strict-workload',
        'PERMISSIVE',
        { 9090: 'STRICT' },
      ],
      ['strict-root-permissive-workload', 'STRICT', { 9090: 'PERMISSIVE' }],
      [
        'strict-root-unset-workload-port-mtls-strict-and-permissive',
        'STRICT',
        { 9090: 'PERMISSIVE', 8080: 'STRICT' },
      ],
    ];

    it.each(cases)('%s: workload %s, ports %j', (file, mode, ports) => {
      const effective = resolveEffectiveMtls(
        security(file),
        'istio-system',
        'foo',
        { app: 'a' },
      );
      expect({ mode: effective.mode, ports: effective.ports }).toEqual({
        mode,
        ports,
      });
    });

    it('applies workload policies only to the workloads they select', () => {
      const pas = security(
        'permissive-root-strict-namespace-permissive-workload',
      );
      expect(
        resolveEffectiveMtls(pas, 'istio-system', 'foo', { app: 'b' }),
      ).toMatchObject({ mode: 'STRICT', ports: {} });
      expect(
        resolveEffectiveMtls(pas, 'istio-system', 'bar', { app: 'a' }),
      ).toMatchObject({ mode: 'PERMISSIVE', ports: {} });
    });

    it('shows port-level policies as `mixed` inbound where Kiali sees only the workload mode', () => {
      const objects: KubeObject[] = [
        { apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'foo' } },
        contextWorkload('foo', 'a', { app: 'a' }),
        ...security(
          'permissive-root-permissive-namespace-strict-workload-ports',
        ),
      ];
      const ctx = new ValidationContext('east', toClusterObjects(objects, {}));
      const view = workloadSecurity(ctx, ctx.workloads[0]);
      expect(view).toMatchObject({
        effectiveMode: 'PERMISSIVE',
        portModes: { 9090: 'STRICT', 8080: 'STRICT' },
      });
      expect(view.policies.map(p => p.name)).toEqual([
        'workload',
        'default-foo',
        'default-mesh',
      ]);
    });
  },
);

describeWithFixtures(
  "Kiali's mesh-wide and namespace mTLS status (docs/kiali-semantics.md §4.3, §4.4)",
  () => {
    const meshPolicy = (mode: string) =>
      security(mode).map(o => ({
        ...o,
        metadata: { ...o.metadata, namespace: 'istio-system' },
      }));
    // Mesh-wide DestinationRules of Kiali's own scenarios: *.local ISTIO_MUTUAL (_12) and DISABLE (_10).
    const meshRule = (scenario: string) =>
      (
        readYamlFixture(
          `kiali/validations/authorization/mtls_enabled_checker_${scenario}.yaml`,
        ) as IstioObject[]
      ).filter(o => o.kind === 'DestinationRule');
    const POLICIES: Record<string, IstioObject[]> = {
      none: [],
      STRICT: meshPolicy('strict'),
      PERMISSIVE: meshPolicy('permissive'),
      DISABLE: meshPolicy('disable'),
    };
    const RULES: Record<string, IstioObject[]> = {
      none: [],
      ISTIO_MUTUAL: meshRule('12'),
      DISABLE: meshRule('10'),
    };
    const context = (objects: KubeObject[], autoMtls = true) =>
      new ValidationContext(
        'east',
        toClusterObjects(
          [
            ...['istio-system', 'bookinfo', 'foo'].map(name => ({
              apiVersion: 'v1',
              kind: 'Namespace',
              metadata: { name },
            })),
            ...objects,
          ],
          { enableAutoMtls: autoMtls },
        ),
      );

    it.each([
      ['STRICT', 'none', 'MTLS_ENABLED'],
      ['STRICT', 'ISTIO_MUTUAL', 'MTLS_ENABLED'],
      ['none', 'ISTIO_MUTUAL', 'MTLS_ENABLED'],
      ['PERMISSIVE', 'none', 'MTLS_PARTIALLY_ENABLED'],
      ['PERMISSIVE', 'ISTIO_MUTUAL', 'MTLS_PARTIALLY_ENABLED'],
      ['STRICT', 'DISABLE', 'MTLS_PARTIALLY_ENABLED'],
      ['DISABLE', 'none', 'MTLS_DISABLED'],
      ['DISABLE', 'DISABLE', 'MTLS_DISABLED'],
      ['none', 'none', 'MTLS_NOT_ENABLED'],
    ])('root policy %s with a *.local rule %s: %s', (policy, rule, status) => {
      expect(
        clusterSecurity(context([...POLICIES[policy], ...RULES[rule]])).status,
      ).toBe(status);
    });

    it.each([
      ['permissive', 'none', 'MTLS_PARTIALLY_ENABLED', 'PERMISSIVE'],
      ['strict', 'none', 'MTLS_ENABLED', 'STRICT'],
      ['disable', 'none', 'MTLS_DISABLED', 'DISABLE'],
      [null, 'STRICT', 'UNSET_INHERITED_STRICT', 'STRICT'],
      [null, 'DISABLE', 'UNSET_INHERITED_DISABLED', 'DISABLE'],
      [null, 'PERMISSIVE', 'UNSET', 'PERMISSIVE'],
      [null, 'none', 'UNSET', 'PERMISSIVE'],
    ])(
      'namespace policy %s under root policy %s: %s, enforcing %s',
      (ns, root, status, mode) => {
        const ctx = context([...(ns ? security(ns) : []), ...POLICIES[root]]);
        expect(
          namespaceSecurity(ctx, 'foo', validateCluster(ctx, []).findings),
        ).toMatchObject({ status, effectiveMode: mode });
      },
    );

    it('reports MTLS_VALIDATION_ERROR when a namespace-wide policy has an error (two of them: KIA0002)', () => {
      const ctx = context([...security('strict'), ...security('permissive')]);
      expect(
        namespaceSecurity(ctx, 'foo', validateCluster(ctx, []).findings).status,
      ).toBe('MTLS_VALIDATION_ERROR');
    });
  },
);

describe('observed mTLS share on the demo traffic', () => {
  const mesh = new DemoMesh({ epochSeconds: 1_700_000_000 });
  const time = new Date(1_700_000_000_000 + 3 * 3600_000);
  const share = async (...workloads: string[]) => {
    const { value } = await new DemoTelemetrySource(mesh).getTraffic({
      windowSeconds: 600,
      time,
    });
    return trafficMtls(
      value,
      clusterNaming(
        new Map([[mesh.model.istioClusterId, mesh.model.clusterName]]),
      ),
      new Set(workloads),
    );
  };

  it('sees the out-of-mesh load generator as plain text into the PERMISSIVE frontend: 12 of 18 rps', async () => {
    const { inbound, outbound } = await share('demo/online-boutique/frontend');
    expect(inbound.requestMtlsShare).toBeCloseTo(6 / 18, 2);
    expect(inbound.reportedRequestsPerSecond).toBeCloseTo(
      inbound.requestsPerSecond,
      6,
    );
    expect(outbound.requestMtlsShare).toBe(1);
  });

  it('does not count what only the client reported (the injected ratings fault) in the share', async () => {
    const { outbound } = await share(
      'demo/bookinfo/reviews-v2',
      'demo/bookinfo/reviews-v3',
    );
    expect(outbound.requestMtlsShare).toBe(1);
    expect(outbound.reportedRequestsPerSecond).toBeLessThan(
      outbound.requestsPerSecond * 0.99,
    );
  });

  it('counts ambient TCP once although ztunnel reports it from both ends', async () => {
    const { outbound, any } = await share('demo/sock-shop/carts');
    expect(outbound.bytesMtlsShare).toBe(1);
    expect(outbound.reportedBytesPerSecond).toBeCloseTo(
      outbound.bytesPerSecond,
      6,
    );
    const { value } = await new DemoTelemetrySource(mesh).getTraffic({
      windowSeconds: 600,
      time,
    });
    const fromCarts = samplesOf(value.tcpSent).filter(
      s =>
        s.labels.source_workload === 'carts' &&
        s.labels.reporter === 'destination',
    );
    expect(outbound.bytesPerSecond).toBeCloseTo(
      fromCarts.reduce((a, s) => a + s.value, 0),
      6,
    );
    expect(any.bytesPerSecond).toBeGreaterThan(outbound.bytesPerSecond);
  });

  it('reads a snapshot once per cluster naming: later scopes cost their own edges', async () => {
    const { value } = await new DemoTelemetrySource(mesh).getTraffic({
      windowSeconds: 600,
      time,
    });
    const snapshot = packedSnapshot(value);
    const reads = jest.spyOn(snapshot.requests as PackedSampleList, 'label');
    const naming = clusterNaming(
      new Map([[mesh.model.istioClusterId, mesh.model.clusterName]]),
    );
    const frontend = new Set(['demo/online-boutique/frontend']);
    // Every sample is read: its reporter in both passes, its policy in the second.
    const everySample = 3 * snapshot.requests.length;
    const first = await trafficMtls(snapshot, naming, frontend);
    expect(reads.mock.calls.length).toBeGreaterThanOrEqual(everySample);
    reads.mockClear();
    expect(await trafficMtls(snapshot, naming, frontend)).toEqual(first);
    const carts = await trafficMtls(
      snapshot,
      naming,
      new Set(['demo/sock-shop/carts']),
    );
    expect(reads).not.toHaveBeenCalled();
    // The same as over the samples as objects, read whole.
    expect(carts).toEqual(
      await trafficMtls(value, naming, new Set(['demo/sock-shop/carts'])),
    );
    // Another naming of the clusters reads it again.
    await trafficMtls(snapshot, clusterNaming(new Map()), frontend);
    expect(reads.mock.calls.length).toBeGreaterThanOrEqual(everySample);
  });
});
