import { useMemo } from 'react';
import { useTheme } from '@material-ui/core/styles';
import { MeshSeriesResponse } from '@mesh-portal/plugin-mesh-common';
import {
  formatBytesPerSecond,
  formatLatency,
  formatRps,
} from '../../lib/format';
import { chartKinds, toSeriesRows } from '../../lib/seriesRows';
import { SignalChart } from './SignalChart';

const formatErrorPercent = (percent: number) =>
  `${Number(percent.toFixed(percent < 1 ? 2 : 1))}%`;

/**
 * Requests per second, error rate and latency percentiles of one node or edge over the window;
 * TCP bytes each way where it carries TCP (alone for TCP-only nodes and edges).
 */
export function GoldenSignalCharts({ series }: { series: MeshSeriesResponse }) {
  const theme = useTheme();
  const rows = useMemo(() => toSeriesRows(series), [series]);
  const kinds = chartKinds(series);
  const hasLatency = rows.some(
    row => row.p50 !== null || row.p95 !== null || row.p99 !== null,
  );
  return (
    <>
      {kinds.bytes && (
        <SignalChart
          title="TCP bytes per second"
          rows={rows}
          lines={[
            {
              key: 'bytesIn',
              name: 'client → server',
              color: theme.palette.primary.main,
            },
            {
              key: 'bytesOut',
              name: 'server → client',
              color: theme.palette.status.ok,
            },
          ]}
          formatValue={formatBytesPerSecond}
          axisWidth={72}
        />
      )}
      {kinds.requests && (
        <>
          <SignalChart
            title="Requests per second"
            rows={rows}
            lines={[
              { key: 'rps', name: 'rps', color: theme.palette.primary.main },
            ]}
            formatValue={formatRps}
          />
          <SignalChart
            title="Error rate"
            rows={rows}
            lines={[
              {
                key: 'errorPercent',
                name: 'errors',
                color: theme.palette.status.error,
              },
            ]}
            formatValue={formatErrorPercent}
          />
        </>
      )}
      {kinds.requests && hasLatency && (
        <SignalChart
          title="Latency"
          rows={rows}
          lines={[
            { key: 'p50', name: 'p50', color: theme.palette.status.ok },
            { key: 'p95', name: 'p95', color: theme.palette.status.warning },
            { key: 'p99', name: 'p99', color: theme.palette.status.error },
          ]}
          formatValue={formatLatency}
        />
      )}
    </>
  );
}
