/*
 * Kiali's series filtering and destination rules (docs/kiali-semantics.md §2.3), on hand-written
 * samples in Istio's label vocabulary; Kiali's own graph tests exercise them end to end
 * (kialiGraphParity.test.ts, TestComplexGraph).
 */
import { Sample, TrafficSnapshot } from '../sources/types';
import { buildTrafficMap } from './buildTrafficMap';

const client = {
  source_cluster: 'east',
  source_workload_namespace: 'tutorial',
  source_workload: 'customer-v1',
  source_canonical_service: 'customer',
  source_canonical_revision: 'v1',
};
const unserved = {
  destination_cluster: 'unknown',
  destination_workload_namespace: 'unknown',
  destination_workload: 'unknown',
  destination_canonical_service: 'unknown',
  destination_canonical_revision: 'unknown',
};
const request = (labels: Record<string, string>): Sample => ({
  labels: {
    reporter: 'source',
    request_protocol: 'http',
    response_code: '200',
    response_flags: '-',
    ...labels,
  },
  value: 10,
});
const nodesOf = (requests: Sample[]) => {
  const snapshot: TrafficSnapshot = {
    requests,
    tcpSent: [],
    tcpReceived: [],
    latency: [],
  };
  return [...buildTrafficMap(snapshot, 'workload', id => id).nodes.keys()];
};

describe('telemetry filters and destination rules', () => {
  it('drops a source with a namespace but neither workload nor app, and a Service named after a pod IP', () => {
    expect(
      nodesOf([
        request({
          ...client,
          source_workload: 'unknown',
          source_canonical_service: 'unknown',
          ...unserved,
          destination_service: 'a.b.svc.cluster.local',
          destination_service_name: 'a',
          destination_service_namespace: 'b',
        }),
        request({
          ...client,
          ...unserved,
          destination_service: '10.20.30.40:9080',
          destination_service_name: '10.20.30.40:9080',
          destination_service_namespace: 'bookinfo',
        }),
      ]),
    ).toEqual([]);
  });

  it("assumes the source's cluster for an unknown destination cluster only when the Service's namespace is known (istio#29373)", () => {
    expect(
      nodesOf([
        request({
          ...client,
          ...unserved,
          destination_service: 'reviews.bookinfo.svc.cluster.local',
          destination_service_name: 'reviews',
          destination_service_namespace: 'unknown',
        }),
        request({
          ...client,
          ...unserved,
          destination_service: 'details.bookinfo.svc.cluster.local',
          destination_service_name: 'details',
          destination_service_namespace: 'bookinfo',
        }),
      ]),
    ).toEqual([
      'wl:east:tutorial:customer-v1',
      'svc:unknown:unknown:reviews',
      'svc:east:bookinfo:details',
    ]);
  });

  it("maps the egress gateway's host to the egress gateway workload (kiali#2999)", () => {
    const host = 'istio-egressgateway.istio-system.svc.cluster.local';
    expect(
      nodesOf([
        request({
          ...client,
          ...unserved,
          destination_service: host,
          destination_service_name: host,
          destination_service_namespace: 'unknown',
        }),
      ]),
    ).toEqual([
      'wl:east:tutorial:customer-v1',
      'wl:east:istio-system:istio-egressgateway',
    ]);
  });
});
