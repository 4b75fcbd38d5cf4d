import { MeshEdge, MeshNode } from '@mesh-portal/plugin-mesh-common';
import { applyNodeCap, neighbourhood } from './nodeCap';

const node = (id: string): MeshNode => ({
  id,
  type: 'workload',
  cluster: 'c',
  namespace: 'n',
  name: id,
  health: { status: 'healthy', reasons: [] },
});
const edge = (source: string, target: string): MeshEdge => ({
  id: `${source}->${target}`,
  source,
  target,
  protocol: 'http',
  rps: 1,
  errorRate: 0,
});

// a → b → c → d → e, and x → c
const graph = {
  nodes: ['a', 'b', 'c', 'd', 'e', 'x'].map(node),
  edges: [
    edge('a', 'b'),
    edge('b', 'c'),
    edge('c', 'd'),
    edge('d', 'e'),
    edge('x', 'c'),
  ],
};
const ids = (g: { nodes: MeshNode[] }) => g.nodes.map(n => n.id).sort();

describe('neighbourhood', () => {
  it('follows edges in both directions up to the hop count', () => {
    expect(ids(neighbourhood(graph, ['c'], 1))).toEqual(['b', 'c', 'd', 'x']);
    expect(ids(neighbourhood(graph, ['c'], 2))).toEqual([
      'a',
      'b',
      'c',
      'd',
      'e',
      'x',
    ]);
    expect(ids(neighbourhood(graph, ['a'], 0))).toEqual(['a']);
  });

  it('keeps only edges between kept nodes and ignores unknown centres', () => {
    const around = neighbourhood(graph, ['e', 'zzz'], 1);
    expect(ids(around)).toEqual(['d', 'e']);
    expect(around.edges.map(e => e.id)).toEqual(['d->e']);
  });
});

describe('applyNodeCap', () => {
  it('draws small graphs whole', () => {
    expect(applyNodeCap(graph, { cap: 6 })).toEqual({ kind: 'full', graph });
  });

  it('asks for a focus above the cap, unless everything was asked for', () => {
    expect(applyNodeCap(graph, { cap: 5 })).toEqual({
      kind: 'over-cap',
      total: 6,
    });
    expect(applyNodeCap(graph, { cap: 5, showAll: true }).kind).toBe('full');
    expect(applyNodeCap(graph, { cap: 5, focusNode: 'gone' }).kind).toBe(
      'over-cap',
    );
  });

  it("shows the focus node's two-hop neighbourhood, or one hop when two is still too big", () => {
    const twoHops = applyNodeCap(graph, { cap: 5, focusNode: 'a' });
    expect(twoHops).toMatchObject({
      kind: 'focused',
      focusNode: 'a',
      total: 6,
    });
    expect(twoHops.kind === 'focused' && ids(twoHops.graph)).toEqual([
      'a',
      'b',
      'c',
    ]);

    const oneHop = applyNodeCap(graph, { cap: 4, focusNode: 'c' });
    expect(oneHop.kind === 'focused' && ids(oneHop.graph)).toEqual([
      'b',
      'c',
      'd',
      'x',
    ]);
  });
});
