import { ReactNode } from 'react';
import Button from '@material-ui/core/Button';
import Divider from '@material-ui/core/Divider';
import IconButton from '@material-ui/core/IconButton';
import Typography from '@material-ui/core/Typography';
import { makeStyles } from '@material-ui/core/styles';
import CloseIcon from '@material-ui/icons/Close';
import TimelineIcon from '@material-ui/icons/Timeline';
import { Progress, ResponseErrorPanel } from '@backstage/core-components';
import { MeshGraph, MeshGraphType } from '@mesh-portal/plugin-mesh-common';
import { useMeshResource } from '../../hooks/useMeshResource';
import { responseCodeShares } from '../../lib/seriesRows';
import {
  findSelected,
  SelectedElement,
  traceServicesOf,
} from '../../lib/selection';
import { GraphSelection } from '../../lib/viewState';
import { EntityMeshReader } from '../../reader/entityMeshReader';
import { GoldenSignalCharts } from './GoldenSignalCharts';
import { EdgeSummary, NodeSummary } from './ElementSummary';
import { ResponseCodeTable } from './ResponseCodeTable';
import { ResponseFlagsTable } from './ResponseFlagsTable';

const useStyles = makeStyles(
  theme => ({
    root: {
      width: 400,
      flexShrink: 0,
      display: 'flex',
      flexDirection: 'column',
      gap: theme.spacing(1.5),
      padding: theme.spacing(2),
      border: `1px solid ${theme.palette.divider}`,
      borderRadius: theme.shape.borderRadius,
      background: theme.palette.background.paper,
      overflowY: 'auto',
    },
    header: {
      display: 'flex',
      alignItems: 'flex-start',
      gap: theme.spacing(1),
    },
    title: { flex: 1, minWidth: 0, wordBreak: 'break-word' },
  }),
  { name: 'PluginMeshSelectionPanel' },
);

export interface SelectionPanelProps {
  reader: EntityMeshReader;
  graph: Pick<MeshGraph, 'nodes' | 'edges'>;
  selection: GraphSelection;
  /** The graph type the selection was picked from (a Service node differs between types). */
  graphType?: MeshGraphType;
  window: string;
  autoRefresh: boolean;
  height: number;
  onClose: () => void;
  /** Opens the Traces view filtered to these tracing services. */
  onShowTraces: (services: string[]) => void;
}

function titleOf(selected: SelectedElement): string {
  if (selected.kind === 'node') return selected.node.name;
  return `${selected.source?.name ?? 'unknown'} → ${
    selected.target?.name ?? 'unknown'
  }`;
}

/**
 * Why an element has no series of its own, or undefined when it has one: restricted nodes belong
 * to an entity the caller may not read (the backend refuses to chart them), an unknown caller has
 * no mesh identity to select its requests by. (TCP-only elements are charted in bytes.)
 */
function unchartedReason(selected: SelectedElement | undefined) {
  if (!selected) return undefined;
  const nodes =
    selected.kind === 'node'
      ? [selected.node]
      : [selected.source, selected.target].filter(n => n !== undefined);
  if (nodes.some(n => n!.restricted))
    return 'Owned by a team you cannot view: its traffic is shown, but it is not charted on its own.';
  if (nodes.some(n => n!.type === 'unknown'))
    return 'No mesh identity: this caller has no sidecar or workload labels, so there is no series to select its requests by. Its traffic above is what the servers reported.';
  return undefined;
}

function Section({ title, children }: { title: string; children: ReactNode }) {
  return (
    <section aria-label={title}>
      <Typography variant="overline" color="textSecondary" component="h3">
        {title}
      </Typography>
      {children}
    </section>
  );
}

/**
 * Side panel for the selected node or edge: what it is, whose it is, its golden signals over the
 * window, its response codes and mTLS share, and links to the entity and to its traces.
 */
export function SelectionPanel(props: SelectionPanelProps) {
  const { reader, graph, selection, window } = props;
  const classes = useStyles();
  const selected = findSelected(graph, selection);
  const graphType = props.graphType;
  const target =
    selection.kind === 'node'
      ? { node: selection.id, graphType }
      : { edge: selection.id, graphType };
  const uncharted = unchartedReason(selected);
  const series = useMeshResource(
    () =>
      uncharted ? Promise.resolve(undefined) : reader.getSeries(target, window),
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [reader, selection.kind, selection.id, window, graphType, uncharted],
    { autoRefresh: props.autoRefresh },
  );
  const traceServices = selected ? traceServicesOf(selected) : [];

  return (
    <aside
      className={classes.root}
      style={{ maxHeight: props.height }}
      aria-label="Selection details"
    >
      <div className={classes.header}>
        <Typography variant="h6" className={classes.title}>
          {selected ? titleOf(selected) : selection.id}
        </Typography>
        <IconButton
          size="small"
          aria-label="Close details"
          onClick={props.onClose}
        >
          <CloseIcon />
        </IconButton>
      </div>
      {!selected && (
        <Typography color="textSecondary">
          This {selection.kind} is not in the graph for the current settings.
        </Typography>
      )}
      {selected?.kind === 'node' && (
        <NodeSummary node={selected.node} graph={graph} />
      )}
      {selected?.kind === 'edge' && <EdgeSummary edge={selected.edge} />}
      {traceServices.length > 0 && (
        <Button
          variant="outlined"
          size="small"
          startIcon={<TimelineIcon />}
          onClick={() => props.onShowTraces(traceServices)}
        >
          {selected?.kind === 'edge'
            ? 'Traces of this edge'
            : 'Traces of this node'}
        </Button>
      )}
      <Divider />
      <Section title={`Golden signals, last ${window}`}>
        {uncharted && (
          <Typography variant="body2" color="textSecondary">
            {uncharted}
          </Typography>
        )}
        {!uncharted && series.error && (
          <ResponseErrorPanel error={series.error} />
        )}
        {!uncharted && !series.error && !series.value && <Progress />}
        {!uncharted && series.value?.covers && (
          <Typography
            variant="caption"
            color="textSecondary"
            component="p"
            aria-label="What the charts count"
          >
            {series.value.covers}
          </Typography>
        )}
        {!uncharted && series.value && (
          <GoldenSignalCharts series={series.value} />
        )}
      </Section>
      <Section title="Response codes">
        {!uncharted && series.value ? (
          <ResponseCodeTable
            shares={responseCodeShares(series.value.responses)}
          />
        ) : (
          selected?.kind === 'edge' &&
          selected.edge.responses && (
            <ResponseCodeTable
              shares={responseCodeShares(selected.edge.responses)}
            />
          )
        )}
        <ResponseFlagsTable
          flags={
            selected?.kind === 'edge'
              ? selected.edge.responseFlags
              : selected?.node.responseFlags
          }
        />
      </Section>
    </aside>
  );
}
