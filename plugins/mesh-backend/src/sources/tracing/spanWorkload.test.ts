/* Span → workload, Kiali's way: node_id or hostname, and pod names without their hashes. */
import { spanFromWorkload, spanPod, workloadNamesOfPod } from './spanWorkload';

const reviewsV1 = { namespace: 'bookinfo', name: 'reviews-v1', pods: [] };

describe('span workloads', () => {
  it('reads pod and namespace from an Envoy node_id, and a pod from a hostname tag', () => {
    expect(
      spanPod({
        tags: {
          node_id:
            'sidecar~10.244.0.20~reviews-v1-667b5cc65d-4m24g.bookinfo~bookinfo.svc.cluster.local',
        },
      }),
    ).toEqual({
      pod: 'reviews-v1-667b5cc65d-4m24g',
      namespace: 'bookinfo',
    });
    expect(
      spanPod({ tags: { hostname: 'ratings-v1-77bdbf89bb-qd48j' } }),
    ).toEqual({ pod: 'ratings-v1-77bdbf89bb-qd48j' });
    expect(spanPod({ tags: { node_id: 'garbage' } })).toBeUndefined();
  });

  it('strips ReplicaSet and pod hashes, and StatefulSet ordinals', () => {
    expect(workloadNamesOfPod('reviews-v1-667b5cc65d-4m24g')).toContain(
      'reviews-v1',
    );
    expect(workloadNamesOfPod('mysql-0')).toEqual(['mysql']);
    expect(workloadNamesOfPod('plainpod')).toEqual([]);
  });

  it('matches a span to a workload by name and namespace, including pods gone since the trace', () => {
    const node = (pod: string, ns = 'bookinfo') => ({
      tags: {
        node_id: `sidecar~10.0.0.1~${pod}.${ns}~${ns}.svc.cluster.local`,
      },
    });
    expect(
      spanFromWorkload(node('reviews-v1-667b5cc65d-4m24g'), reviewsV1),
    ).toBe(true);
    expect(
      spanFromWorkload(node('reviews-v2-6f76498fc8-58wpn'), reviewsV1),
    ).toBe(false);
    expect(
      spanFromWorkload(node('reviews-v1-667b5cc65d-4m24g', 'other'), reviewsV1),
    ).toBe(false);
    expect(
      spanFromWorkload(node('custom-name'), {
        ...reviewsV1,
        pods: ['custom-name'],
      }),
    ).toBe(true);
  });
});
