import { demo } from '../__fixtures__/demo';
import {
  groupFlowNodes,
  MeshGroupFlowNode,
  shortEntityName,
} from './groupNodes';
import { layoutGraph } from './layout';
import { MeshFlowNode, toFlowElements } from './toFlowElements';

const { nodes, edges } = toFlowElements(demo.overview.graph, {
  edgeLabel: 'rps',
});

describe('groupFlowNodes', () => {
  it('boxes nodes by System, parents first, leaving nodes without one outside', () => {
    const grouped = groupFlowNodes(nodes, 'system');
    const groups = grouped.filter(
      n => n.type === 'meshGroup',
    ) as MeshGroupFlowNode[];
    expect(groups.map(g => g.data.label)).toEqual([
      'bookinfo',
      'online-boutique',
      'sock-shop',
    ]);
    const firstChild = grouped.findIndex(n => 'parentId' in n && n.parentId);
    expect(firstChild).toBe(groups.length);
    const members = (label: string) =>
      grouped
        .filter(n => n.parentId === `group:system:default/${label}`)
        .map(n => (n as MeshFlowNode).data.label);
    expect(members('bookinfo').sort()).toEqual([
      'details',
      'productpage',
      'ratings',
      'reviews',
    ]);
    expect(
      groups.find(g => g.data.label === 'bookinfo')!.data.memberCount,
    ).toBe(4);
    // Clients outside the catalog (gateways, unknown) have no System.
    expect(grouped.some(n => n.type !== 'meshGroup' && !n.parentId)).toBe(true);
  });

  it('boxes by owner, or not at all', () => {
    const byOwner = groupFlowNodes(nodes, 'owner').filter(
      n => n.type === 'meshGroup',
    );
    expect(byOwner.map(g => (g as MeshGroupFlowNode).data.label)).toEqual([
      'bookinfo-team',
      'boutique-team',
      'sock-shop-team',
    ]);
    expect(groupFlowNodes(nodes, 'none')).toBe(nodes);
  });

  it('lays out members inside their box', () => {
    const positioned = layoutGraph(groupFlowNodes(nodes, 'system'), edges);
    const byId = new Map(positioned.map(n => [n.id, n]));
    for (const child of positioned.filter(n => n.parentId)) {
      const parent = byId.get(child.parentId!)!;
      // Children are positioned relative to their parent and must fit inside it.
      expect(child.position.x).toBeGreaterThanOrEqual(0);
      expect(child.position.y).toBeGreaterThanOrEqual(0);
      expect(child.position.x + child.width!).toBeLessThanOrEqual(
        parent.width! + 1e-6,
      );
      expect(child.position.y + child.height!).toBeLessThanOrEqual(
        parent.height! + 1e-6,
      );
    }
  });

  it('names entity refs briefly', () => {
    expect(shortEntityName('system:default/bookinfo')).toBe('bookinfo');
    expect(shortEntityName('group:ops/sre')).toBe('ops/sre');
    expect(shortEntityName('not a ref at all')).toBe('not a ref at all');
  });
});
