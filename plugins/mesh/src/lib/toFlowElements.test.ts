import { MeshEdge } from '@mesh-portal/plugin-mesh-common';
import { bookinfoGraph } from '../__fixtures__/bookinfo';
import {
  DEFAULT_EDGE_COLORS,
  EdgeColors,
  edgeLabel,
  mtlsStatus,
  toFlowElements,
  trafficSeverity,
} from './toFlowElements';

const edge = (id: string): MeshEdge => {
  const found = bookinfoGraph.edges.find(e => e.id === id);
  if (!found) throw new Error(`fixture has no edge ${id}`);
  return found;
};

describe('toFlowElements', () => {
  it('converts every node and only edges between existing nodes', () => {
    const dangling: MeshEdge = {
      ...edge('productpage-v1->details-v1'),
      id: 'dangling',
      target: 'east/bookinfo/workload/gone',
    };
    const { nodes, edges } = toFlowElements(
      { ...bookinfoGraph, edges: [...bookinfoGraph.edges, dangling] },
      { edgeLabel: 'rps' },
    );

    expect(nodes.map(n => n.id)).toEqual(bookinfoGraph.nodes.map(n => n.id));
    expect(edges).toHaveLength(bookinfoGraph.edges.length);
    const nodeIds = new Set(nodes.map(n => n.id));
    for (const e of edges) {
      expect(nodeIds.has(e.source)).toBe(true);
      expect(nodeIds.has(e.target)).toBe(true);
    }
    expect(edges.find(e => e.id === 'dangling')).toBeUndefined();
  });

  it('carries focus, flags, health and entity ref in node data', () => {
    const { nodes } = toFlowElements(bookinfoGraph, { edgeLabel: 'rps' });
    const byName = (name: string) => nodes.find(n => n.data.label === name)!;

    expect(nodes.filter(n => n.data.isFocus).map(n => n.data.label)).toEqual([
      'reviews-v1',
      'reviews-v2',
      'reviews-v3',
    ]);
    expect(byName('reviews-v3').data).toMatchObject({
      entityRef: 'component:default/reviews',
      version: 'v3',
      health: { status: 'failure' },
    });
    expect(byName('istio-ingressgateway').data).toMatchObject({
      isGateway: true,
      isRoot: true,
      isFocus: false,
    });
    expect(byName('ratings-v1').data.isAmbient).toBe(true);
    expect(byName('mongodb-v1').data).toMatchObject({
      isOutOfMesh: true,
      entityRef: undefined,
    });
    expect(byName('unknown').data.nodeType).toBe('unknown');
  });

  it('colours edges by error rate with the given palette', () => {
    const colors: EdgeColors = {
      idle: 'grey',
      ok: 'green',
      warning: 'orange',
      error: 'red',
    };
    const { edges } = toFlowElements(bookinfoGraph, {
      edgeLabel: 'rps',
      edgeColors: colors,
    });
    const stroke = (id: string) => edges.find(e => e.id === id)!.style?.stroke;

    expect(stroke('productpage-v1->reviews-v1')).toBe('green');
    expect(stroke('productpage-v1->reviews-v2')).toBe('orange');
    expect(stroke('productpage-v1->reviews-v3')).toBe('red');
    expect(
      edges.find(e => e.id === 'productpage-v1->reviews-v3')!.markerEnd,
    ).toEqual({ type: 'arrowclosed', color: 'red' });
  });

  it('uses the default palette when none is given', () => {
    const { edges } = toFlowElements(bookinfoGraph, { edgeLabel: 'rps' });
    expect(
      edges.find(e => e.id === 'productpage-v1->reviews-v3')!.style?.stroke,
    ).toBe(DEFAULT_EDGE_COLORS.error);
  });

  it.each([
    ['rps', 'productpage-v1->reviews-v2', '3.3 rps'],
    ['errorRate', 'productpage-v1->reviews-v2', '2%'],
    ['errorRate', 'productpage-v1->reviews-v3', '15%'],
    ['p95', 'productpage-v1->reviews-v2', '60 ms'],
    ['p95', 'productpage-v1->reviews-v3', '1.25 s'],
    ['mtls', 'productpage-v1->reviews-v3', '50% mTLS'],
    ['mtls', 'productpage-v1->details-v1', '100% mTLS'],
    // TCP carries bytes, not requests: every request metric shows throughput.
    ['rps', 'ratings-v1->mongodb-v1', '2 KiB/s'],
    ['p95', 'ratings-v1->mongodb-v1', '2 KiB/s'],
  ] as const)('labels %s of %s as %s', (metric, id, expected) => {
    const { edges } = toFlowElements(bookinfoGraph, { edgeLabel: metric });
    expect(edges.find(e => e.id === id)!.data?.label).toBe(expected);
  });

  it('leaves the label empty when the metric is unknown for an edge', () => {
    const noLatency = {
      ...edge('productpage-v1->reviews-v1'),
      latency: undefined,
    };
    expect(edgeLabel(noLatency, 'p95')).toBeUndefined();
    expect(
      edgeLabel({ ...noLatency, mtls: undefined }, 'mtls'),
    ).toBeUndefined();
  });

  it('marks mTLS coverage', () => {
    const { edges } = toFlowElements(bookinfoGraph, { edgeLabel: 'rps' });
    const mtls = (id: string) => edges.find(e => e.id === id)!.data?.mtls;

    expect(mtls('productpage-v1->details-v1')).toBe('full');
    expect(mtls('productpage-v1->reviews-v3')).toBe('partial');
    expect(mtls('unknown->productpage-v1')).toBe('none');
    expect(mtls('ratings-v1->mongodb-v1')).toBe('unknown');
    expect(mtlsStatus(0.9994)).toBe('partial');
  });
});

