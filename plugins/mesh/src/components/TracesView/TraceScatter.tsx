import {
  CartesianGrid,
  Cell,
  Scatter,
  ScatterChart,
  Tooltip,
  XAxis,
  YAxis,
} from 'recharts';
import useMeasure from 'react-use/esm/useMeasure';
import Typography from '@material-ui/core/Typography';
import { useTheme } from '@material-ui/core/styles';
import { TracePoint } from '../../lib/traces';
import { formatLatency } from '../../lib/format';
import { timeOfDayTicks } from '../../lib/timeTicks';

const HEIGHT = 220;

export interface TraceScatterProps {
  points: TracePoint[];
  selectedTraceId?: string;
  onSelect: (traceId: string) => void;
}

/** Trace durations over time, errors in red; a click opens the trace. */
export function TraceScatter({
  points,
  selectedTraceId,
  onSelect,
}: TraceScatterProps) {
  const theme = useTheme();
  const [ref, { width }] = useMeasure<HTMLElement>();
  const axis = { fontSize: 11, fill: theme.palette.text.secondary };
  const times = points.map(p => p.time);
  const { ticks, format: timeOfDay } = timeOfDayTicks(
    Math.min(...times),
    Math.max(...times),
    Math.max(2, Math.floor((width || 800) / 110)),
  );
  const colorOf = (point: TracePoint) => {
    if (point.traceId === selectedTraceId) return theme.palette.secondary.main;
    return point.isError
      ? theme.palette.status.error
      : theme.palette.primary.main;
  };
  return (
    <figure
      ref={ref}
      role="figure"
      aria-label="Trace durations over time"
      style={{ margin: 0 }}
    >
      <Typography variant="subtitle2" component="figcaption">
        Trace durations over time ({points.filter(p => p.isError).length} with
        errors, in red)
      </Typography>
      <ScatterChart
        width={width || 800}
        height={HEIGHT}
        margin={{ top: 8, right: 16, bottom: 0, left: 0 }}
      >
        <CartesianGrid strokeDasharray="3 3" stroke={theme.palette.divider} />
        <XAxis
          dataKey="time"
          type="number"
          scale="time"
          domain={['dataMin', 'dataMax']}
          ticks={ticks}
          tickFormatter={timeOfDay}
          tick={axis}
          name="Start"
        />
        <YAxis
          dataKey="durationMs"
          type="number"
          tickFormatter={formatLatency}
          tick={axis}
          width={64}
          name="Duration"
        />
        <Tooltip
          cursor={{ strokeDasharray: '3 3' }}
          formatter={(value: number, name: string) =>
            name === 'Start' ? timeOfDay(value) : formatLatency(value)
          }
        />
        <Scatter
          data={points}
          isAnimationActive={false}
          onClick={(point: { payload?: TracePoint }) =>
            point.payload && onSelect(point.payload.traceId)
          }
          cursor="pointer"
        >
          {points.map(point => (
            <Cell key={point.traceId} fill={colorOf(point)} />
          ))}
        </Scatter>
      </ScatterChart>
    </figure>
  );
}
