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
import { useFlowLayout } from '../../hooks/useFlowLayout';
import {
  GraphGrouping,
  GROUP_NODE_TYPE,
  groupFlowNodes,
} from '../../lib/groupNodes';
import {
  EdgeLabelMetric,
  MESH_NODE_TYPE,
  toFlowElements,
  TRAFFIC_EDGE_TYPE,
} from '../../lib/toFlowElements';
import { GraphSelection } from '../../lib/viewState';
import { useEdgeColors, useHealthColors } from './colors';
import { TrafficEdge } from './edges/TrafficEdge';
import { GroupNode } from './nodes/GroupNode';
import { ServiceNode } from './nodes/ServiceNode';

// Module level: React Flow re-creates every node when these objects change identity.
const nodeTypes: NodeTypes = {
  [MESH_NODE_TYPE]: ServiceNode,
  [GROUP_NODE_TYPE]: GroupNode,
};
const edgeTypes: EdgeTypes = { [TRAFFIC_EDGE_TYPE]: TrafficEdge };

/**
 * Below this size the whole graph fits the canvas at a readable zoom, and a minimap would only
 * cover nodes (it sits over the bottom-right corner of the canvas).
 */
const MINIMAP_MIN_NODES = 30;

const useStyles = makeStyles(
  theme => ({
    root: {
      position: 'relative',
      width: '100%',
      border: `1px solid ${theme.palette.divider}`,
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
  /** Height of the canvas in pixels (React Flow needs an explicit one). */
  height?: number;
  /** Boxes around the nodes of one System or owner. */
  grouping?: GraphGrouping;
  selection?: GraphSelection;
  /** Called with the clicked (or keyboard-selected) node or edge, or undefined on the canvas. */
  onSelect?: (selection: GraphSelection | undefined) => void;
  /** Accessible name of the canvas. */
  title?: string;
  /** Animate edges carrying requests (off where dashes carry meaning). */
  animateTraffic?: boolean;
}

/** Traffic graph: laid out left to right off the render path, zoomable, pannable, selectable. */
export function MeshGraph({
  graph,
  edgeLabel,
  height = 560,
  grouping = 'none',
  selection,
  onSelect,
  title = 'Traffic graph',
  animateTraffic = true,
}: MeshGraphProps) {
  const classes = useStyles();
  const theme = useTheme();
  const edgeColors = useEdgeColors();
  const healthColors = useHealthColors();

  const elements = useMemo(
    () => toFlowElements(graph, { edgeLabel, edgeColors, animateTraffic }),
    [graph, edgeLabel, edgeColors, animateTraffic],
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
      layout.nodes?.map(node =>
        selection?.kind === 'node' && node.id === selection.id
          ? { ...node, selected: true }
          : node,
      ),
    [layout.nodes, selection],
  );
  const edges = useMemo(
    () =>
      elements.edges.map(edge =>
        selection?.kind === 'edge' && edge.id === selection.id
          ? { ...edge, selected: true }
          : edge,
      ),
    [elements.edges, selection],
  );

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

  return (
    <div className={classes.root} style={{ height }}>
      {!nodes ? (
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
        <ReactFlow
          key={topologyKey}
          aria-label={title}
          nodes={nodes}
          edges={edges}
          nodeTypes={nodeTypes}
          edgeTypes={edgeTypes}
          onNodesChange={onNodesChange}
          onEdgesChange={onEdgesChange}
          onPaneClick={onPaneClick}
          fitView
          fitViewOptions={{ padding: 0.1 }}
          minZoom={0.05}
          nodesDraggable={false}
          nodesConnectable={false}
          edgesReconnectable={false}
          elementsSelectable={Boolean(onSelect)}
          deleteKeyCode={null}
          colorMode={theme.palette.type}
        >
          <Background gap={16} />
          <Controls showInteractive={false} />
          {graph.nodes.length >= MINIMAP_MIN_NODES && (
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
      )}
    </div>
  );
}
