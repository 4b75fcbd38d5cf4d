import { useMemo, useState } from 'react';
import Link from '@material-ui/core/Link';
import Typography from '@material-ui/core/Typography';
import { makeStyles } from '@material-ui/core/styles';
import { InfoCard } from '@backstage/core-components';
import { MeshEntityTraceResponse } from '@mesh-portal/plugin-mesh-common';
import { formatMicros, waterfallRows, waterfallRuler } from '../../lib/traces';
import { FactList } from '../common/FactList';

const useStyles = makeStyles(
  theme => ({
    row: {
      display: 'grid',
      gridTemplateColumns: 'minmax(240px, 35%) 1fr 80px',
      alignItems: 'center',
      gap: theme.spacing(1),
      width: '100%',
      padding: theme.spacing(0.25, 0),
      border: 'none',
      background: 'none',
      textAlign: 'left',
      cursor: 'pointer',
      color: theme.palette.text.primary,
      font: 'inherit',
      '&:hover': { background: theme.palette.action.hover },
    },
    focus: { fontWeight: theme.typography.fontWeightBold as number },
    name: {
      overflow: 'hidden',
      textOverflow: 'ellipsis',
      whiteSpace: 'nowrap',
      fontSize: 13,
    },
    track: {
      position: 'relative',
      height: 14,
      background: theme.palette.action.hover,
      borderRadius: 2,
    },
    bar: {
      position: 'absolute',
      top: 0,
      bottom: 0,
      minWidth: 2,
      borderRadius: 2,
      background: theme.palette.primary.main,
    },
    errorBar: { background: theme.palette.status.error },
    duration: {
      fontSize: 12,
      textAlign: 'right',
      color: theme.palette.text.secondary,
    },
    details: { padding: theme.spacing(1, 2, 2, 4) },
    ruler: {
      display: 'grid',
      gridTemplateColumns: 'minmax(240px, 35%) 1fr 80px',
      gap: theme.spacing(1),
      fontSize: 11,
      color: theme.palette.text.secondary,
      borderBottom: `1px solid ${theme.palette.divider}`,
      paddingBottom: theme.spacing(0.5),
      marginBottom: theme.spacing(0.5),
    },
    scale: { position: 'relative', height: 16 },
    tick: {
      position: 'absolute',
      bottom: 0,
      borderLeft: `1px solid ${theme.palette.divider}`,
      paddingLeft: 2,
      whiteSpace: 'nowrap',
      lineHeight: '14px',
    },
    // The last label would run off the end: it hangs to the left of its mark.
    lastTick: {
      borderLeft: 'none',
      borderRight: `1px solid ${theme.palette.divider}`,
      paddingLeft: 0,
      paddingRight: 2,
      transform: 'translateX(-100%)',
    },
  }),
  { name: 'PluginMeshTraceWaterfall' },
);

/**
 * The spans of a trace as a waterfall: nested by parent, positioned on the trace's time line,
 * errors in red, the entity's own spans in bold. A click on a span shows its tags.
 */
export function TraceWaterfall({
  trace,
}: {
  trace: NonNullable<MeshEntityTraceResponse['trace']>;
}) {
  const classes = useStyles();
  const [openSpan, setOpenSpan] = useState<string>();
  const rows = useMemo(() => waterfallRows(trace.spans), [trace.spans]);
  const ruler = useMemo(() => waterfallRuler(trace.spans), [trace.spans]);

  return (
    <InfoCard
      title={`Trace ${trace.traceId}`}
      subheader={`${trace.summary.rootServiceName}: ${
        trace.summary.rootOperationName
      } · ${formatMicros(trace.summary.durationMicros)} · ${
        trace.spans.length
      } spans`}
      deepLink={
        trace.webUrl
          ? { title: 'Open in tracing UI', link: trace.webUrl }
          : undefined
      }
    >
      <div className={classes.ruler} aria-label="Time ruler" role="group">
        <span>Span</span>
        <span className={classes.scale}>
          {ruler.map(({ offset, label }, i) => (
            <span
              key={label}
              className={`${classes.tick} ${
                i > 0 && offset > 0.9 ? classes.lastTick : ''
              }`}
              style={{ left: `${offset * 100}%` }}
            >
              {label}
            </span>
          ))}
        </span>
        <span style={{ textAlign: 'right' }}>Duration</span>
      </div>
      <div role="list" aria-label="Spans">
        {rows.map(({ span, depth, offset, width }) => (
          // The list item holds the row's button and, when open, its tags.
          <div role="listitem" key={span.spanId}>
            <button
              type="button"
              className={`${classes.row} ${span.isFocus ? classes.focus : ''}`}
              aria-expanded={openSpan === span.spanId}
              aria-label={`${span.serviceName}: ${
                span.operationName
              }, ${formatMicros(span.durationMicros)}${
                span.isError ? ', error' : ''
              }`}
              onClick={() =>
                setOpenSpan(openSpan === span.spanId ? undefined : span.spanId)
              }
            >
              <span
                className={classes.name}
                style={{ paddingLeft: depth * 14 }}
                title={`${span.serviceName}: ${span.operationName}`}
              >
                {span.serviceName}: {span.operationName}
              </span>
              <span className={classes.track}>
                <span
                  className={`${classes.bar} ${
                    span.isError ? classes.errorBar : ''
                  }`}
                  style={{ left: `${offset * 100}%`, width: `${width * 100}%` }}
                />
              </span>
              <span className={classes.duration}>
                {formatMicros(span.durationMicros)}
              </span>
            </button>
            {openSpan === span.spanId && (
              <div
                className={classes.details}
                aria-label={`Tags of ${span.operationName}`}
              >
                <FactList
                  facts={[
                    ['Span', span.spanId],
                    [
                      'Start',
                      new Date(span.startTimeMicros / 1000).toISOString(),
                    ],
                    ...Object.entries(span.tags).map(
                      ([key, value]): [string, string] => [key, String(value)],
                    ),
                  ]}
                />
                {span.warnings?.map(warning => (
                  <Typography
                    key={warning}
                    variant="caption"
                    color="textSecondary"
                    component="div"
                  >
                    {warning}
                  </Typography>
                ))}
              </div>
            )}
          </div>
        ))}
      </div>
      {trace.webUrl && (
        <Typography variant="body2">
          <Link href={trace.webUrl} target="_blank" rel="noopener">
            Open this trace in the tracing UI
          </Link>
        </Typography>
      )}
    </InfoCard>
  );
}
