import { createContext, memo, useContext } from 'react';
import {
  BaseEdge,
  EdgeLabelRenderer,
  EdgeProps,
  getBezierPath,
} from '@xyflow/react';
import { makeStyles } from '@material-ui/core/styles';
import { basisPath } from '../../../lib/edgePath';
import { LABEL_METRICS } from '../../../lib/graphText';
import type { Box } from '../../../lib/layout';
import {
  describeEdge,
  EdgeAnimation,
  MeshFlowEdge,
} from '../../../lib/toFlowElements';

const useStyles = makeStyles(
  theme => ({
    label: {
      position: 'absolute',
      // Above every edge line and group box; the layout keeps labels off nodes.
      zIndex: 1000,
      boxSizing: 'border-box',
      // Edge labels live outside the SVG; without this they would swallow canvas pointer events.
      pointerEvents: 'all',
      display: 'flex',
      alignItems: 'center',
      justifyContent: 'center',
      gap: LABEL_METRICS.gap,
      padding: `0 ${LABEL_METRICS.paddingX - 1}px`,
      borderRadius: 3,
      background: theme.palette.background.paper,
      color: theme.palette.text.primary,
      border: '1px solid',
      fontSize: LABEL_METRICS.fontSize,
      lineHeight: `${LABEL_METRICS.height - 2}px`,
      whiteSpace: 'nowrap',
      cursor: 'pointer',
    },
    found: {
      boxShadow: `0 0 0 2px ${theme.palette.warning.main}`,
    },
    selected: {
      boxShadow: `0 0 0 2px ${theme.palette.primary.main}`,
    },
    dot: { pointerEvents: 'none' },
  }),
  { name: 'PluginMeshTrafficEdge' },
);

// Material's Lock and LockOpen icons as bare SVG: one per edge label, so cheaper than SvgIcon.
const LOCK_PATH =
  'M18 8h-1V6c0-2.76-2.24-5-5-5S7 3.24 7 6v2H6c-1.1 0-2 .9-2 2v10c0 1.1.9 2 2 2h12c1.1 0 2-.9 2-2V10c0-1.1-.9-2-2-2zm-6 9c-1.1 0-2-.9-2-2s.9-2 2-2 2 .9 2 2-.9 2-2 2zm3.1-9H8.9V6c0-1.71 1.39-3.1 3.1-3.1 1.71 0 3.1 1.39 3.1 3.1v2z';
const LOCK_OPEN_PATH =
  'M12 17c1.1 0 2-.9 2-2s-.9-2-2-2-2 .9-2 2 .9 2 2 2zm6-9h-1V6c0-2.76-2.24-5-5-5S7 3.24 7 6h1.9c0-1.71 1.39-3.1 3.1-3.1 1.71 0 3.1 1.39 3.1 3.1v2H6c-1.1 0-2 .9-2 2v10c0 1.1.9 2 2 2h12c1.1 0 2-.9 2-2V10c0-1.1-.9-2-2-2zm0 12H6V10h12v10z';

function LockGlyph({
  title,
  open = false,
  size,
}: {
  title: string;
  open?: boolean;
  size: number;
}) {
  return (
    <svg
      viewBox="0 0 24 24"
      width={size}
      height={size}
      role="img"
      aria-label={title}
      fill="currentColor"
      style={{ flexShrink: 0 }}
    >
      <title>{title}</title>
      <path d={open ? LOCK_OPEN_PATH : LOCK_PATH} />
    </svg>
  );
}

/** Seconds a dot takes along an edge. */
const DOT_TRAVEL_SECONDS = 2.4;

/**
 * Moving dots along the edge (SVG animateMotion, no JavaScript per frame): their number follows
 * the rate, red ones mark errors.
 */
