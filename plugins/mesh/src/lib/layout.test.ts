import { bookinfoGraph } from '../__fixtures__/bookinfo';
import { layoutGraph, NODE_HEIGHT, NODE_WIDTH } from './layout';
import { toFlowElements } from './toFlowElements';

const { nodes, edges } = toFlowElements(bookinfoGraph, { edgeLabel: 'rps' });

describe('layoutGraph', () => {
  it('gives every node a distinct position and the reserved size', () => {
    const positioned = layoutGraph(nodes, edges);

    expect(positioned.map(n => n.id)).toEqual(nodes.map(n => n.id));
    const keys = positioned.map(n => `${n.position.x},${n.position.y}`);
    expect(new Set(keys).size).toBe(nodes.length);
    for (const node of positioned) {
      expect(Number.isFinite(node.position.x)).toBe(true);
      expect(Number.isFinite(node.position.y)).toBe(true);
      expect(node).toMatchObject({ width: NODE_WIDTH, height: NODE_HEIGHT });
    }
  });

  it('does not overlap nodes', () => {
    const positioned = layoutGraph(nodes, edges);
    for (const a of positioned) {
      for (const b of positioned) {
        if (a === b) continue;
        const apart =
          Math.abs(a.position.x - b.position.x) >= NODE_WIDTH ||
          Math.abs(a.position.y - b.position.y) >= NODE_HEIGHT;
        expect(apart).toBe(true);
      }
    }
  });

  it('places callers left of their callees', () => {
    const positioned = layoutGraph(nodes, edges);
    const x = (id: string) => positioned.find(n => n.id === id)!.position.x;
    for (const edge of edges) {
      expect(x(edge.source)).toBeLessThan(x(edge.target));
    }
  });

  it('is deterministic regardless of input order', () => {
    const first = layoutGraph(nodes, edges);
    const shuffled = layoutGraph([...nodes].reverse(), [...edges].reverse());
    const position = (list: typeof first, id: string) =>
      list.find(n => n.id === id)!.position;
    for (const node of nodes) {
      expect(position(shuffled, node.id)).toEqual(position(first, node.id));
    }
  });

  it('does not mutate its input', () => {
    layoutGraph(nodes, edges);
    expect(nodes.every(n => n.position.x === 0 && n.position.y === 0)).toBe(
      true,
    );
  });
});
