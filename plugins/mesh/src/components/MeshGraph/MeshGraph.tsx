// React Flow's stylesheet is required for its layout (viewport, handles, edge labels). The
// Backstage CLI bundles CSS imports, and its Jest config maps them to a stub.
import '@xyflow/react/dist/style.css';
import { useCallback, useMemo } from 'react';
import {
  Background,
  Controls,
  EdgeChange,
  EdgeTypes,
  MiniMap,
  NodeChange,
  NodeTypes,
  ReactFlow,
} from '@xyflow/react';
import { makeStyles, useTheme } from '@material-ui/core/styles';
import { Progress } from '@backstage/core-components';
import { MeshGraph as MeshGraphData } from '@mesh-portal/plugin-mesh-common';
import { CANVAS_BORDER, useCanvasFit } from '../../hooks/useCanvasFit';
import { useLaidOutGraph } from '../../hooks/useLaidOutGraph';
import { useProgressiveMount } from '../../hooks/useProgressiveMount';
import { READABLE_ZOOM, wholeZoom } from '../../lib/viewport';
import { GraphGrouping, GROUP_NODE_TYPE } from '../../lib/groupNodes';
import {
  EdgeLabelMetric,
  MESH_NODE_TYPE,
  TRAFFIC_EDGE_TYPE,
} from '../../lib/toFlowElements';
import { GraphSelection } from '../../lib/viewState';
import { useHealthColors } from './colors';
import { EdgeSelectContext, TrafficEdge } from './edges/TrafficEdge';
import { EntityRouteProvider } from './nodes/CatalogLink';
import { GroupNode } from './nodes/GroupNode';
import { ServiceNode } from './nodes/ServiceNode';

// Module level: React Flow re-creates every node when these objects change identity.
const nodeTypes: NodeTypes = {
  [MESH_NODE_TYPE]: ServiceNode,
  [GROUP_NODE_TYPE]: GroupNode,
};
const edgeTypes: EdgeTypes = { [TRAFFIC_EDGE_TYPE]: TrafficEdge };

const useStyles = makeStyles(
  theme => ({
    root: {
      position: 'relative',
      width: '100%',
      border: `${CANVAS_BORDER}px solid ${theme.palette.divider}`,
      borderRadius: theme.shape.borderRadius,
      background: theme.palette.background.default,
    },
    pending: {
      position: 'absolute',
      inset: 0,
      display: 'flex',
      flexDirection: 'column',
      justifyContent: 'center',
      alignItems: 'center',
      gap: theme.spacing(1),
      color: theme.palette.text.secondary,
    },
  }),
  { name: 'PluginMeshGraph' },
);

export interface MeshGraphProps {
  graph: Pick<MeshGraphData, 'nodes' | 'edges'>;
  /** Metric shown on the edges. */
  edgeLabel: EdgeLabelMetric;
  /** A second metric on the edges, after the first. */
  secondEdgeLabel?: EdgeLabelMetric;
  /**
   * Most height of the canvas in pixels; the canvas is as tall as the graph needs at a readable
   * zoom, within `minHeight`…`height`.
   */
  height?: number;
  minHeight?: number;
  /** Boxes around the nodes of one System or owner. */
  grouping?: GraphGrouping;
  selection?: GraphSelection;
  /** Called with the clicked (or keyboard-selected) node or edge, or undefined on the canvas. */
  onSelect?: (selection: GraphSelection | undefined) => void;
  /** Accessible name of the canvas. */
  title?: string;
  /** Animate edges carrying traffic (off where line styles carry meaning). */
  animateTraffic?: boolean;
  /** Nodes and edges matched by the find expression, highlighted. */
  found?: { nodes: Set<string>; edges: Set<string> };
}

/** Above this many edges the traffic animation stays off: hundreds of moving dots cost frames. */
const ANIMATION_MAX_EDGES = 200;
/**
 * From this many nodes only the nodes and edges in the viewport are rendered (React Flow's
 * `onlyRenderVisibleElements`); panning renders the rest as it comes into view. Below it every
 * element is in the DOM (the browser checks measure all labels).
 */
export const VIRTUALIZE_MIN_NODES = 150;

