/*
 * The graph answer as React Flow elements, laid out (off the render path, ../hooks/useFlowLayout),
 * with the view state (selection, find matches) applied, and the boxes the canvas fits: the drawn
 * content and what to keep in view (the selected element, else the page's own nodes).
 */
import { useMemo } from 'react';
import { useTheme } from '@material-ui/core/styles';
import { MeshGraph as MeshGraphData } from '@mesh-portal/plugin-mesh-common';
import { useEdgeColors } from '../components/MeshGraph/colors';
import { createTextMeasure } from '../lib/graphText';
import { GraphGrouping, groupFlowNodes } from '../lib/groupNodes';
import type { Box } from '../lib/layout';
import { EdgeLabelMetric, toFlowElements } from '../lib/toFlowElements';
import { GraphSelection } from '../lib/viewState';
import { boundingBox, drawnBox } from '../lib/viewport';
import { useFlowLayout } from './useFlowLayout';

export function useLaidOutGraph(
  graph: Pick<MeshGraphData, 'nodes' | 'edges'>,
  options: {
    edgeLabel: EdgeLabelMetric;
    secondEdgeLabel?: EdgeLabelMetric;
    grouping: GraphGrouping;
    selection?: GraphSelection;
    found?: { nodes: Set<string>; edges: Set<string> };
    animateTraffic: boolean;
  },
) {
  const { edgeLabel, secondEdgeLabel, grouping, selection, found } = options;
  const animateTraffic = options.animateTraffic;
  const theme = useTheme();
  const edgeColors = useEdgeColors();

  const measure = useMemo(
    () => createTextMeasure(theme.typography.fontFamily ?? 'sans-serif'),
    [theme],
  );
  const elements = useMemo(
    () =>
      toFlowElements(graph, {
        edgeLabel,
        secondEdgeLabel,
        edgeColors,
        animateTraffic,
        measure,
      }),
    [graph, edgeLabel, secondEdgeLabel, edgeColors, animateTraffic, measure],
  );
  const grouped = useMemo(
    () => groupFlowNodes(elements.nodes, grouping),
    [elements.nodes, grouping],
  );
  const layout = useFlowLayout(grouped, elements.edges);

  // Selection is part of the view state (URL), so it is applied to the elements here rather
  // than kept in React Flow's store.
  const nodes = useMemo(
    () =>
      layout.nodes?.map(node => {
        const selected = selection?.kind === 'node' && node.id === selection.id;
        const isFound = found?.nodes.has(node.id);
        if (!selected && !isFound) return node;
        return {
          ...node,
          selected,
          data: isFound ? { ...node.data, found: true } : node.data,
        };
      }),
    [layout.nodes, selection, found],
  );
  const isGrouped = grouping !== 'none';
  const edges = useMemo(
    () =>
      elements.edges.map(edge => ({
        ...edge,
        data: edge.data && {
          ...edge.data,
          route: layout.routes?.[edge.id],
          found: found?.edges.has(edge.id),
        },
        // Above group boxes (z 0), so no box hides a label.
        ...(isGrouped ? { zIndex: 1 } : {}),
        ...(selection?.kind === 'edge' && edge.id === selection.id
          ? { selected: true }
          : {}),
      })),
    [elements.edges, layout.routes, selection, isGrouped, found],
  );

  // What to keep in view: the selected element, else the page's own nodes.
  const focusBox = useMemo((): Box | undefined => {
    if (!layout.nodes) return undefined;
    const boxOf = (id: string) => {
      const node = layout.nodes!.find(n => n.id === id);
      if (node?.width === undefined || node.height === undefined)
        return undefined;
      const parent = node.parentId
        ? layout.nodes!.find(n => n.id === node.parentId)
        : undefined;
      return {
        x: node.position.x + (parent?.position.x ?? 0),
        y: node.position.y + (parent?.position.y ?? 0),
        width: node.width,
        height: node.height,
      };
    };
    if (selection?.kind === 'node') return boxOf(selection.id);
    if (selection?.kind === 'edge') {
      return layout.routes?.[selection.id]?.label;
    }
    return boundingBox(
      elements.nodes
        .filter(n => n.data.isFocus)
        .map(n => boxOf(n.id))
        .filter((b): b is Box => Boolean(b)),
    );
  }, [layout.nodes, layout.routes, selection, elements.nodes]);

  const content = useMemo(
    () =>
      drawnBox(
        (layout.nodes ?? [])
          .filter(n => !n.parentId && n.width !== undefined)
          .map(n => ({
            x: n.position.x,
            y: n.position.y,
            width: n.width!,
            height: n.height!,
          })),
        Object.values(layout.routes ?? {}),
      ),
    [layout.nodes, layout.routes],
  );

  return { grouped, layout, nodes, edges, focusBox, content };
}
