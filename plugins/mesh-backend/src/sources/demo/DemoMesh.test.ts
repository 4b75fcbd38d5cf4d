/*
 * The demo's traffic must follow its Istio config: VirtualService weights, fault injection and
 * PeerAuthentication/DestinationRule mTLS. Each property is checked on the shipped config and again
 * after changing that config, so a generator that ignored the config would fail.
 */
import { Sample } from '../types';
import { DemoMesh } from './DemoMesh';
import {
  DEMO_TEST_EPOCH as EPOCH,
  demoTraffic as traffic,
  findObject,
  modelWith,
  sum,
  where,
} from './testModel';

describe('DemoMesh', () => {
  it('produces no config warnings for the shipped topologies', () => {
    const mesh = new DemoMesh({ epochSeconds: EPOCH });
    expect(mesh.warnings).toEqual([]);
    expect(mesh.workloads.map(w => w.name)).toEqual(
      expect.arrayContaining([
        'productpage-v1',
        'reviews-v1',
        'reviews-v2',
        'reviews-v3',
        'ratings-v1',
        'front-end',
        'frontend',
      ]),
    );
  });

  it.each([[[50, 25, 25]], [[80, 20, 0]]])(
    'splits reviews traffic by the VirtualService weights %j',
    async weights => {
      const model = modelWith(istio => {
        const vs = findObject(istio, 'VirtualService', 'bookinfo', 'reviews');
        vs.spec!.http[0].route.forEach(
          (r: any, i: number) => (r.weight = weights[i]),
        );
      });
      const requests = (
        await traffic(new DemoMesh({ model, epochSeconds: EPOCH }))
      ).requests;
      const toReviews = where(requests, {
        reporter: 'destination',
        source_workload: 'productpage-v1',
        destination_service_name: 'reviews',
      });
      const total = sum(toReviews);
      expect(total).toBeGreaterThan(0);
      ['v1', 'v2', 'v3'].forEach((v, i) => {
        const share =
          sum(where(toReviews, { destination_workload: `reviews-${v}` })) /
          total;
        expect(share).toBeCloseTo(weights[i] / 100, 3);
      });
    },
  );

  it.each([[5], [30]])(
    'answers %i%% of ratings calls with the injected HTTP 500, from the client proxy only',
    async percent => {
      const model = modelWith(istio => {
        findObject(
          istio,
          'VirtualService',
          'bookinfo',
          'ratings',
        ).spec!.http[0].fault.abort.percentage.value = percent;
      });
      const requests = (
        await traffic(new DemoMesh({ model, epochSeconds: EPOCH }))
      ).requests;
      const fromClients = where(requests, {
        reporter: 'source',
        destination_service_name: 'ratings',
      });
      const faulted = where(fromClients, {
        response_code: '500',
        response_flags: 'FI',
      });
      expect(sum(faulted) / sum(fromClients)).toBeCloseTo(percent / 100, 3);
      // The request never reached ratings: no workload on the destination side, no server report.
      expect(
        faulted.every(s => s.labels.destination_workload === 'unknown'),
      ).toBe(true);
      expect(
        where(requests, {
          reporter: 'destination',
          destination_service_name: 'ratings',
          response_code: '500',
        }),
      ).toEqual([]);
    },
  );

  it('uses mutual TLS under STRICT and plain text from the out-of-mesh load generator under PERMISSIVE', async () => {
    const requests = (await traffic(new DemoMesh({ epochSeconds: EPOCH })))
      .requests;
    const serverSide = where(requests, { reporter: 'destination' });
    const bookinfo = where(serverSide, {
      destination_workload_namespace: 'bookinfo',
    });
    expect(bookinfo.length).toBeGreaterThan(0);
    expect(
      bookinfo.every(s => s.labels.connection_security_policy === 'mutual_tls'),
    ).toBe(true);

    const boutique = where(serverSide, {
      destination_workload_namespace: 'online-boutique',
    });
    const plain = boutique.filter(
      s => s.labels.connection_security_policy === 'none',
    );
    expect(
      new Set(
        plain.map(
          s => `${s.labels.source_workload}->${s.labels.destination_workload}`,
        ),
      ),
    ).toEqual(new Set(['unknown->frontend']));
    // Source-side reports never claim to know the mTLS state (Istio reports `unknown` there).
    expect(
      where(requests, { reporter: 'source' }).every(
        s => s.labels.connection_security_policy === 'unknown',
      ),
    ).toBe(true);
  });

  it('rejects plain text when the namespace policy becomes STRICT, and honours a DestinationRule that disables TLS', async () => {
    const strict = modelWith(istio => {
      findObject(
        istio,
        'PeerAuthentication',
        'online-boutique',
        'default',
      ).spec!.mtls.mode = 'STRICT';
    });
    const strictMesh = new DemoMesh({ model: strict, epochSeconds: EPOCH });
    expect(strictMesh.warnings).toEqual([
      expect.stringMatching(/plain-text loadgenerator → frontend rejected/),
    ]);
    const strictRequests = (await traffic(strictMesh)).requests;
    expect(
      where(strictRequests, { connection_security_policy: 'none' }),
    ).toEqual([]);

    const disabled = modelWith((_istio, model) => {
      model.apps
        .find(a => a.id === 'online-boutique')!
        .istio.push({
          apiVersion: 'networking.istio.io/v1',
          kind: 'DestinationRule',
          metadata: { name: 'currency-plain', namespace: 'online-boutique' },
          spec: {
            host: 'currencyservice',
            trafficPolicy: { tls: { mode: 'DISABLE' } },
          },
        });
    });
    const requests = (
      await traffic(new DemoMesh({ model: disabled, epochSeconds: EPOCH }))
    ).requests;
    const toCurrency = where(requests, {
      reporter: 'destination',
      destination_workload: 'currencyservice',
    });
    expect(toCurrency.length).toBeGreaterThan(0);
    expect(
      toCurrency.every(s => s.labels.connection_security_policy === 'none'),
    ).toBe(true);
  });

  it('reports the ambient namespace through ztunnel as TCP only', async () => {
    const t = await traffic(new DemoMesh({ epochSeconds: EPOCH }));
    const insideSockShop = (s: Sample) =>
      s.labels.source_workload_namespace === 'sock-shop' &&
      s.labels.destination_workload_namespace === 'sock-shop';
    expect(t.requests.filter(insideSockShop)).toEqual([]);
    const tcp = t.tcpSent.filter(insideSockShop);
    expect(tcp.length).toBeGreaterThan(10);
    expect(
      tcp.every(
        s =>
          s.labels.app === 'ztunnel' &&
          s.labels.connection_security_policy === 'mutual_tls',
      ),
    ).toBe(true);
    expect(new Set(tcp.map(s => s.labels.reporter))).toEqual(
      new Set(['source', 'destination']),
    );
  });

  it('has counters that grow over time and rates that follow the load curve', () => {
    const mesh = new DemoMesh({ epochSeconds: EPOCH });
    const series = mesh.series.find(
      s =>
        s.metric === 'istio_requests_total' &&
        s.labels.reporter === 'destination',
    )!;
    const t = EPOCH + 7200;
    expect(mesh.valueAt(series, t + 60)).toBeGreaterThan(
      mesh.valueAt(series, t),
    );
    const rateNow = mesh
      .rates('istio_requests_total', new Date(t * 1000), 60)
      .find(s => s.labels === series.labels)!;
    const increase = mesh.valueAt(series, t) - mesh.valueAt(series, t - 60);
    expect(rateNow.value).toBeCloseTo(increase / 60, 9);
    // The load curve swings ±25% around the base rate.
    const rates = Array.from(
      { length: 30 },
      (_, i) =>
        mesh
          .rates('istio_requests_total', new Date((t + i * 30) * 1000), 30)
          .find(s => s.labels === series.labels)!.value,
    );
    expect(Math.max(...rates) / Math.min(...rates)).toBeGreaterThan(1.2);
  });

  it('writes cumulative latency histograms whose median lies in the configured median bucket', async () => {
    const mesh = new DemoMesh({ epochSeconds: EPOCH });
    const buckets = mesh.series.filter(
      s =>
        s.metric === 'istio_request_duration_milliseconds_bucket' &&
        s.labels.reporter === 'destination' &&
        s.labels.destination_workload === 'productpage-v1' &&
        s.labels.response_code === '200',
    );
    const byLe = buckets
      .map(
        b =>
          [
            b.labels.le === '+Inf' ? Infinity : Number(b.labels.le),
            b.perUnit,
          ] as const,
      )
      .sort((a, b) => a[0] - b[0]);
    expect(byLe).toHaveLength(20);
    byLe
      .slice(1)
      .forEach(([, v], i) => expect(v).toBeGreaterThanOrEqual(byLe[i][1]));
    const latency = (await traffic(mesh)).latency;
    const p50 = where(latency, {
      reporter: 'destination',
      destination_workload: 'productpage-v1',
      quantile: '0.5',
    });
    // productpage's median is 28 ms: inside Envoy's (25, 50] bucket.
    expect(p50[0].value).toBeGreaterThan(25);
    expect(p50[0].value).toBeLessThanOrEqual(50);
  });
});
