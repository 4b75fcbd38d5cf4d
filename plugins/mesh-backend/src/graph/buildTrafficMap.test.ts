/*
 * Reporter de-duplication and node identity on hand-written samples in Istio's label vocabulary
 * (Kiali semantics §2.3-2.4).
 */
import { Sample, TrafficSnapshot } from '../sources/types';
import { buildTrafficMap, responseCode } from './buildTrafficMap';
import { edgeRps } from './types';

const peer = (
  side: 'source' | 'destination',
  ns: string,
  workload: string,
  app = workload.replace(/-v\d$/, ''),
  rev = 'v1',
) => ({
  [`${side}_cluster`]: 'Kubernetes',
  [`${side}_workload_namespace`]: ns,
  [`${side}_workload`]: workload,
  [`${side}_canonical_service`]: app,
  [`${side}_canonical_revision`]: rev,
});
const request = (labels: Record<string, string>, value: number): Sample => ({
  labels: {
    request_protocol: 'http',
    response_code: '200',
    grpc_response_status: '',
    response_flags: '-',
    ...labels,
  },
  value,
});
const svc = (name: string, ns: string) => ({
  destination_service: `${name}.${ns}.svc.cluster.local`,
  destination_service_name: name,
  destination_service_namespace: ns,
});
const snapshot = (
  requests: Sample[],
  tcpSent: Sample[] = [],
): TrafficSnapshot => ({ requests, tcpSent, tcpReceived: [], latency: [] });
const names = () => 'east';

describe('buildTrafficMap', () => {
  const edge = {
    ...peer('source', 'bookinfo', 'productpage-v1'),
    ...peer('destination', 'bookinfo', 'reviews-v2', 'reviews', 'v2'),
    ...svc('reviews', 'bookinfo'),
  };

  it('counts a request reported by both proxies once, with the server-side value', () => {
    const map = buildTrafficMap(
      snapshot([
        request(
          {
            ...edge,
            reporter: 'source',
            connection_security_policy: 'unknown',
          },
          10.5,
        ),
        request(
          {
            ...edge,
            reporter: 'destination',
            connection_security_policy: 'mutual_tls',
          },
          10,
        ),
      ]),
      'workload',
      names,
    );
    expect(map.edges.size).toBe(1);
    expect(edgeRps([...map.edges.values()][0])).toBe(10);
    expect([...map.nodes.keys()].sort()).toEqual([
      'wl:east:bookinfo:productpage-v1',
      'wl:east:bookinfo:reviews-v2',
    ]);
  });

  it('keeps source-only series such as a client-side 503 with its own flags', () => {
    const map = buildTrafficMap(
      snapshot([
        request({ ...edge, reporter: 'destination' }, 10),
        request({ ...edge, reporter: 'source' }, 10),
        request(
          {
            ...edge,
            reporter: 'source',
            response_code: '503',
            response_flags: 'UF',
          },
          1,
        ),
      ]),
      'workload',
      names,
    );
    expect([...map.edges.values()][0].responses).toEqual({
      '200': 10,
      '503': 1,
    });
  });

  it('makes a service node for requests that reached no workload and an unknown node for clients without identity', () => {
    const aborted = {
      ...peer('source', 'bookinfo', 'reviews-v2', 'reviews', 'v2'),
      destination_workload: 'unknown',
      destination_workload_namespace: 'unknown',
      destination_canonical_service: 'unknown',
      destination_cluster: 'unknown',
      ...svc('ratings', 'bookinfo'),
    };
    const anonymous = {
      source_workload: 'unknown',
      source_workload_namespace: 'unknown',
      source_canonical_service: 'unknown',
      source_cluster: 'unknown',
      ...peer('destination', 'shop', 'frontend', 'frontend', 'latest'),
      ...svc('frontend', 'shop'),
    };
    const map = buildTrafficMap(
      snapshot([
        request(
          {
            ...aborted,
            reporter: 'source',
            response_code: '500',
            response_flags: 'FI',
          },
          1,
        ),
        request({ ...anonymous, reporter: 'destination' }, 3),
      ]),
      'workload',
      names,
    );
    expect(map.nodes.get('svc:east:bookinfo:ratings')).toMatchObject({
      type: 'service',
      name: 'ratings',
    });
    expect(map.nodes.get('unknown:east')).toMatchObject({ type: 'unknown' });
    // `latest` is not a version (Kiali): the frontend node has none.
    expect(map.nodes.get('wl:east:shop:frontend')?.version).toBeUndefined();
  });

  it('keys nodes by app, or by app and version, for the app graph types', () => {
    const samples = ['v1', 'v2'].map(v =>
      request(
        {
          ...peer('source', 'bookinfo', 'productpage-v1'),
          ...peer('destination', 'bookinfo', `reviews-${v}`, 'reviews', v),
          ...svc('reviews', 'bookinfo'),
          reporter: 'destination',
        },
        5,
      ),
    );
    expect(
      [...buildTrafficMap(snapshot(samples), 'app', names).nodes.keys()].sort(),
    ).toEqual(['app:east:bookinfo:productpage', 'app:east:bookinfo:reviews']);
    expect(
      [
        ...buildTrafficMap(
          snapshot(samples),
          'versionedApp',
          names,
        ).nodes.keys(),
      ].sort(),
    ).toEqual([
      'vapp:east:bookinfo:productpage-v1',
      'vapp:east:bookinfo:reviews-v1',
      'vapp:east:bookinfo:reviews-v2',
    ]);
  });

  it('counts a request a waypoint and a client sidecar both report once, as the waypoint saw it (ambient L7)', () => {
    const l7 = {
      ...peer('source', 'shop', 'frontend'),
      ...peer('destination', 'shop', 'cart'),
      ...svc('cart', 'shop'),
    };
    const map = buildTrafficMap(
      snapshot([
        request({ ...l7, reporter: 'source' }, 12),
        request({ ...l7, reporter: 'waypoint' }, 11.5),
        request({ ...l7, reporter: 'waypoint', response_code: '503' }, 0.5),
      ]),
      'workload',
      names,
    );
    expect([...map.edges.values()].map(e => e.responses)).toEqual([
      { '200': 11.5, '503': 0.5 },
    ]);
  });

  it('de-duplicates ztunnel TCP reported from both ends', () => {
    const tcp = {
      ...peer('source', 'shop', 'carts'),
      ...peer('destination', 'shop', 'carts-db'),
      ...svc('carts-db', 'shop'),
      response_flags: '-',
      app: 'ztunnel',
    };
    const map = buildTrafficMap(
      snapshot(
        [],
        [
          { labels: { ...tcp, reporter: 'source' }, value: 100 },
          { labels: { ...tcp, reporter: 'destination' }, value: 90 },
        ],
      ),
      'workload',
      names,
    );
    expect([...map.edges.values()].map(e => [e.protocol, e.bytesSent])).toEqual(
      [['tcp', 90]],
    );
  });

  it.each([
    ['http', { response_code: '0' }, '-'],
    ['http', { response_code: '404' }, '404'],
    ['grpc', { response_code: '200', grpc_response_status: '14' }, '14'],
    ['grpc', { response_code: '503', grpc_response_status: '14' }, '503'],
    ['grpc', { response_code: '200', grpc_response_status: '' }, '200'],
  ] as const)(
    'normalises %s response %j to %s',
    (protocol, labels, expected) => {
      expect(responseCode(protocol, labels)).toBe(expected);
    },
  );
});
