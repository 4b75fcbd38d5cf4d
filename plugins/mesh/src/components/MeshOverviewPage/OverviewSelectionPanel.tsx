import IconButton from '@material-ui/core/IconButton';
import Typography from '@material-ui/core/Typography';
import { makeStyles } from '@material-ui/core/styles';
import CloseIcon from '@material-ui/icons/Close';
import { MeshGraph } from '@mesh-portal/plugin-mesh-common';
import { findSelected } from '../../lib/selection';
import { GraphSelection } from '../../lib/viewState';
import { EdgeSummary, NodeSummary } from '../SidePanel/ElementSummary';

const useStyles = makeStyles(
  theme => ({
    root: {
      width: 360,
      flexShrink: 0,
      alignSelf: 'flex-start',
      // Stays in view while the tall catalog-wide graph scrolls past.
      position: 'sticky',
      top: theme.spacing(2),
      display: 'flex',
      flexDirection: 'column',
      gap: theme.spacing(1.5),
      padding: theme.spacing(2),
      border: `1px solid ${theme.palette.divider}`,
      borderRadius: theme.shape.borderRadius,
      background: theme.palette.background.paper,
    },
    header: { display: 'flex', alignItems: 'flex-start', gap: 8 },
    title: { flex: 1, minWidth: 0, wordBreak: 'break-word' },
  }),
  { name: 'PluginMeshOverviewSelectionPanel' },
);

/**
 * What the selected entity node or edge of the catalog-wide graph is: health with reasons,
 * owner, System and traffic, with the link to the entity (whose Mesh tab has the charts).
 */
export function OverviewSelectionPanel({
  graph,
  selection,
  onClose,
}: {
  graph: Pick<MeshGraph, 'nodes' | 'edges'>;
  selection: GraphSelection;
  onClose: () => void;
}) {
  const classes = useStyles();
  const selected = findSelected(graph, selection);
  const title =
    selected?.kind === 'node'
      ? selected.node.name
      : selected &&
        `${selected.source?.name ?? 'unknown'} → ${
          selected.target?.name ?? 'unknown'
        }`;
  return (
    <aside className={classes.root} aria-label="Selection details">
      <div className={classes.header}>
        <Typography variant="h6" className={classes.title}>
          {title ?? selection.id}
        </Typography>
        <IconButton size="small" aria-label="Close details" onClick={onClose}>
          <CloseIcon />
        </IconButton>
      </div>
      {!selected && (
        <Typography color="textSecondary">
          This {selection.kind} is not in the graph any more.
        </Typography>
      )}
      {selected?.kind === 'node' && (
        <NodeSummary node={selected.node} graph={graph} />
      )}
      {selected?.kind === 'edge' && <EdgeSummary edge={selected.edge} />}
    </aside>
  );
}
