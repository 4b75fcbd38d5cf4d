/*
 * Time series of one node or edge from Prometheus: three range queries — requests per logical
 * series and reporter (de-duplicated like the graph: the server's report where there is one), TCP
 * bytes each way (same de-duplication, ztunnel included), and the latency quantiles. Names placed into the queries are validated as Kubernetes names and escaped.
 */
import {
  byLabels,
  matcher,
  rangeSeconds,
  selector,
} from '../../telemetry/promql';
import {
  latencyReporterFor,
  preferServerReports,
  ReportedSeries,
  requestsByCode,
  SERIES_KEY_LABELS,
  SERIES_QUANTILES,
  seriesMatchers,
  seriesTimestamps,
  tcpByDirection,
} from '../../telemetry/seriesSelection';
import {
  IstioMetricNames,
  istioMetricNames,
} from '../../telemetry/istioMetrics';
import { SeriesQuery, TcpSeries, TrafficSeries } from '../types';
import { PrometheusError } from './PrometheusClient';
import { CachedPrometheus } from './QueryCache';

// Namespaces, workloads and Services are DNS-1123 names (workloads may contain dots).
const K8S_NAME = /^[a-z0-9]([-a-z0-9.]{0,251}[a-z0-9])?$/;

export async function prometheusSeries(
  prometheus: CachedPrometheus,
  query: SeriesQuery,
  ttlMs: number,
  metrics: IstioMetricNames = istioMetricNames(),
): Promise<TrafficSeries> {
  const timestamps = seriesTimestamps(query);
  const matchers = Object.entries(seriesMatchers(query));
  for (const [label, value] of matchers) {
    if (!K8S_NAME.test(value))
      throw new PrometheusError(
        'SYSTEM_ERROR',
        `Refusing to query for invalid ${label} '${value.slice(0, 64)}'`,
      );
  }
  const start = new Date(timestamps[0] * 1000);
  const end = new Date(timestamps[timestamps.length - 1] * 1000);
  const range = rangeSeconds(query.stepSeconds);
  const index = new Map(timestamps.map((t, i) => [t, i]));
  const sel = (extra: string[]) =>
    selector([...extra, ...matchers.map(([k, v]) => matcher(k, '=', v))]);
  const toReported = (
    series: Array<{
      labels: Record<string, string>;
      points: Array<{ t: number; value: number }>;
    }>,
  ): ReportedSeries[] =>
    series.map(s => {
      const values = timestamps.map(() => 0);
      for (const p of s.points) {
        const i = index.get(Math.round(p.t));
        if (i !== undefined) values[i] = p.value;
      }
      return { labels: s.labels, values };
    });
  const sumByKey = `sum by ${byLabels([...SERIES_KEY_LABELS, 'reporter'])}`;
  const directions: Array<[keyof TcpSeries, string]> = [
    ['clientToServer', metrics.tcpReceived],
    ['serverToClient', metrics.tcpSent],
  ];
  const [requestRange, tcpRange] = await Promise.all([
    prometheus.queryRange(
      `${sumByKey} (rate(${metrics.requests}${sel([
        matcher('app', '!=', 'ztunnel'),
      ])}${range}))`,
      start,
      end,
      query.stepSeconds,
      ttlMs,
    ),
    prometheus.queryRange(
      directions
        .map(
          ([direction, metric]) =>
            `label_replace(${sumByKey} (rate(${metric}${sel(
              [],
            )}${range})), "direction", "${direction.toLowerCase()}", "", "")`,
        )
        .join(' or '),
      start,
      end,
      query.stepSeconds,
      ttlMs,
    ),
  ]);
  const tcpSeries = toReported(tcpRange.series);
  // Label values in queries are lower-case names (checked by hostile/hostileLabels.test.ts).
  const tcp = tcpByDirection(
    Object.fromEntries(
      directions.map(([direction]) => [
        direction,
        tcpSeries.filter(s => s.labels.direction === direction.toLowerCase()),
      ]),
    ) as Record<keyof TcpSeries, ReportedSeries[]>,
    timestamps,
  );
  const { kept, reporter } = preferServerReports(
    toReported(requestRange.series),
  );
  if (reporter === 'none')
    return { timestamps, requests: [], latency: [], reporter, tcp };
  const requests = requestsByCode(kept, timestamps);
  const latencyReporter = latencyReporterFor(reporter);
  const buckets = `sum by (le) (rate(${metrics.durationBucket}${sel([
    matcher('reporter', '=', latencyReporter),
  ])}${range}))`;
  const latency = await prometheus.queryRange(
    SERIES_QUANTILES.map(
      q =>
        `label_replace(histogram_quantile(${q}, ${buckets}), "quantile", "${q}", "", "")`,
    ).join(' or '),
    start,
    end,
    query.stepSeconds,
    ttlMs,
  );
  return {
    timestamps,
    requests,
    latency: SERIES_QUANTILES.map(quantile => {
      const values: Array<number | null> = timestamps.map(() => null);
      for (const p of latency.series.find(s => s.labels.quantile === quantile)
        ?.points ?? []) {
        const i = index.get(Math.round(p.t));
        if (i !== undefined && Number.isFinite(p.value)) values[i] = p.value;
      }
      return { quantile, values };
    }),
    reporter,
    tcp,
  };
}
