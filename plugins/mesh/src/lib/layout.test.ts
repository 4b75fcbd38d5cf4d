import { bookinfoGraph } from '../__fixtures__/bookinfo';
import { Box, computeLayout, layoutGraph, toLayoutInput } from './layout';
import { toFlowElements } from './toFlowElements';

const { nodes, edges } = toFlowElements(bookinfoGraph, { edgeLabel: 'rps' });

const overlaps = (a: Box, b: Box) =>
  a.x < b.x + b.width &&
  b.x < a.x + a.width &&
  a.y < b.y + b.height &&
  b.y < a.y + a.height;

describe('layoutGraph', () => {
  it('gives every node a distinct position and the size it asked for', () => {
    const positioned = layoutGraph(nodes, edges);

    expect(positioned.map(n => n.id)).toEqual(nodes.map(n => n.id));
    const keys = positioned.map(n => `${n.position.x},${n.position.y}`);
    expect(new Set(keys).size).toBe(nodes.length);
    for (const node of positioned) {
      expect(Number.isFinite(node.position.x)).toBe(true);
      expect(Number.isFinite(node.position.y)).toBe(true);
      expect(node).toMatchObject(node.data.size);
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

describe('computeLayout', () => {
  const result = computeLayout(toLayoutInput(nodes, edges));
  const nodeBoxes = Object.entries(result.nodes);
  const labelBoxes = Object.entries(result.edges).flatMap(([id, route]) =>
    route.label ? [[id, route.label] as const] : [],
  );

  it('reserves a label box of the asked size for every labelled edge', () => {
    for (const edge of edges) {
      expect(result.edges[edge.id].label).toMatchObject(edge.data!.labelSize!);
    }
  });

  it('overlaps no two of nodes and labels', () => {
    const boxes = [...nodeBoxes, ...labelBoxes];
    const clashes = boxes.flatMap(([a, boxA], i) =>
      boxes
        .slice(i + 1)
        .flatMap(([b, boxB]) => (overlaps(boxA, boxB) ? [`${a} × ${b}`] : [])),
    );
    expect(clashes).toEqual([]);
  });

  it('routes every edge from its source to its target', () => {
    for (const edge of edges) {
      const { points } = result.edges[edge.id];
      const source = result.nodes[edge.source];
      const target = result.nodes[edge.target];
      expect(points.length).toBeGreaterThanOrEqual(2);
      // Leaves the source's right side and enters the target's left side.
      expect(points[0].x).toBeCloseTo(source.x + source.width, 5);
      expect(points[0].y).toBeGreaterThan(source.y);
      expect(points[0].y).toBeLessThan(source.y + source.height);
      expect(points[points.length - 1].x).toBeCloseTo(target.x, 5);
    }
  });

  it('gives parallel and reverse edges separate routes and labels', () => {
    const label = { width: 60, height: 18 };
    const parallel = computeLayout({
      nodes: [{ id: 'a' }, { id: 'b' }],
      edges: [
        { id: 'http', source: 'a', target: 'b', label },
        { id: 'tcp', source: 'a', target: 'b', label },
        { id: 'back', source: 'b', target: 'a', label },
      ],
    });
    const boxes = ['http', 'tcp', 'back'].map(id => parallel.edges[id].label!);
    expect(overlaps(boxes[0], boxes[1])).toBe(false);
    expect(overlaps(boxes[0], boxes[2])).toBe(false);
    expect(overlaps(boxes[1], boxes[2])).toBe(false);
    // The reverse edge is drawn from b to a.
    const back = parallel.edges.back.points;
    expect(back[0].x).toBeGreaterThan(back[back.length - 1].x);
  });

  it('draws group boxes around their members and inner labels, with a title band', () => {
    const grouped = computeLayout({
      nodes: [
        { id: 'g' },
        { id: 'a', parentId: 'g' },
        { id: 'b', parentId: 'g' },
        { id: 'c' },
      ],
      edges: [
        {
          id: 'ab',
          source: 'a',
          target: 'b',
          label: { width: 50, height: 18 },
        },
        {
          id: 'bc',
          source: 'b',
          target: 'c',
          label: { width: 50, height: 18 },
        },
      ],
    });
    const group = grouped.nodes.g;
    const inside = (box: Box) =>
      box.x >= group.x &&
      box.y >= group.y + 24 &&
      box.x + box.width <= group.x + group.width &&
      box.y + box.height <= group.y + group.height;
    expect(inside(grouped.nodes.a)).toBe(true);
    expect(inside(grouped.nodes.b)).toBe(true);
    expect(inside(grouped.edges.ab.label!)).toBe(true);
    expect(overlaps(group, grouped.nodes.c)).toBe(false);
  });
});
