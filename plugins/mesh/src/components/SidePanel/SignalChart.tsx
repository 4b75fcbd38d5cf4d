import {
  CartesianGrid,
  Legend,
  Line,
  LineChart,
  Tooltip,
  XAxis,
  YAxis,
} from 'recharts';
import useMeasure from 'react-use/esm/useMeasure';
import Typography from '@material-ui/core/Typography';
import { useTheme } from '@material-ui/core/styles';
import { SeriesRow } from '../../lib/seriesRows';
import { timeOfDayTicks } from '../../lib/timeTicks';

export interface SignalLine {
  key: keyof SeriesRow;
  name: string;
  color: string;
}

export interface SignalChartProps {
  title: string;
  rows: SeriesRow[];
  lines: SignalLine[];
  formatValue: (value: number) => string;
  height?: number;
  /** Room for the value axis' labels (wider units such as `18 KiB/s` need more). */
  axisWidth?: number;
}

const FALLBACK_WIDTH = 360;

/**
 * One golden signal over the window as a small line chart. The figure is labelled with its
 * title so that screen readers (and tests) can find it; gaps (null) are drawn as gaps.
 */
export function SignalChart({
  title,
  rows,
  lines,
  formatValue,
  height = 130,
  axisWidth = 56,
}: SignalChartProps) {
  const theme = useTheme();
  const [ref, { width }] = useMeasure<HTMLElement>();
  const axis = { fontSize: 11, fill: theme.palette.text.secondary };
  const { ticks, format: timeOfDay } = timeOfDayTicks(
    rows[0]?.time ?? 0,
    rows[rows.length - 1]?.time ?? 0,
    Math.max(2, Math.floor((width || FALLBACK_WIDTH) / 90)),
  );
  return (
    <figure ref={ref} role="figure" aria-label={title} style={{ margin: 0 }}>
      <Typography variant="subtitle2" component="figcaption">
        {title}
      </Typography>
      {/* Drawn at a sensible width until (or where) the figure cannot be measured. */}
      <LineChart
        width={width || FALLBACK_WIDTH}
        height={height}
        data={rows}
        margin={{ top: 4, right: 8, bottom: 0, left: 0 }}
      >
        <CartesianGrid strokeDasharray="3 3" stroke={theme.palette.divider} />
        <XAxis
          dataKey="time"
          type="number"
          domain={['dataMin', 'dataMax']}
          scale="time"
          ticks={ticks}
          tickFormatter={timeOfDay}
          tick={axis}
          minTickGap={24}
        />
        <YAxis tickFormatter={formatValue} tick={axis} width={axisWidth} />
        <Tooltip
          labelFormatter={value => timeOfDay(Number(value))}
          formatter={(value: number) => formatValue(value)}
          contentStyle={{
            background: theme.palette.background.paper,
            fontSize: 12,
          }}
        />
        {lines.length > 1 && (
          <Legend iconSize={8} wrapperStyle={{ fontSize: 11 }} />
        )}
        {lines.map(line => (
          <Line
            key={line.key}
            dataKey={line.key}
            name={line.name}
            stroke={line.color}
            dot={false}
            isAnimationActive={false}
            connectNulls={false}
            strokeWidth={1.5}
          />
        ))}
      </LineChart>
    </figure>
  );
}
