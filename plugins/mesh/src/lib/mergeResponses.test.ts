import { MeshEntityConfigResponse } from '@mesh-portal/plugin-mesh-common';
import { bookinfoGraph } from '../__fixtures__/bookinfo';
import { demo } from '../__fixtures__/demo';
import {
  mergeConfigAnswers,
  mergeGraphs,
  mergeHealthAnswers,
  mergeSecurityAnswers,
  mergeTraceAnswers,
} from './mergeResponses';

const system = 'system:default/bookinfo';
const reviews = 'component:default/reviews';
const ratings = 'component:default/ratings';

describe('merging a System from its Components', () => {
  it('unions graph nodes and edges, marks focus from any member and remembers origins', () => {
    const ratingsGraph = {
      ...bookinfoGraph,
      nodes: bookinfoGraph.nodes.map(n => ({
        ...n,
        isFocus: n.name === 'ratings-v1',
      })),
      edges: [
        ...bookinfoGraph.edges.slice(0, 2),
        { ...bookinfoGraph.edges[2], id: 'only-in-ratings' },
      ],
    };
    const merged = mergeGraphs(system, [
      { entityRef: reviews, value: bookinfoGraph },
      { entityRef: ratings, value: ratingsGraph },
    ]);

    expect(merged.nodes).toHaveLength(bookinfoGraph.nodes.length);
    expect(
      merged.nodes
        .filter(n => n.isFocus)
        .map(n => n.name)
        .sort(),
    ).toEqual(['ratings-v1', 'reviews-v1', 'reviews-v2', 'reviews-v3']);
    expect(merged.edges).toHaveLength(bookinfoGraph.edges.length + 1);
    expect(merged.origin['only-in-ratings']).toBe(ratings);
    expect(merged.origin['productpage-v1->details-v1']).toBe(reviews);
    expect(merged.mapping.entityRef).toBe(system);
    expect(merged.mapping.workloads).toHaveLength(6);
  });

  it('keeps the worst health and each item once', () => {
    const failing = {
      ...demo.productpageHealth,
      health: { status: 'failure' as const, reasons: ['5xx 15%'] },
    };
    const merged = mergeHealthAnswers(system, [
      { entityRef: reviews, value: demo.productpageHealth },
      { entityRef: ratings, value: failing },
    ]);
    expect(merged.health.status).toBe('failure');
    expect(merged.health.reasons[0]).toBe('5xx 15%');
    expect(merged.items).toHaveLength(demo.productpageHealth.items.length);
  });

  it('sums traffic for mTLS shares and dedupes namespaces', () => {
    const { productpageSecurity } = demo;
    const plain = {
      ...productpageSecurity,
      traffic: {
        ...productpageSecurity.traffic,
        inbound: {
          ...productpageSecurity.traffic.inbound,
          reportedRequestsPerSecond: 10,
          requestsPerSecond: 10,
          mtlsRequestsPerSecond: 0,
        },
      },
    };
    const merged = mergeSecurityAnswers(system, [
      { entityRef: reviews, value: productpageSecurity },
      { entityRef: ratings, value: plain },
    ]);
    const reported =
      productpageSecurity.traffic.inbound.reportedRequestsPerSecond;
    expect(merged.traffic.inbound.requestMtlsShare).toBeCloseTo(
      reported / (reported + 10),
    );
    expect(merged.namespaces).toHaveLength(1);
  });

  it('merges config objects by reference, joining relations and findings', () => {
    const withFinding: MeshEntityConfigResponse = {
      ...demo.reviewsConfig,
      objects: demo.reviewsConfig.objects.map(o =>
        o.ref.kind === 'VirtualService'
          ? {
              ...o,
              valid: false,
              relations: ['workloadSelector'],
              checks: [
                {
                  code: 'KIA1107',
                  severity: 'error',
                  message: 'Subset not found',
                  path: 'spec/http[0]/route[0]',
                },
              ],
            }
          : o,
      ),
    };
    const merged = mergeConfigAnswers(system, [
      { entityRef: reviews, value: demo.reviewsConfig },
      { entityRef: ratings, value: withFinding },
    ]);
    const vs = merged.objects.find(o => o.ref.kind === 'VirtualService')!;
    expect(vs.relations).toEqual(
      expect.arrayContaining(['host', 'route', 'workloadSelector']),
    );
    expect(vs.valid).toBe(false);
    expect(merged.summary).toMatchObject({
      objects: demo.reviewsConfig.objects.length,
      invalidObjects: 1,
      errors: 1,
    });
  });

  it('merges traces newest first, each once, within the limit', () => {
    const { productpageTraces } = demo;
    const older = {
      ...productpageTraces,
      traces: productpageTraces.traces.map(t => ({
        ...t,
        traceId: `${t.traceId}x`,
        startTimeMicros: t.startTimeMicros - 1e9,
      })),
    };
    const merged = mergeTraceAnswers(system, [
      { entityRef: reviews, value: productpageTraces },
      { entityRef: ratings, value: older },
      { entityRef: ratings, value: productpageTraces },
    ]);
    expect(merged.traces).toHaveLength(productpageTraces.limit);
    expect(merged.traces.map(t => t.traceId)).toEqual(
      productpageTraces.traces.map(t => t.traceId),
    );
    expect(merged.origin[productpageTraces.traces[0].traceId]).toBe(reviews);
  });
});
