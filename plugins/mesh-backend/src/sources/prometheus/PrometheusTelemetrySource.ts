/*
 * Istio telemetry from any Prometheus-HTTP-API store. Unlike Kiali, which runs ~6 queries per
 * namespace in sequence, a traffic read is a constant 4 queries whatever the number of namespaces:
 * requests, TCP bytes each way, and latency; each aggregates with `sum by` over exactly the labels
 * the graph needs, over all namespaces at once (or a namespace set matched by one regex). Each
 * query fails on its own: the others' data is still returned.
 *
 * Latency comes in one of two forms (docs/design-decisions.md, "Latency quantiles"): the mesh
 * model's refresh reads the bucket rates once and computes every quantile in process
 * (histogramQuantiles, Prometheus' semantics), since `histogram_quantile` per quantile makes
 * Prometheus rate every bucket series once per quantile; cached on-demand reads ask Prometheus
 * for the quantiles, ~7× fewer samples to hold in the shared query cache.
 */
import { MeshSourceError } from '@mesh-portal/plugin-mesh-common';
import {
  LATENCY_LABELS,
  LATENCY_QUANTILES,
  REQUEST_LABELS,
  TCP_LABELS,
} from '../../telemetry/promFunctions';
import {
  byLabels,
  escapeRegex,
  matcher,
  oneOf,
  rangeSeconds,
  selector,
} from '../../telemetry/promql';
import {
  SeriesQuery,
  SourceResult,
  TelemetrySource,
  TrafficQuery,
  TrafficResult,
  TrafficSeries,
  TrafficSnapshot,
} from '../types';
import {
  IstioMetricNames,
  istioMetricNames,
} from '../../telemetry/istioMetrics';
import { prometheusSeries } from './PrometheusSeries';
import { PrometheusError } from './PrometheusClient';
import { CachedPrometheus } from './QueryCache';

