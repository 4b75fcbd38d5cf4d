import { memo } from 'react';
import {
  BaseEdge,
  EdgeLabelRenderer,
  EdgeProps,
  getBezierPath,
} from '@xyflow/react';
import Tooltip from '@material-ui/core/Tooltip';
import { makeStyles } from '@material-ui/core/styles';
import LockIcon from '@material-ui/icons/Lock';
import LockOpenIcon from '@material-ui/icons/LockOpen';
import { MeshEdge } from '@internal/plugin-mesh-common';
import {
  formatBytesPerSecond,
  formatLatency,
  formatPercent,
  formatRps,
} from '../../../lib/format';
import { MeshFlowEdge } from '../../../lib/toFlowElements';

const useStyles = makeStyles(
  theme => ({
    label: {
      position: 'absolute',
      // Edge labels live outside the SVG; without this they would swallow canvas pointer events.
      pointerEvents: 'all',
      display: 'flex',
      alignItems: 'center',
      gap: 2,
      padding: theme.spacing(0, 0.5),
      borderRadius: theme.shape.borderRadius,
      background: theme.palette.background.paper,
      border: '1px solid',
      fontSize: 11,
      lineHeight: '16px',
      whiteSpace: 'nowrap',
      '& svg': { fontSize: 12 },
    },
  }),
  { name: 'PluginMeshTrafficEdge' },
);

/** Every known metric of an edge, for the label's tooltip. */
function describeTraffic(edge: MeshEdge): string {
  const parts =
    edge.protocol === 'tcp'
      ? [
          'TCP',
          edge.bytesPerSecond !== undefined &&
            formatBytesPerSecond(edge.bytesPerSecond),
        ]
      : [
          edge.protocol.toUpperCase(),
          formatRps(edge.rps),
          `${formatPercent(edge.errorRate)} errors`,
          edge.latency?.p95 !== undefined &&
            `p95 ${formatLatency(edge.latency.p95)}`,
        ];
  if (edge.mtls !== undefined) parts.push(`${formatPercent(edge.mtls)} mTLS`);
  return parts.filter(Boolean).join(' · ');
}

function TrafficEdgeComponent({
  id,
  data,
  style,
  markerEnd,
  sourceX,
  sourceY,
  sourcePosition,
  targetX,
  targetY,
  targetPosition,
}: EdgeProps<MeshFlowEdge>) {
  const classes = useStyles();
  const [path, labelX, labelY] = getBezierPath({
    sourceX,
    sourceY,
    sourcePosition,
    targetX,
    targetY,
    targetPosition,
  });
  const hasLock = data?.mtls === 'full' || data?.mtls === 'partial';

  return (
    <>
      <BaseEdge id={id} path={path} style={style} markerEnd={markerEnd} />
      {data && (data.label || hasLock) && (
        <EdgeLabelRenderer>
          <Tooltip title={describeTraffic(data.traffic)}>
            <div
              className={`${classes.label} nodrag nopan`}
              style={{
                transform: `translate(-50%, -50%) translate(${labelX}px, ${labelY}px)`,
                borderColor: style?.stroke,
              }}
            >
              {data.mtls === 'full' && <LockIcon titleAccess="mTLS" />}
              {data.mtls === 'partial' && (
                <LockOpenIcon titleAccess="Partial mTLS" />
              )}
              {data.label}
            </div>
          </Tooltip>
        </EdgeLabelRenderer>
      )}
    </>
  );
}

/**
 * A traffic edge: coloured by error rate, labelled with the chosen metric, with a lock when the
 * traffic is mutual TLS (open lock when only part of it is).
 */
export const TrafficEdge = memo(TrafficEdgeComponent);
