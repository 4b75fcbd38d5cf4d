import { ReactNode } from 'react';
import Typography from '@material-ui/core/Typography';
import { makeStyles } from '@material-ui/core/styles';
import CallSplitIcon from '@material-ui/icons/CallSplit';
import FlashOnIcon from '@material-ui/icons/FlashOn';
import LinkOffIcon from '@material-ui/icons/LinkOff';
import LockIcon from '@material-ui/icons/Lock';
import LockOpenIcon from '@material-ui/icons/LockOpen';
import NotListedLocationIcon from '@material-ui/icons/NotListedLocation';
import PowerOffIcon from '@material-ui/icons/PowerOff';
import RouterIcon from '@material-ui/icons/Router';
import TimerIcon from '@material-ui/icons/Timer';
import WavesIcon from '@material-ui/icons/Waves';
import { MeshHealthStatus } from '@mesh-portal/plugin-mesh-common';
import { EDGE_ERROR_THRESHOLD } from '../../lib/toFlowElements';
import { formatPercent } from '../../lib/format';
import { NODE_KINDS } from '../../lib/nodeKinds';
import { NodeShapeGlyph } from './nodes/NodeShape';
import { HEALTH_LABELS, useEdgeColors, useHealthColors } from './colors';

const useStyles = makeStyles(
  theme => ({
    root: {
      display: 'flex',
      flexWrap: 'wrap',
      columnGap: theme.spacing(3),
      rowGap: theme.spacing(0.5),
      padding: theme.spacing(1, 0),
    },
    group: {
      display: 'flex',
      flexWrap: 'wrap',
      alignItems: 'center',
      gap: theme.spacing(1.5),
    },
    item: {
      display: 'inline-flex',
      alignItems: 'center',
      gap: theme.spacing(0.5),
      '& svg': { fontSize: 16, color: theme.palette.text.secondary },
    },
    swatch: {
      display: 'inline-block',
      width: 12,
      height: 12,
      borderRadius: 2,
    },
    line: {
      display: 'inline-block',
      width: 18,
      height: 3,
    },
    dot: {
      display: 'inline-block',
      width: 6,
      height: 6,
      borderRadius: '50%',
      background: theme.palette.status.ok,
    },
    focus: {
      display: 'inline-block',
      width: 12,
      height: 12,
      borderRadius: 2,
      boxShadow: `0 0 0 2px ${theme.palette.primary.main}`,
    },
  }),
  { name: 'PluginMeshGraphLegend' },
);

function Item({ symbol, label }: { symbol: ReactNode; label: string }) {
  const classes = useStyles();
  return (
    <span className={classes.item}>
      {symbol}
      <Typography variant="caption">{label}</Typography>
    </span>
  );
}

/** A short dashed line, drawn as the graph draws drift edges. */
function DashedLine({
  color,
  width,
  dashes,
}: {
  color: string;
  width: number;
  dashes: string;
}) {
  return (
    <svg width="22" height="6" aria-hidden>
      <line
        x1="0"
        y1="3"
        x2="22"
        y2="3"
        stroke={color}
        strokeWidth={width}
        strokeDasharray={dashes}
      />
    </svg>
  );
}

const HEALTH_ORDER: MeshHealthStatus[] = [
  'healthy',
  'degraded',
  'failure',
  'not-ready',
  'no-data',
];

/** Explains the graph's colours and icons; `showDrift` adds the dependency-drift line styles. */
export function MeshGraphLegend({
  showDrift = false,
}: {
  showDrift?: boolean;
}) {
  const classes = useStyles();
  const healthColors = useHealthColors();
  const edgeColors = useEdgeColors();
  const threshold = formatPercent(EDGE_ERROR_THRESHOLD);

  return (
    <div className={classes.root} aria-label="Graph legend" role="group">
      <div className={classes.group}>
        <Typography variant="caption" color="textSecondary">
          Node health
        </Typography>
        {HEALTH_ORDER.map(status => (
          <Item
            key={status}
            label={HEALTH_LABELS[status]}
            symbol={
              <span
                className={classes.swatch}
                style={{ background: healthColors[status] }}
              />
            }
          />
        ))}
        <Item symbol={<span className={classes.focus} />} label="This entity" />
      </div>
      <div className={classes.group}>
        <Typography variant="caption" color="textSecondary">
          Edges
        </Typography>
        {(
          [
            ['ok', 'No errors'],
            ['warning', `Errors < ${threshold}`],
            ['error', `Errors ≥ ${threshold}`],
            ['idle', 'No requests'],
          ] as const
        ).map(([severity, label]) => (
          <Item
            key={severity}
            label={label}
            symbol={
              <span
                className={classes.line}
                style={{ background: edgeColors[severity] }}
              />
            }
          />
        ))}
        {showDrift && (
          <>
            <Item
              symbol={
                <DashedLine color={edgeColors.ok} width={2.5} dashes="8 5" />
              }
              label="Undeclared (not in the catalog)"
            />
            <Item
              symbol={
                <DashedLine color={edgeColors.idle} width={2} dashes="2 4" />
              }
              label="Declared, no traffic"
            />
          </>
        )}
        <Item symbol={<LockIcon />} label="mTLS" />
        <Item symbol={<LockOpenIcon />} label="Partial mTLS" />
      </div>
      <div className={classes.group}>
        <Typography variant="caption" color="textSecondary">
          Nodes
        </Typography>
        {Object.entries(NODE_KINDS).map(([name, kind]) => (
          <Item
            key={name}
            label={kind.title}
            symbol={
              <NodeShapeGlyph
                shape={kind.shape}
                color={healthColors.healthy}
                stroke="rgba(0,0,0,0.45)"
              />
            }
          />
        ))}
      </div>
      <div className={classes.group}>
        <Item symbol={<WavesIcon />} label="Ambient" />
        <Item symbol={<LinkOffIcon />} label="Out of mesh" />
        <Item symbol={<NotListedLocationIcon />} label="Not in the catalog" />
        <Item symbol={<RouterIcon />} label="VirtualService or HTTPRoute" />
        <Item symbol={<FlashOnIcon />} label="Fault injection" />
        <Item symbol={<CallSplitIcon />} label="Traffic shifting" />
        <Item symbol={<TimerIcon />} label="Timeout or retries" />
        <Item symbol={<PowerOffIcon />} label="Circuit breaker" />
        <Item
          symbol={<span className={classes.dot} />}
          label="Moving dots: traffic (more dots, more requests; red ones errors)"
        />
      </div>
    </div>
  );
}