function TrafficDots({
  path,
  animation,
  color,
  errorColor,
}: {
  path: string;
  animation: EdgeAnimation;
  color: string;
  errorColor: string;
}) {
  const classes = useStyles();
  const spacing = DOT_TRAVEL_SECONDS / animation.dots;
  // Error dots are spread among the others rather than bunched together.
  const errorEvery = animation.errorDots
    ? animation.dots / animation.errorDots
    : Infinity;
  return (
    <>
      {Array.from({ length: animation.dots }, (_, i) => (
        <circle
          key={i}
          r={2.5}
          className={classes.dot}
          fill={i % errorEvery < 1 ? errorColor : color}
          data-error-dot={i % errorEvery < 1 || undefined}
        >
          <animateMotion
            dur={`${DOT_TRAVEL_SECONDS}s`}
            begin={`${-(i * spacing).toFixed(2)}s`}
            repeatCount="indefinite"
            path={path}
          />
        </circle>
      ))}
    </>
  );
}

/** Selects an edge when its label is clicked (labels sit outside the edge's SVG). */
export const EdgeSelectContext = createContext<
  ((id: string) => void) | undefined
>(undefined);

function EdgeLabel({
  id,
  box,
  data,
  color,
  selected,
}: {
  id: string;
  box: Box;
  data: NonNullable<MeshFlowEdge['data']>;
  color: string;
  selected?: boolean;
}) {
  const classes = useStyles();
  const select = useContext(EdgeSelectContext);
  const m = LABEL_METRICS;
  return (
    <EdgeLabelRenderer>
      {/* A native tooltip: MUI's costs too much on graphs with hundreds of edges. The click is
          a mouse shortcut: keyboard users focus the edge itself and press Enter (MeshGraph). */}
      {/* eslint-disable-next-line jsx-a11y/click-events-have-key-events, jsx-a11y/no-static-element-interactions */}
      <div
        title={describeEdge(data.traffic)}
        className={[
          classes.label,
          selected && classes.selected,
          data.found && classes.found,
          'nodrag nopan',
        ]
          .filter(Boolean)
          .join(' ')}
        style={{
          transform: `translate(${box.x}px, ${box.y}px)`,
          width: box.width,
          height: box.height,
          borderColor: color,
        }}
        onClick={() => select?.(id)}
        data-testid={`mesh-edge-label-${id}`}
        data-edge-label=""
      >
        {data.mtls === 'full' && <LockGlyph title="mTLS" size={m.lockSize} />}
        {data.mtls === 'partial' && (
          <LockGlyph title="Partial mTLS" open size={m.lockSize} />
        )}
        {data.label && <span data-label-text="">{data.label}</span>}
      </div>
    </EdgeLabelRenderer>
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
  const route = data?.route;
  const [bezier, labelX, labelY] = getBezierPath({
    sourceX,
    sourceY,
    sourcePosition,
    targetX,
    targetY,
    targetPosition,
  });
  const path = route?.points.length ? basisPath(route.points) : bezier;
  const size = data?.labelSize;
  const box: Box | undefined =
    route?.label ??
    (size && {
      x: labelX - size.width / 2,
      y: labelY - size.height / 2,
      ...size,
    });
  const color = String(style?.stroke ?? 'currentColor');
  const edgeStyle = selected
    ? { ...style, strokeWidth: Number(style?.strokeWidth ?? 1.5) + 2 }
    : style;

  return (
    <>
      <BaseEdge id={id} path={path} style={edgeStyle} markerEnd={markerEnd} />
      {data?.animation && (
        <TrafficDots
          path={path}
          animation={data.animation}
          color={color}
          errorColor={data.errorColor}
        />
      )}
      {data && box && (
        <EdgeLabel
          id={id}
          box={box}
          data={data}
          color={color}
          selected={selected}
        />
      )}
    </>
  );
}

/**
 * A traffic edge along its routed path: coloured by error rate, labelled with the chosen metrics
 * in the room the layout reserved, with a lock when the traffic is mutual TLS (open lock when only
 * part of it is), and moving dots for live traffic. Dependency drift shows as dashes
 * (undeclared) or a grey dotted line (declared but silent). Labels are drawn above all lines.
 */
export const TrafficEdge = memo(TrafficEdgeComponent);
