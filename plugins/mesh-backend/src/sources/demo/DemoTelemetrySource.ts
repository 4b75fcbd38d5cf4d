/*
 * Answers traffic queries from the demo's own series with the same aggregations a Prometheus-backed
 * source runs as PromQL (sum by the edge labels, histogram_quantile per edge), so the graph pipeline
 * cannot tell the two apart.
 */
import {
  histogramQuantile,
  histogramQuantiles,
  LATENCY_LABELS,
  REQUEST_LABELS,
  sumBy,
  TCP_LABELS,
} from '../../telemetry/promFunctions';
import {
  latencyReporterFor,
  preferServerReports,
  requestsByCode,
  ReportedSeries,
  SERIES_KEY_LABELS,
  SERIES_QUANTILES,
  seriesMatchers,
  seriesTimestamps,
  TCP_SERIES_METRICS,
  tcpByDirection,
} from '../../telemetry/seriesSelection';
import {
  Sample,
  SeriesQuery,
  SourceResult,
  TelemetrySource,
  TrafficQuery,
  TrafficSeries,
  TrafficSnapshot,
} from '../types';
import { DemoMesh } from './DemoMesh';

export class DemoTelemetrySource implements TelemetrySource {
  constructor(private readonly mesh: DemoMesh) {}

  async getTraffic(
    query: TrafficQuery,
  ): Promise<SourceResult<TrafficSnapshot>> {
    const inScope = (s: Sample) =>
      !query.namespaces ||
      query.namespaces.includes(s.labels.source_workload_namespace) ||
      query.namespaces.includes(s.labels.destination_service_namespace) ||
      query.namespaces.includes(s.labels.destination_workload_namespace);
    const rates = (metric: string) =>
      this.mesh.rates(metric, query.time, query.windowSeconds).filter(inScope);
    const positive = (samples: Sample[]) => samples.filter(s => s.value > 0);

    return {
      value: {
        requests: positive(
          sumBy(rates('istio_requests_total'), REQUEST_LABELS),
        ),
        tcpSent: positive(
          sumBy(rates('istio_tcp_received_bytes_total'), TCP_LABELS),
        ),
        tcpReceived: positive(
          sumBy(rates('istio_tcp_sent_bytes_total'), TCP_LABELS),
        ),
        latency: query.withoutLatency
          ? []
          : latencyQuantiles(
              rates('istio_request_duration_milliseconds_bucket'),
            ),
      },
      errors: [],
    };
  }

  async getSeries(query: SeriesQuery): Promise<SourceResult<TrafficSeries>> {
    return { value: demoSeries(this.mesh, query), errors: [] };
  }
}

/** The demo's time series: the same rate computation as getTraffic, at every step. */
export function demoSeries(mesh: DemoMesh, query: SeriesQuery): TrafficSeries {
  const timestamps = seriesTimestamps(query);
  const matchers = Object.entries(seriesMatchers(query));
  const matches = (s: Sample) => matchers.every(([k, v]) => s.labels[k] === v);
  const selected = (s: Sample) => s.labels.app !== 'ztunnel' && matches(s);
  // `sum by (key labels, reporter) (rate(metric[step]))` at every step, as a range query would.
  const reported = (metric: string, filter: (s: Sample) => boolean) => {
    const perKey = new Map<string, ReportedSeries>();
    timestamps.forEach((t, i) => {
      for (const s of sumBy(
        mesh
          .rates(metric, new Date(t * 1000), query.stepSeconds)
          .filter(filter),
        [...SERIES_KEY_LABELS, 'reporter'],
      )) {
        const key = JSON.stringify(s.labels);
        const entry = perKey.get(key) ?? {
          labels: s.labels,
          values: timestamps.map(() => 0),
        };
        entry.values[i] += s.value;
        perKey.set(key, entry);
      }
    });
    return [...perKey.values()];
  };
  const tcp = tcpByDirection(
    {
      clientToServer: reported(TCP_SERIES_METRICS.clientToServer, matches),
      serverToClient: reported(TCP_SERIES_METRICS.serverToClient, matches),
    },
    timestamps,
  );
  const { kept, reporter } = preferServerReports(
    reported('istio_requests_total', selected),
  );
  const requests = requestsByCode(kept, timestamps);
  const latencyReporter = latencyReporterFor(reporter);
  const latency = SERIES_QUANTILES.map(quantile => ({
    quantile,
    values: timestamps.map(t => {
      const buckets = sumBy(
        mesh
          .rates(
            'istio_request_duration_milliseconds_bucket',
            new Date(t * 1000),
            query.stepSeconds,
          )
          .filter(s => selected(s) && s.labels.reporter === latencyReporter),
        ['le'],
      );
      const value = histogramQuantile(
        Number(quantile),
        buckets.map(b => ({
          le: b.labels.le === '+Inf' ? Infinity : Number(b.labels.le),
          value: b.value,
        })),
      );
      return Number.isFinite(value) ? value : null;
    }),
  }));
  return {
    timestamps,
    requests,
    latency: reporter === 'none' ? [] : latency,
    reporter,
    tcp,
  };
}

/** `histogram_quantile(q, sum by (le, edge labels, reporter) (rate(…_bucket[w])))` for each q. */
export function latencyQuantiles(buckets: Sample[]): Sample[] {
  return histogramQuantiles(sumBy(buckets, [...LATENCY_LABELS, 'le']));
}
