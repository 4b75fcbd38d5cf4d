import FormControlLabel from '@material-ui/core/FormControlLabel';
import IconButton from '@material-ui/core/IconButton';
import Switch from '@material-ui/core/Switch';
import TextField from '@material-ui/core/TextField';
import Tooltip from '@material-ui/core/Tooltip';
import Typography from '@material-ui/core/Typography';
import CircularProgress from '@material-ui/core/CircularProgress';
import { makeStyles } from '@material-ui/core/styles';
import RefreshIcon from '@material-ui/icons/Refresh';
import ToggleButton from '@material-ui/lab/ToggleButton';
import ToggleButtonGroup from '@material-ui/lab/ToggleButtonGroup';
import { GRAPH_WINDOW_CHOICES } from '@internal/plugin-mesh-common';
import { AUTO_REFRESH_INTERVAL_MS } from '../../hooks/useMeshGraph';
import { EdgeLabelMetric } from '../../lib/toFlowElements';

const EDGE_LABEL_CHOICES: Array<{ value: EdgeLabelMetric; label: string }> = [
  { value: 'rps', label: 'Requests/s' },
  { value: 'errorRate', label: 'Error %' },
  { value: 'p95', label: 'p95 latency' },
  { value: 'mtls', label: 'mTLS' },
];

const useStyles = makeStyles(
  theme => ({
    root: {
      display: 'flex',
      flexWrap: 'wrap',
      alignItems: 'center',
      gap: theme.spacing(2),
    },
    toggle: {
      // Labels such as "mTLS" and "p95" lose their meaning in MUI's default upper case.
      textTransform: 'none',
    },
    updated: {
      marginLeft: 'auto',
      display: 'flex',
      alignItems: 'center',
      gap: theme.spacing(1),
    },
  }),
  { name: 'PluginMeshToolbar' },
);

export interface MeshToolbarProps {
  window: string;
  onWindowChange: (window: string) => void;
  edgeLabel: EdgeLabelMetric;
  onEdgeLabelChange: (metric: EdgeLabelMetric) => void;
  autoRefresh: boolean;
  onAutoRefreshChange: (autoRefresh: boolean) => void;
  onRefresh: () => void;
  loading: boolean;
  /** Evaluation time of the graph on screen (ISO 8601). */
  updatedAt?: string;
}

/** Controls above the graph: rate window, edge labels, refresh. */
export function MeshToolbar(props: MeshToolbarProps) {
  const classes = useStyles();
  // Keep a window that is not among the choices (e.g. from a future config) selectable.
  const windows = GRAPH_WINDOW_CHOICES.includes(props.window)
    ? GRAPH_WINDOW_CHOICES
    : [props.window, ...GRAPH_WINDOW_CHOICES];

  return (
    <div className={classes.root}>
      <TextField
        select
        label="Window"
        variant="outlined"
        size="small"
        value={props.window}
        onChange={event => props.onWindowChange(event.target.value)}
        SelectProps={{ native: true }}
        inputProps={{ 'aria-label': 'Window' }}
      >
        {windows.map(choice => (
          <option key={choice} value={choice}>
            Last {choice}
          </option>
        ))}
      </TextField>
      <ToggleButtonGroup
        exclusive
        size="small"
        aria-label="Edge labels"
        value={props.edgeLabel}
        // A click on the selected button yields null; keep the current metric then.
        onChange={(_event, value: EdgeLabelMetric | null) =>
          value && props.onEdgeLabelChange(value)
        }
      >
        {EDGE_LABEL_CHOICES.map(({ value, label }) => (
          <ToggleButton key={value} value={value} className={classes.toggle}>
            {label}
          </ToggleButton>
        ))}
      </ToggleButtonGroup>
      <FormControlLabel
        control={
          <Switch
            checked={props.autoRefresh}
            onChange={event => props.onAutoRefreshChange(event.target.checked)}
            color="primary"
          />
        }
        label={`Auto-refresh (${AUTO_REFRESH_INTERVAL_MS / 1000} s)`}
      />
      <div className={classes.updated}>
        {props.updatedAt && (
          <Typography variant="caption" color="textSecondary">
            Updated {new Date(props.updatedAt).toLocaleTimeString()}
          </Typography>
        )}
        {props.loading ? (
          <CircularProgress size={24} aria-label="Loading" />
        ) : (
          <Tooltip title="Refresh">
            <IconButton
              size="small"
              aria-label="Refresh"
              onClick={props.onRefresh}
            >
              <RefreshIcon />
            </IconButton>
          </Tooltip>
        )}
      </div>
    </div>
  );
}
