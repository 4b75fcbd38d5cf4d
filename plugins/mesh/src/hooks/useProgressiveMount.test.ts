import { act, renderHook } from '@testing-library/react';
import type { Edge, Node } from '@xyflow/react';
import {
  EDGES_PER_FRAME,
  NODES_PER_FRAME,
  useProgressiveMount,
} from './useProgressiveMount';

// A row of 40 nodes 100 px apart; the view (zoom 1, 1000 px wide) holds the first 10.
const nodes: Node[] = Array.from({ length: 40 }, (_, i) => ({
  id: `n${i}`,
  position: { x: i * 100, y: 0 },
  width: 80,
  height: 40,
  data: {},
}));
// Every node calls the next three (114 edges): the 30 from n0..n9 touch a node in view.
const edges: Edge[] = nodes.flatMap((n, i) =>
  [1, 2, 3]
    .filter(d => i + d < nodes.length)
    .map(d => ({ id: `${n.id}-${i + d}`, source: n.id, target: `n${i + d}` })),
);
const start = {
  viewport: { x: 0, y: 0, zoom: 1 },
  size: { width: 1000, height: 300 },
};

describe('useProgressiveMount', () => {
  beforeEach(() => jest.useFakeTimers());
  afterEach(() => jest.useRealTimers());

  const nextFrame = () => act(() => jest.advanceTimersByTime(20));

  it('hands over the nodes in view, then their edges, then the rest, a step per frame', () => {
    const { result } = renderHook(() =>
      useProgressiveMount(nodes, edges, 'k', start, true),
    );
    const seen: Array<[number, number, boolean]> = [];
    for (let frame = 0; frame < 20 && !result.current.done; frame++) {
      seen.push([
        result.current.nodes!.length,
        result.current.edges.length,
        result.current.done,
      ]);
      nextFrame();
    }
    expect(NODES_PER_FRAME).toBe(8);
    expect(EDGES_PER_FRAME).toBe(24);
    expect(seen).toEqual([
      [8, 0, false],
      [10, 0, false],
      [10, 24, false],
      [10, 30, false],
      [40, 30, false],
      [40, edges.length, false],
    ]);
    expect(result.current).toEqual({ nodes, edges, done: true });
  });

  it('hands a small graph over at once', () => {
    const { result } = renderHook(() =>
      useProgressiveMount(nodes, edges, 'k', start, false),
    );
    expect(result.current).toEqual({ nodes, edges, done: true });
  });

  it('applies new arrays of the same topology to the current step', () => {
    const { result, rerender } = renderHook(
      ({ list }) => useProgressiveMount(list, edges, 'k', start, true),
      { initialProps: { list: nodes } },
    );
    nextFrame();
    const selected = nodes.map(n =>
      n.id === 'n1' ? { ...n, selected: true } : n,
    );
    rerender({ list: selected });
    expect(result.current.nodes).toHaveLength(10);
    expect(result.current.nodes![1]).toBe(selected[1]);
  });
});