describe('trafficSeverity', () => {
  const base = edge('productpage-v1->reviews-v1');

  it.each([
    [{ errorRate: 0 }, 'ok'],
    [{ errorRate: 0.001 }, 'warning'],
    [{ errorRate: 0.0999 }, 'warning'],
    [{ errorRate: 0.1 }, 'error'],
    [{ rps: 0, errorRate: 0 }, 'idle'],
    [{ protocol: 'tcp' as const, rps: 0, bytesPerSecond: 10 }, 'ok'],
    [{ protocol: 'tcp' as const, rps: 0, bytesPerSecond: 0 }, 'idle'],
  ])('%j is %s', (change, expected) => {
    expect(trafficSeverity({ ...base, ...change })).toBe(expected);
  });

  it('carries owner and system, and names nodes and edges for assistive technology', () => {
    const graph = {
      ...bookinfoGraph,
      nodes: bookinfoGraph.nodes.map(n =>
        n.name === 'reviews-v2'
          ? {
              ...n,
              owner: 'group:default/team-a',
              system: 'system:default/bookinfo',
            }
          : n,
      ),
    };
    const { nodes, edges } = toFlowElements(graph, { edgeLabel: 'rps' });
    const reviews = nodes.find(n => n.data.label === 'reviews-v2')!;
    expect(reviews.data).toMatchObject({
      owner: 'group:default/team-a',
      system: 'system:default/bookinfo',
    });
    expect(reviews.ariaLabel).toBe('reviews-v2 (workload, degraded)');
    expect(
      edges.find(e => e.id === 'productpage-v1->reviews-v3')!.ariaLabel,
    ).toBe(
      'productpage-v1 → reviews-v3: HTTP · 3.4 rps · 15% errors · p95 1.25 s · 50% mTLS',
    );
  });

  it('dashes undeclared dependencies and greys silent ones, without moving dashes', () => {
    const graph = {
      ...bookinfoGraph,
      edges: [
        { ...edge('productpage-v1->details-v1'), drift: 'undeclared' as const },
        {
          ...edge('productpage-v1->reviews-v1'),
          drift: 'silent' as const,
          rps: 0,
        },
        { ...edge('productpage-v1->reviews-v2'), drift: 'declared' as const },
      ],
    };
    const { edges } = toFlowElements(graph, {
      edgeLabel: 'rps',
      animateTraffic: false,
    });
    const [undeclared, silent, declared] = edges;
    expect(undeclared.style?.strokeDasharray).toBe('8 5');
    expect(undeclared.ariaLabel).toContain('not declared in the catalog');
    expect(silent).toMatchObject({
      animated: false,
      data: { label: 'no traffic', drift: 'silent' },
    });
    expect(silent.style).toMatchObject({
      stroke: DEFAULT_EDGE_COLORS.idle,
      strokeDasharray: '2 4',
    });
    expect(declared.style?.strokeDasharray).toBeUndefined();
    expect(edges.every(e => !e.animated && !e.data?.animation)).toBe(true);
    // Traffic graphs animate live edges with dots.
    expect(
      toFlowElements(graph, { edgeLabel: 'rps' }).edges[2].data?.animation,
    ).toBeDefined();
  });
});
