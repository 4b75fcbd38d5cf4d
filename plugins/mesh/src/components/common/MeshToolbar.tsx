import { ReactNode } from 'react';
import CircularProgress from '@material-ui/core/CircularProgress';
import FormControlLabel from '@material-ui/core/FormControlLabel';
import IconButton from '@material-ui/core/IconButton';
import Switch from '@material-ui/core/Switch';
import TextField from '@material-ui/core/TextField';
import Tooltip from '@material-ui/core/Tooltip';
import Typography from '@material-ui/core/Typography';
import { makeStyles } from '@material-ui/core/styles';
import RefreshIcon from '@material-ui/icons/Refresh';
import { GRAPH_WINDOW_CHOICES } from '@mesh-portal/plugin-mesh-common';
import { AUTO_REFRESH_INTERVAL_MS } from '../../hooks/useMeshResource';

const useStyles = makeStyles(
  theme => ({
    root: {
      display: 'flex',
      flexWrap: 'wrap',
      alignItems: 'center',
      gap: theme.spacing(2),
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
  window?: string;
  onWindowChange?: (window: string) => void;
  /** Label of the window picker (`Window`, or `Lookback` for traces). */
  windowLabel?: string;
  windowChoices?: string[];
  autoRefresh?: boolean;
  onAutoRefreshChange?: (autoRefresh: boolean) => void;
  onRefresh: () => void;
  loading: boolean;
  /** Evaluation time of the data on screen (ISO 8601). */
  updatedAt?: string;
  /** View-specific controls, placed after the window picker. */
  children?: ReactNode;
}

/** Controls above a mesh view: time window, view-specific choices, auto-refresh and refresh. */
export function MeshToolbar(props: MeshToolbarProps) {
  const classes = useStyles();
  const choices = props.windowChoices ?? GRAPH_WINDOW_CHOICES;
  // Keep a window that is not among the choices (e.g. from a shared link) selectable.
  const windows =
    props.window && !choices.includes(props.window)
      ? [props.window, ...choices]
      : choices;
  const windowLabel = props.windowLabel ?? 'Window';

  return (
    <div className={classes.root}>
      {props.window && props.onWindowChange && (
        <TextField
          select
          label={windowLabel}
          variant="outlined"
          size="small"
          value={props.window}
          onChange={event => props.onWindowChange!(event.target.value)}
          SelectProps={{ native: true }}
          inputProps={{ 'aria-label': windowLabel }}
        >
          {windows.map(choice => (
            <option key={choice} value={choice}>
              Last {choice}
            </option>
          ))}
        </TextField>
      )}
      {props.children}
      {props.onAutoRefreshChange && (
        <FormControlLabel
          control={
            <Switch
              checked={Boolean(props.autoRefresh)}
              onChange={event =>
                props.onAutoRefreshChange!(event.target.checked)
              }
              color="primary"
            />
          }
          label={`Auto-refresh (${AUTO_REFRESH_INTERVAL_MS / 1000} s)`}
        />
      )}
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

export interface WindowToolbarProps {
  /** The view state's window and auto-refresh (both in the URL), and how to change them. */
  state: { window: string; autoRefresh: boolean };
  update: (patch: { window?: string; autoRefresh?: boolean }) => void;
  /** The data the toolbar refreshes. */
  resource: { loading: boolean; retry: () => void };
  updatedAt?: string;
  children?: ReactNode;
}

/** The toolbar of a view over a time window: the window, auto-refresh, refresh, and extras. */
export function WindowToolbar({
  state,
  update,
  resource,
  updatedAt,
  children,
}: WindowToolbarProps) {
  return (
    <MeshToolbar
      window={state.window}
      onWindowChange={window => update({ window })}
      autoRefresh={state.autoRefresh}
      onAutoRefreshChange={autoRefresh => update({ autoRefresh })}
      onRefresh={resource.retry}
      loading={resource.loading}
      updatedAt={updatedAt}
    >
      {children}
    </MeshToolbar>
  );
}
