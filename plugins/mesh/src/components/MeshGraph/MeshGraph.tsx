// React Flow's stylesheet is required for its layout (viewport, handles, edge labels). The
// Backstage CLI bundles CSS imports, and its Jest config maps them to a stub.
import '@xyflow/react/dist/style.css';
import { useMemo } from 'react';
import {
  Background,
  Controls,
  EdgeTypes,
  MiniMap,
  NodeTypes,
  ReactFlow,
} from '@xyflow/react';
import { makeStyles, useTheme } from '@material-ui/core/styles';
import { MeshGraph as MeshGraphData } from '@internal/plugin-mesh-common';
import { layoutGraph } from '../../lib/layout';
import {
  EdgeLabelMetric,
  MESH_NODE_TYPE,
  MeshFlowNode,
  toFlowElements,
  TRAFFIC_EDGE_TYPE,
} from '../../lib/toFlowElements';
import { useEdgeColors, useHealthColors } from './colors';
import { TrafficEdge } from './edges/TrafficEdge';
import { ServiceNode } from './nodes/ServiceNode';

// Module level: React Flow re-creates every node when these objects change identity.
const nodeTypes: NodeTypes = { [MESH_NODE_TYPE]: ServiceNode };
const edgeTypes: EdgeTypes = { [TRAFFIC_EDGE_TYPE]: TrafficEdge };

/**
 * Below this size the whole graph fits the canvas at a readable zoom, and a minimap would only
 * cover nodes (it sits over the bottom-right corner of the canvas).
 */
const MINIMAP_MIN_NODES = 30;

const useStyles = makeStyles(
  theme => ({
    root: {
      width: '100%',
      border: `1px solid ${theme.palette.divider}`,
      borderRadius: theme.shape.borderRadius,
      background: theme.palette.background.default,
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
}

/** Read-only traffic graph: laid out left to right, zoomable and pannable. */
export function MeshGraph({ graph, edgeLabel, height = 560 }: MeshGraphProps) {
  const classes = useStyles();
  const theme = useTheme();
  const edgeColors = useEdgeColors();
  const healthColors = useHealthColors();

  const { nodes, edges } = useMemo(() => {
    const elements = toFlowElements(graph, { edgeLabel, edgeColors });
    return {
      nodes: layoutGraph(elements.nodes, elements.edges),
      edges: elements.edges,
    };
  }, [graph, edgeLabel, edgeColors]);

  // Remount (and so fit the view again) only when the set of nodes changes: a refresh that
  // just updates the numbers keeps the user's zoom and pan.
  const topologyKey = useMemo(
    () =>
      nodes
        .map(node => node.id)
        .sort()
        .join('\n'),
    [nodes],
  );

  return (
    <div className={classes.root} style={{ height }}>
      <ReactFlow
        key={topologyKey}
        nodes={nodes}
        edges={edges}
        nodeTypes={nodeTypes}
        edgeTypes={edgeTypes}
        fitView
        fitViewOptions={{ padding: 0.1 }}
        minZoom={0.1}
        nodesDraggable={false}
        nodesConnectable={false}
        edgesReconnectable={false}
        colorMode={theme.palette.type}
      >
        <Background gap={16} />
        <Controls showInteractive={false} />
        {nodes.length >= MINIMAP_MIN_NODES && (
          <MiniMap<MeshFlowNode>
            pannable
            zoomable
            nodeColor={node => healthColors[node.data.health.status]}
          />
        )}
      </ReactFlow>
    </div>
  );
}