export const CACHE_TTL_MS = 60_000;
// Kubernetes namespace names (DNS-1123 labels): anything else never reaches a query.
const NAMESPACE = /^[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?$/;

/** How a read's latency is queried (see the header). */
export type LatencyForm = 'quantiles' | 'buckets';

export interface PrometheusTelemetryOptions {
  /** Clusters whose metrics this store holds (for error attribution). */
  clusters: string[];
  /** Evaluation times are rounded down to this step so identical requests share queries and cache entries. */
  alignSeconds?: number;
  /** Read the series of Istio's workload-level recording rules (../../telemetry/istioMetrics). */
  workloadRecordingRules?: boolean;
}

export class PrometheusTelemetrySource implements TelemetrySource {
  private readonly metrics: IstioMetricNames;

  constructor(
    private readonly prometheus: CachedPrometheus,
    private readonly options: PrometheusTelemetryOptions,
  ) {
    this.metrics = istioMetricNames(options.workloadRecordingRules);
  }

  /**
   * The PromQL of one traffic read (exposed for tests and the benchmark). `latency`: `quantiles`
   * computed by Prometheus, or the `buckets` rates they come from (what the model's refresh reads).
   */
  static queries(
    query: Pick<
      TrafficQuery,
      'windowSeconds' | 'namespaces' | 'sourceNamespaces'
    >,
    metrics: IstioMetricNames = istioMetricNames(),
    latency: LatencyForm = 'quantiles',
  ): Record<keyof TrafficSnapshot, string> {
    const range = rangeSeconds(query.windowSeconds);
    const namespaces = query.namespaces;
    const part = query.sourceNamespaces;
    const partNames = part && ('in' in part ? part.in : part.notIn);
    for (const names of [namespaces, partNames]) {
      const bad = names?.find(ns => !NAMESPACE.test(ns));
      if (bad !== undefined)
        throw new PrometheusError(
          'SYSTEM_ERROR',
          `Refusing to query for invalid namespace '${bad.slice(0, 64)}'`,
        );
    }
    // A part of a split read: traffic from some source namespaces (or from all others).
    const partMatchers =
      part && partNames?.length
        ? [
            'in' in part
              ? oneOf('source_workload_namespace', part.in)
              : matcher(
                  'source_workload_namespace',
                  '!~',
                  part.notIn.map(escapeRegex).join('|'),
                ),
          ]
        : [];
    // With a namespace scope, traffic out of or into the namespaces: two selectors joined by `or`,
    // which keeps one copy of label sets present on both sides.
    const scoped = (metric: string, inner: (sel: string) => string) =>
      namespaces && namespaces.length
        ? `(${inner(
            `${metric}${selector([
              oneOf('source_workload_namespace', namespaces),
            ])}`,
          )}) or (${inner(
            `${metric}${selector([
              oneOf('destination_service_namespace', namespaces),
            ])}`,
          )})`
        : inner(`${metric}${selector(partMatchers)}`);
    const sumRate = (labels: string[]) => (sel: string) =>
      `sum by ${byLabels(labels)} (rate(${sel}${range}))`;
    const buckets = (sel: string) =>
      `sum by ${byLabels(['le', ...LATENCY_LABELS])} (rate(${sel}${range}))`;
    const quantile = (q: number) =>
      `label_replace(histogram_quantile(${q}, ${scoped(
        metrics.durationBucket,
        buckets,
      )}) > 0, "quantile", "${q}", "", "")`;
    return {
      requests: `${scoped(metrics.requests, sumRate(REQUEST_LABELS))} > 0`,
      tcpSent: `${scoped(metrics.tcpReceived, sumRate(TCP_LABELS))} > 0`,
      tcpReceived: `${scoped(metrics.tcpSent, sumRate(TCP_LABELS))} > 0`,
      latency:
        latency === 'buckets'
          ? scoped(metrics.durationBucket, buckets)
          : LATENCY_QUANTILES.map(quantile).join(' or '),
    };
  }

  /** Source namespaces with traffic at `time`: one sample per series, far cheaper than a rate read. */
  async sourceNamespaces(time: Date): Promise<string[]> {
    const { requests, tcpSent, tcpReceived } = this.metrics;
    const names = [requests, tcpSent, tcpReceived].map(escapeRegex).join('|');
    const result = await this.prometheus.query(
      `group by (source_workload_namespace) ({__name__=~"${names}"})`,
      time,
      0,
    );
    return result.samples
      .map(s => s.labels.source_workload_namespace)
      .filter(ns => ns !== undefined && NAMESPACE.test(ns));
  }

  /** The cache identity of the store (URL, tenant, credentials, hashed): keys of shared entries. */
  get storeIdentity(): string {
    return this.prometheus.cacheIdentity;
  }

  /**
   * `exact`: for the mesh model's refresh (../model), which keeps its own snapshot: the exact
   * time, and no query-cache entries that nobody would read.
   */
  async getTraffic(
    query: TrafficQuery,
    options: { exact?: boolean } = {},
  ): Promise<TrafficResult> {
    const align = options.exact ? 0 : (this.options.alignSeconds ?? 0) * 1000;
    const time =
      align > 0
        ? new Date(Math.floor(query.time.getTime() / align) * align)
        : query.time;
    // Cache keys include the (aligned) evaluation time, so an entry never goes stale: freshness
    // comes from the alignment step. The TTL only bounds memory, and must outlive slow queries.
    const ttlMs = options.exact ? 0 : CACHE_TTL_MS;
    const snapshot: TrafficSnapshot = {
      requests: [],
      tcpSent: [],
      tcpReceived: [],
      latency: [],
    };
    const errors: MeshSourceError[] = [];
    let queries: Record<keyof TrafficSnapshot, string>;
    try {
      queries = PrometheusTelemetrySource.queries(
        query,
        this.metrics,
        latencyForm(options),
      );
    } catch (error) {
      return {
        value: snapshot,
        errors: [this.toError(error, 'building the queries')],
      };
    }
    const parts = (Object.keys(queries) as Array<keyof TrafficSnapshot>).filter(
      p => !((query.withoutLatency || query.latencyUnused) && p === 'latency'),
    );
    const readPart = async (part: keyof TrafficSnapshot) => {
      const reduce =
        part === 'latency' && latencyForm(options) === 'buckets'
          ? 'histogramQuantiles'
          : 'samples';
      try {
        // The model keeps its snapshots: their samples as the worker packed them (../sampleList).
        snapshot[part] = options.exact
          ? (await this.prometheus.queryList(queries[part], time, reduce))
              .samples
          : (await this.prometheus.query(queries[part], time, ttlMs, reduce))
              .samples;
      } catch (error) {
        errors.push(this.toError(error, part));
      }
    };
    // The model's refresh is background work: the latency histogram (~20× the series of the
    // others) in one lane and the other parts one after another in a second, so it keeps at most
    // two of the store's cores busy and takes about the histogram's time (docs/design-decisions.md,
    // "Refresh schedule"). A request waiting on its read sends them all at once.
    if (options.exact) {
      const readOthersInTurn = async () => {
        for (const part of parts) if (part !== 'latency') await readPart(part);
      };
      await Promise.all([
        parts.includes('latency') ? readPart('latency') : undefined,
        readOthersInTurn(),
      ]);
    } else await Promise.all(parts.map(readPart));
    return { value: snapshot, errors, freshness: { state: 'live', time } };
  }

  async getSeries(query: SeriesQuery): Promise<SourceResult<TrafficSeries>> {
    try {
      return {
        value: await prometheusSeries(
          this.prometheus,
          query,
          CACHE_TTL_MS,
          this.metrics,
        ),
        errors: [],
      };
    } catch (error) {
      return {
        value: { timestamps: [], requests: [], latency: [], reporter: 'none' },
        errors: [this.toError(error, 'series')],
      };
    }
  }

  private toError(error: unknown, part: string): MeshSourceError {
    const e =
      error instanceof PrometheusError
        ? error
        : new PrometheusError(
            'SYSTEM_ERROR',
            String((error as Error)?.message ?? error),
          );
    return {
      source: 'telemetry',
      errorType: e.errorType,
      cluster: this.options.clusters.join(','),
      ...(e.statusCode ? { statusCode: e.statusCode } : {}),
      message: `Prometheus (${part}): ${e.message}`,
    };
  }
}

/** The model's refresh (exact) reads the buckets once; cached reads ask for the quantiles. */
export function latencyForm(options: { exact?: boolean }): LatencyForm {
  return options.exact ? 'buckets' : 'quantiles';
}
