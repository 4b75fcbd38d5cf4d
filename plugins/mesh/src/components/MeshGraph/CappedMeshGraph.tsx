import { ReactNode, useMemo } from 'react';
import { makeStyles } from '@material-ui/core/styles';
import { applyNodeCap, DEFAULT_NODE_CAP } from '../../lib/nodeCap';
import { MeshGraph, MeshGraphProps } from './MeshGraph';
import { FocusBanner, NodeCapPrompt } from './NodeCapPrompt';

const useStyles = makeStyles(
  theme => ({
    root: { display: 'flex', flexDirection: 'column', gap: theme.spacing(2) },
    row: { display: 'flex', gap: theme.spacing(2), alignItems: 'stretch' },
    graph: { flex: 1, minWidth: 0 },
  }),
  { name: 'PluginMeshCappedGraph' },
);

export interface CappedMeshGraphProps extends MeshGraphProps {
  /** Most nodes drawn without asking what to focus on. */
  nodeCap?: number;
  focusNode?: string;
  showAllNodes: boolean;
  onFocusNode: (nodeId: string | undefined) => void;
  onShowAllNodes: () => void;
  /** Drawn to the right of the graph (the selection's side panel). */
  aside?: ReactNode;
}

/**
 * A graph with the node cap applied: over the cap it asks what to focus on, and when focused it
 * says so and offers the way back.
 */
export function CappedMeshGraph({
  nodeCap = DEFAULT_NODE_CAP,
  focusNode,
  showAllNodes,
  onFocusNode,
  onShowAllNodes,
  aside,
  ...graphProps
}: CappedMeshGraphProps) {
  const classes = useStyles();
  const { graph } = graphProps;
  const capped = useMemo(
    () =>
      applyNodeCap(graph, { cap: nodeCap, focusNode, showAll: showAllNodes }),
    [graph, nodeCap, focusNode, showAllNodes],
  );

  if (capped.kind === 'over-cap') {
    return (
      <NodeCapPrompt
        nodes={graph.nodes}
        cap={nodeCap}
        onFocus={onFocusNode}
        onShowAll={onShowAllNodes}
      />
    );
  }
  return (
    <div className={classes.root}>
      {capped.kind === 'focused' && (
        <FocusBanner
          focusName={
            graph.nodes.find(n => n.id === capped.focusNode)?.name ??
            capped.focusNode
          }
          shown={capped.graph.nodes.length}
          total={capped.total}
          onChangeFocus={() => onFocusNode(undefined)}
          onShowAll={onShowAllNodes}
        />
      )}
      <div className={classes.row}>
        <div className={classes.graph}>
          <MeshGraph {...graphProps} graph={capped.graph} />
        </div>
        {aside}
      </div>
    </div>
  );
}
