import { useMemo } from 'react';
import Chip from '@material-ui/core/Chip';
import FormControlLabel from '@material-ui/core/FormControlLabel';
import Switch from '@material-ui/core/Switch';
import TextField from '@material-ui/core/TextField';
import Typography from '@material-ui/core/Typography';
import { makeStyles } from '@material-ui/core/styles';
import { Progress, WarningPanel } from '@backstage/core-components';
import { useMeshResource } from '../../hooks/useMeshResource';
import { tracePoints, tracesThroughServices } from '../../lib/traces';
import { TRACE_LOOKBACK_CHOICES } from '../../lib/viewState';
import { MeshResourceView } from '../common/MeshResourceView';
import { MeshToolbar } from '../common/MeshToolbar';
import { MeshSubViewProps } from '../EntityMeshContent/types';
import { TraceList } from './TraceList';
import { TraceScatter } from './TraceScatter';
import { TraceWaterfall } from './TraceWaterfall';
import { traceCapNotice } from '../../lib/traces';
import { MeshErrorPanel } from '../common/MeshErrorPanel';

const useStyles = makeStyles(
  theme => ({
    root: { display: 'flex', flexDirection: 'column', gap: theme.spacing(2) },
  }),
  { name: 'PluginMeshTracesView' },
);

const MIN_DURATION_CHOICES = ['', '10ms', '100ms', '500ms', '1s', '5s'];

/** The open trace's spans, loaded on selection. */
function SelectedTrace({
  reader,
  traceId,
}: Pick<MeshSubViewProps, 'reader'> & { traceId: string }) {
  const resource = useMeshResource(
    () => reader.getTrace(traceId),
    [reader, traceId],
  );
  if (resource.error) return <MeshErrorPanel error={resource.error} />;
  if (!resource.value) return <Progress />;
  const { trace, errors } = resource.value;
  if (!trace) {
    return (
      <WarningPanel
        title="The trace could not be read"
        message={errors.map(e => e.message).join('; ')}
      />
    );
  }
  return <TraceWaterfall trace={trace} />;
}

/**
 * Traces sub-view: recent traces through the entity as a duration scatter and a filterable list,
 * and the span waterfall of the selected trace. Opened from a graph edge it keeps only the
 * traces through both ends of that edge.
 */
export function TracesView({ reader, state, update }: MeshSubViewProps) {
  const classes = useStyles();
  const query = {
    lookback: state.traceLookback,
    errorsOnly: state.traceErrorsOnly,
    minDuration: state.traceMinDuration,
  };
  const resource = useMeshResource(
    () => reader.getTraces(query),
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [reader, query.lookback, query.errorsOnly, query.minDuration],
  );
  const traces = useMemo(
    () =>
      tracesThroughServices(resource.value?.traces ?? [], state.traceServices),
    [resource.value, state.traceServices],
  );

  return (
    <div className={classes.root}>
      <MeshToolbar
        window={state.traceLookback}
        windowLabel="Lookback"
        windowChoices={TRACE_LOOKBACK_CHOICES}
        onWindowChange={traceLookback => update({ traceLookback })}
        onRefresh={resource.retry}
        loading={resource.loading}
      >
        <TextField
          select
          label="Min duration"
          variant="outlined"
          size="small"
          value={state.traceMinDuration ?? ''}
          onChange={event =>
            update({ traceMinDuration: event.target.value || undefined })
          }
          SelectProps={{ native: true }}
          InputLabelProps={{ shrink: true }}
          inputProps={{ 'aria-label': 'Min duration' }}
        >
          {MIN_DURATION_CHOICES.map(choice => (
            <option key={choice} value={choice}>
              {choice ? `≥ ${choice}` : 'Any'}
            </option>
          ))}
        </TextField>
        <FormControlLabel
          control={
            <Switch
              checked={state.traceErrorsOnly}
              onChange={event =>
                update({ traceErrorsOnly: event.target.checked })
              }
              color="primary"
            />
          }
          label="Errors only"
        />
        {state.traceServices.length > 0 && (
          <Chip
            label={`Through ${state.traceServices.join(' and ')}`}
            onDelete={() => update({ traceServices: [] })}
            aria-label={`Filter: through ${state.traceServices.join(' and ')}`}
          />
        )}
      </MeshToolbar>
      <MeshResourceView resource={resource} subject="trace list">
        {answer => (
          <>
            {traceCapNotice(answer) && (
              <WarningPanel
                severity="info"
                title="Trace limit reached"
                message={traceCapNotice(answer)}
              />
            )}
            {answer.warnings.length > 0 && (
              <WarningPanel
                severity="info"
                title="Why the list may be short"
                message={answer.warnings.join(' ')}
              />
            )}
            {traces.length === 0 ? (
              <Typography color="textSecondary">
                No trace through{' '}
                {answer.serviceNames.join(', ') || 'this entity'} in the last{' '}
                {state.traceLookback}
                {state.traceServices.length > 0 &&
                  ` that also passes through ${state.traceServices.join(
                    ' and ',
                  )}`}
                . Istio samples 1% of requests by default; a longer lookback
                finds more.
              </Typography>
            ) : (
              <TraceScatter
                points={tracePoints(traces)}
                selectedTraceId={state.traceId}
                onSelect={traceId => update({ traceId })}
              />
            )}
            {/* The open trace right under the chart it was picked from, above the long list. */}
            {state.traceId && (
              <SelectedTrace reader={reader} traceId={state.traceId} />
            )}
            {traces.length > 0 && (
              <TraceList
                traces={traces}
                selectedTraceId={state.traceId}
                onSelect={traceId => update({ traceId })}
              />
            )}
          </>
        )}
      </MeshResourceView>
    </div>
  );
}
