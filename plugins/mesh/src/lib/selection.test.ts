import { bookinfoGraph } from '../__fixtures__/bookinfo';
import { findSelected, inboundMtlsShare, traceServicesOf } from './selection';

describe('selection', () => {
  it('resolves a node or an edge with its ends, and nothing for unknown ids', () => {
    const node = findSelected(bookinfoGraph, {
      kind: 'node',
      id: 'east/bookinfo/workload/reviews-v1',
    });
    expect(node?.kind === 'node' && node.node.name).toBe('reviews-v1');

    const edge = findSelected(bookinfoGraph, {
      kind: 'edge',
      id: 'productpage-v1->reviews-v3',
    });
    expect(
      edge?.kind === 'edge' && [edge.source?.name, edge.target?.name],
    ).toEqual(['productpage-v1', 'reviews-v3']);

    expect(
      findSelected(bookinfoGraph, { kind: 'edge', id: 'nope' }),
    ).toBeUndefined();
    expect(findSelected(bookinfoGraph, undefined)).toBeUndefined();
  });

  it("weights a node's inbound mTLS share by rate", () => {
    // productpage-v1: 10 rps at 100% from the gateway, 0.5 rps plain text from the unknown client.
    expect(
      inboundMtlsShare(bookinfoGraph, 'east/bookinfo/workload/productpage-v1'),
    ).toBeCloseTo(10 / 10.5);
    expect(
      inboundMtlsShare(
        bookinfoGraph,
        'east/istio-system/workload/istio-ingressgateway',
      ),
    ).toBeUndefined();
  });

  it('names the tracing services of an edge, leaving out ends without identity', () => {
    const edge = findSelected(bookinfoGraph, {
      kind: 'edge',
      id: 'productpage-v1->reviews-v3',
    })!;
    expect(traceServicesOf(edge)).toEqual([
      'productpage.bookinfo',
      'reviews.bookinfo',
    ]);
    const fromUnknown = findSelected(bookinfoGraph, {
      kind: 'edge',
      id: 'unknown->productpage-v1',
    })!;
    expect(traceServicesOf(fromUnknown)).toEqual(['productpage.bookinfo']);
  });
});
