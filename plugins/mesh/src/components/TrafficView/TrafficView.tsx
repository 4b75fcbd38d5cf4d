import { useEffect, useMemo } from 'react';
import { makeStyles } from '@material-ui/core/styles';
import {
  formatWindow,
  MeshEntityGraphResponse,
} from '@mesh-portal/plugin-mesh-common';
import { useMeshResource } from '../../hooks/useMeshResource';
import { prewarmLayoutWorker } from '../../lib/layoutRunner';
import { applyGraphTools } from '../../lib/graphFind/apply';
import { DEFAULT_NODE_CAP } from '../../lib/nodeCap';
import { MeshResourceView } from '../common/MeshResourceView';
import { MeshSubViewProps } from '../EntityMeshContent/types';
import { MeshGraphLegend } from '../MeshGraph';
import { CappedMeshGraph } from '../MeshGraph/CappedMeshGraph';
import { SelectionPanel } from '../SidePanel/SelectionPanel';
import { MeshEdgeTable } from './MeshEdgeTable';
import { NoTrafficState } from './NoTrafficState';
import { GraphTools } from './GraphTools';
import { TrafficToolbar } from './TrafficToolbar';

/**
 * Tallest the graph canvas grows (it shrinks to what the graph needs, MeshGraph's canvasHeight):
 * enough for a 2-hop neighbourhood of ~15 services at the readable zoom, so its labels stay on
 * the canvas instead of under the minimap (docs/graph-readability.md).
 */
const GRAPH_HEIGHT = 760;

const useStyles = makeStyles(
  theme => ({
    root: { display: 'flex', flexDirection: 'column', gap: theme.spacing(2) },
  }),
  { name: 'PluginMeshTrafficView' },
);

export interface TrafficViewProps extends MeshSubViewProps {
  /** Most nodes drawn without asking what to focus on. */
  nodeCap?: number;
}

function TrafficGraph({
  graph,
  nodeCap,
  ...props
}: TrafficViewProps & { graph: MeshEntityGraphResponse; nodeCap: number }) {
  const { reader, state, update } = props;
  const tools = useMemo(
    () =>
      applyGraphTools(graph, {
        find: state.find,
        hide: state.hide,
        hideIdle: state.hideIdle,
      }),
    [graph, state.find, state.hide, state.hideIdle],
  );
  return (
    <>
      <GraphTools
        state={state}
        update={update}
        findError={tools.findError}
        hideError={tools.hideError}
        hidden={{ nodes: tools.hiddenNodes, edges: tools.hiddenEdges }}
      />
      <CappedMeshGraph
        graph={tools.graph}
        found={tools.found}
        secondEdgeLabel={state.secondEdgeLabel}
        animateTraffic={state.animate}
        nodeCap={nodeCap}
        focusNode={state.focusNode}
        showAllNodes={state.showAllNodes}
        onFocusNode={focusNode => update({ focusNode })}
        onShowAllNodes={() => update({ showAllNodes: true })}
        edgeLabel={state.edgeLabel}
        height={GRAPH_HEIGHT}
        selection={state.selection}
        onSelect={selection => update({ selection })}
        title={`Traffic graph of ${props.entityTitle}`}
        aside={
          state.selection && (
            <SelectionPanel
              reader={reader}
              graph={graph}
              selection={state.selection}
              graphType={state.graphType}
              window={state.window}
              autoRefresh={state.autoRefresh}
              height={GRAPH_HEIGHT}
              onClose={() => update({ selection: undefined })}
              onShowTraces={traceServices =>
                update({ view: 'traces', traceServices, traceId: undefined })
              }
            />
          )
        }
      />
      <MeshGraphLegend />
    </>
  );
}

/**
 * The traffic graph sub-view: the entity's workloads with their callers and callees, a side panel
 * for the selected node or edge, and a table of the entity's own edges.
 */
export function TrafficView({
  nodeCap = DEFAULT_NODE_CAP,
  ...props
}: TrafficViewProps) {
  const { reader, state, update } = props;
  const classes = useStyles();
  // The layout worker loads while the graph is fetched.
  useEffect(prewarmLayoutWorker, []);
  const resource = useMeshResource(
    () =>
      reader.getGraph({
        window: state.window,
        hops: state.hops,
        graphType: state.graphType,
      }),
    [reader, state.window, state.hops, state.graphType],
    { autoRefresh: state.autoRefresh },
  );
  const mappingErrors = resource.value?.mapping.errors ?? [];

  return (
    <div className={classes.root}>
      <TrafficToolbar
        state={state}
        update={update}
        resource={resource}
        updatedAt={resource.value?.timestamp}
      />
      <MeshResourceView
        resource={{
          ...resource,
          // The mapping's failures belong to the same warning as the graph's.
          value: resource.value && {
            ...resource.value,
            errors: [...resource.value.errors, ...mappingErrors],
          },
        }}
        subject="graph"
      >
        {graph =>
          graph.nodes.length === 0 ? (
            <NoTrafficState
              entityTitle={props.entityTitle}
              // The window the answer was computed for, which lags the picker while reloading.
              window={formatWindow(graph.windowSeconds)}
              mapping={graph.mapping}
            />
          ) : (
            <>
              <TrafficGraph {...props} graph={graph} nodeCap={nodeCap} />
              <MeshEdgeTable
                graph={graph}
                onSelectEdge={id => update({ selection: { kind: 'edge', id } })}
              />
            </>
          )
        }
      </MeshResourceView>
    </div>
  );
}
