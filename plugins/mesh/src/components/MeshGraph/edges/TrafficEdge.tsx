import { memo } from 'react';
import {
  BaseEdge,
  EdgeLabelRenderer,
  EdgeProps,
  getBezierPath,
} from '@xyflow/react';
import { makeStyles } from '@material-ui/core/styles';
import { describeEdge, MeshFlowEdge } from '../../../lib/toFlowElements';

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
      cursor: 'pointer',
      '& svg': { fontSize: 12 },
    },
    selected: {
      boxShadow: `0 0 0 2px ${theme.palette.primary.main}`,
    },
  }),
  { name: 'PluginMeshTrafficEdge' },
);

// Material's Lock and LockOpen icons as bare SVG: one per edge label, so cheaper than SvgIcon.
const LOCK_PATH =
  'M18 8h-1V6c0-2.76-2.24-5-5-5S7 3.24 7 6v2H6c-1.1 0-2 .9-2 2v10c0 1.1.9 2 2 2h12c1.1 0 2-.9 2-2V10c0-1.1-.9-2-2-2zm-6 9c-1.1 0-2-.9-2-2s.9-2 2-2 2 .9 2 2-.9 2-2 2zm3.1-9H8.9V6c0-1.71 1.39-3.1 3.1-3.1 1.71 0 3.1 1.39 3.1 3.1v2z';
const LOCK_OPEN_PATH =
  'M12 17c1.1 0 2-.9 2-2s-.9-2-2-2-2 .9-2 2 .9 2 2 2zm6-9h-1V6c0-2.76-2.24-5-5-5S7 3.24 7 6h1.9c0-1.71 1.39-3.1 3.1-3.1 1.71 0 3.1 1.39 3.1 3.1v2H6c-1.1 0-2 .9-2 2v10c0 1.1.9 2 2 2h12c1.1 0 2-.9 2-2V10c0-1.1-.9-2-2-2zm0 12H6V10h12v10z';

function LockGlyph({ title, open = false }: { title: string; open?: boolean }) {
  return (
    <svg
      viewBox="0 0 24 24"
      width={12}
      height={12}
      role="img"
      aria-label={title}
      fill="currentColor"
    >
      <title>{title}</title>
      <path d={open ? LOCK_OPEN_PATH : LOCK_PATH} />
    </svg>
  );
}

function TrafficEdgeComponent({
  id,
  data,
  style,
  markerEnd,
  selected,
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
  const edgeStyle = selected
    ? { ...style, strokeWidth: Number(style?.strokeWidth ?? 1.5) + 2 }
    : style;

  return (
    <>
      <BaseEdge id={id} path={path} style={edgeStyle} markerEnd={markerEnd} />
      {data && (data.label || hasLock) && (
        <EdgeLabelRenderer>
          {/* A native tooltip: MUI's costs too much on graphs with hundreds of edges. */}
          <div
            title={describeEdge(data.traffic)}
            className={`${classes.label} ${
              selected ? classes.selected : ''
            } nodrag nopan`}
            style={{
              transform: `translate(-50%, -50%) translate(${labelX}px, ${labelY}px)`,
              borderColor: style?.stroke,
            }}
            data-testid={`mesh-edge-label-${id}`}
          >
            {data.mtls === 'full' && <LockGlyph title="mTLS" />}
            {data.mtls === 'partial' && <LockGlyph title="Partial mTLS" open />}
            {data.label}
          </div>
        </EdgeLabelRenderer>
      )}
    </>
  );
}

/**
 * A traffic edge: coloured by error rate, labelled with the chosen metric, with a lock when the
 * traffic is mutual TLS (open lock when only part of it is). Dependency drift shows as dashes
 * (undeclared) or a grey dotted line (declared but silent).
 */
export const TrafficEdge = memo(TrafficEdgeComponent);