/** Traffic graph: laid out left to right off the render path, zoomable, pannable, selectable. */
export function MeshGraph({
  graph,
  edgeLabel,
  secondEdgeLabel,
  height = 560,
  minHeight = 320,
  grouping = 'none',
  selection,
  onSelect,
  title = 'Traffic graph',
  animateTraffic = true,
  found,
}: MeshGraphProps) {
  const classes = useStyles();
  const theme = useTheme();
  const healthColors = useHealthColors();

  const { grouped, layout, nodes, edges, focusBox, content } = useLaidOutGraph(
    graph,
    {
      edgeLabel,
      secondEdgeLabel,
      grouping,
      selection,
      found,
      animateTraffic:
        animateTraffic && graph.edges.length <= ANIMATION_MAX_EDGES,
    },
  );

  const { rootRef, canvasWidth, shownHeight, initialViewport, onInit } =
    useCanvasFit(content, focusBox, selection?.id ?? '', {
      min: minHeight,
      max: height,
    });

  // Mouse and keyboard (Enter on a focused node) selections both arrive as `select` changes.
  const onNodesChange = useCallback(
    (changes: NodeChange[]) => {
      const picked = changes.find(c => c.type === 'select' && c.selected);
      if (picked && 'id' in picked && !picked.id.startsWith('group:')) {
        onSelect?.({ kind: 'node', id: picked.id });
      }
    },
    [onSelect],
  );
  const onEdgesChange = useCallback(
    (changes: EdgeChange[]) => {
      const picked = changes.find(c => c.type === 'select' && c.selected);
      if (picked && 'id' in picked) onSelect?.({ kind: 'edge', id: picked.id });
    },
    [onSelect],
  );
  const onPaneClick = useCallback(() => onSelect?.(undefined), [onSelect]);
  const selectEdge = useCallback(
    (id: string) => onSelect?.({ kind: 'edge', id }),
    [onSelect],
  );

  // Remount (and so fit the view again) only when the set of nodes changes: a refresh that
  // just updates the numbers keeps the user's zoom and pan.
  const topologyKey = useMemo(
    () =>
      grouped
        .map(node => node.id)
        .sort()
        .join('\n'),
    [grouped],
  );
  const virtualized = graph.nodes.length >= VIRTUALIZE_MIN_NODES;
  const flowHeight = shownHeight - 2 * CANVAS_BORDER;
  const mounted = useProgressiveMount(
    nodes,
    edges,
    topologyKey,
    {
      viewport: initialViewport,
      size: canvasWidth
        ? { width: canvasWidth, height: flowHeight }
        : undefined,
    },
    virtualized,
  );

  return (
    <div
      className={classes.root}
      style={{ height: shownHeight }}
      ref={rootRef}
      data-testid="mesh-graph-canvas"
      data-mesh-graph-drawn={Boolean(mounted.nodes && mounted.done)}
    >
      {!mounted.nodes ? (
        <div className={classes.pending} role="status">
          {layout.error ? (
            `Layout failed: ${layout.error.message}`
          ) : (
            <>
              <Progress />
              Laying out {graph.nodes.length} nodes…
            </>
          )}
        </div>
      ) : (
        <EntityRouteProvider>
          <EdgeSelectContext.Provider value={onSelect && selectEdge}>
            <ReactFlow
              key={topologyKey}
              aria-label={title}
              nodes={mounted.nodes}
              edges={mounted.edges}
              nodeTypes={nodeTypes}
              edgeTypes={edgeTypes}
              onNodesChange={onNodesChange}
              onEdgesChange={onEdgesChange}
              onPaneClick={onPaneClick}
              onInit={onInit}
              defaultViewport={initialViewport}
              // Its first size: else it renders empty, then every node in view once its own
              // ResizeObserver reports the size (one more synchronous render, see bench:ui).
              width={canvasWidth}
              height={flowHeight}
              minZoom={0.05}
              nodesDraggable={false}
              nodesConnectable={false}
              edgesReconnectable={false}
              elementsSelectable={Boolean(onSelect)}
              deleteKeyCode={null}
              onlyRenderVisibleElements={virtualized}
              colorMode={theme.palette.type}
            >
              <Background gap={16} />
              <Controls showInteractive={false} />
              {/* Only when part of the graph is off-canvas: else it would just cover nodes. */}
              {/* After the graph is mounted: it draws every node, on each step again. */}
              {mounted.done &&
                content &&
                canvasWidth &&
                wholeZoom(content, {
                  width: canvasWidth,
                  height: shownHeight,
                }) < READABLE_ZOOM && (
                  <MiniMap
                    pannable
                    zoomable
                    nodeColor={node =>
                      node.type === MESH_NODE_TYPE
                        ? healthColors[
                            (
                              node.data as {
                                health: { status: keyof typeof healthColors };
                              }
                            ).health.status
                          ]
                        : 'transparent'
                    }
                  />
                )}
            </ReactFlow>
          </EdgeSelectContext.Provider>
        </EntityRouteProvider>
      )}
    </div>
  );
}
