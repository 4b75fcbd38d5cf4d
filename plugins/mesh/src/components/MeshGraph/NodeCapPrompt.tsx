import { useState } from 'react';
import Button from '@material-ui/core/Button';
import TextField from '@material-ui/core/TextField';
import Typography from '@material-ui/core/Typography';
import { makeStyles } from '@material-ui/core/styles';
import Alert from '@material-ui/lab/Alert';
import Autocomplete from '@material-ui/lab/Autocomplete';
import { MeshNode } from '@mesh-portal/plugin-mesh-common';

const useStyles = makeStyles(
  theme => ({
    prompt: {
      display: 'flex',
      flexDirection: 'column',
      alignItems: 'flex-start',
      gap: theme.spacing(2),
      padding: theme.spacing(4),
      border: `1px solid ${theme.palette.divider}`,
      borderRadius: theme.shape.borderRadius,
    },
    actions: {
      display: 'flex',
      flexWrap: 'wrap',
      alignItems: 'center',
      gap: theme.spacing(2),
    },
    picker: { width: 360 },
  }),
  { name: 'PluginMeshNodeCapPrompt' },
);

const nodeLabel = (node: MeshNode) => `${node.name} (${node.namespace})`;

export interface NodeCapPromptProps {
  nodes: MeshNode[];
  cap: number;
  onFocus: (nodeId: string) => void;
  onShowAll: () => void;
}

/**
 * Shown instead of a graph over the node cap: pick a node to see its neighbourhood, start from
 * the entity's own workloads, or draw everything anyway.
 */
export function NodeCapPrompt({
  nodes,
  cap,
  onFocus,
  onShowAll,
}: NodeCapPromptProps) {
  const classes = useStyles();
  const [picked, setPicked] = useState<MeshNode | null>(null);
  const own = nodes.find(node => node.isFocus);
  // The entity's own nodes first: they are what a service owner looks for.
  const options = [...nodes].sort(
    (a, b) =>
      Number(Boolean(b.isFocus)) - Number(Boolean(a.isFocus)) ||
      nodeLabel(a).localeCompare(nodeLabel(b)),
  );

  return (
    <section className={classes.prompt} aria-label="Graph too large">
      <Typography variant="h6">This graph has {nodes.length} nodes</Typography>
      <Typography color="textSecondary">
        Above {cap} nodes a graph is hard to read and slow to draw. Focus on a
        node to see what is within two hops of it, or draw the whole graph.
      </Typography>
      <div className={classes.actions}>
        <Autocomplete
          className={classes.picker}
          options={options}
          getOptionLabel={nodeLabel}
          groupBy={node => (node.isFocus ? 'This entity' : 'Other nodes')}
          value={picked}
          onChange={(_event, node) => setPicked(node)}
          renderInput={params => (
            <TextField
              {...params}
              label="Focus on node"
              variant="outlined"
              size="small"
            />
          )}
        />
        <Button
          variant="contained"
          color="primary"
          disabled={!picked}
          onClick={() => picked && onFocus(picked.id)}
        >
          Focus
        </Button>
        {own && (
          <Button variant="outlined" onClick={() => onFocus(own.id)}>
            Focus on {own.name}
          </Button>
        )}
        <Button onClick={onShowAll}>Show all {nodes.length} nodes</Button>
      </div>
    </section>
  );
}

export interface FocusBannerProps {
  focusName: string;
  shown: number;
  total: number;
  onChangeFocus: () => void;
  onShowAll: () => void;
}

/** Says that only a neighbourhood is drawn, and how to get back to the choice. */
export function FocusBanner({
  focusName,
  shown,
  total,
  onChangeFocus,
  onShowAll,
}: FocusBannerProps) {
  return (
    <Alert
      severity="info"
      action={
        <>
          <Button color="inherit" size="small" onClick={onChangeFocus}>
            Change focus
          </Button>
          <Button color="inherit" size="small" onClick={onShowAll}>
            Show all
          </Button>
        </>
      }
    >
      Showing the neighbourhood of {focusName}: {shown} of {total} nodes.
    </Alert>
  );
}
