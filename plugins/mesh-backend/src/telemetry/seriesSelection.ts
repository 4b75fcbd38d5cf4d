/*
 * Shared rules of the time-series reads, so the demo and Prometheus follow a node or an edge the
 * same way: which labels select it, and which reporter's numbers count (the server's when it has a
 * proxy, else the client's — the same precedence as the graph's de-duplication).
 */
import { responseCode } from '../graph/buildTrafficMap';
import {
  PeerSelector,
  SeriesQuery,
  TcpSeries,
  TrafficSeries,
} from '../sources/types';

export const SERIES_QUANTILES = ['0.5', '0.95', '0.99'];

/** Label equality matchers selecting the query's source and destination. */
export function seriesMatchers(
  query: Pick<SeriesQuery, 'source' | 'destination'>,
): Record<string, string> {
  const side = (
    prefix: 'source' | 'destination',
    peer: PeerSelector | undefined,
  ): Record<string, string> => {
    if (!peer) return {};
    if (prefix === 'destination' && peer.service && !peer.workload) {
      return {
        destination_service_namespace: peer.namespace,
        destination_service_name: peer.service,
        ...(peer.unserved ? { destination_workload: 'unknown' } : {}),
      };
    }
    return {
      [`${prefix}_workload_namespace`]: peer.namespace,
      ...(peer.workload ? { [`${prefix}_workload`]: peer.workload } : {}),
      ...(peer.app ? { [`${prefix}_canonical_service`]: peer.app } : {}),
    };
  };
  return {
    ...side('source', query.source),
    ...side('destination', query.destination),
  };
}

/** Evaluation times of the points: `points` steps ending at `time`, aligned to the step. */
export function seriesTimestamps(query: SeriesQuery): number[] {
  const end =
    Math.floor(query.time.getTime() / 1000 / query.stepSeconds) *
    query.stepSeconds;
  const count = Math.max(
    1,
    Math.floor(query.windowSeconds / query.stepSeconds),
  );
  return Array.from(
    { length: count },
    (_, i) => end - (count - 1 - i) * query.stepSeconds,
  );
}

/** What identifies one logical series apart from who reported it (the graph's de-duplication key). */
export const SERIES_KEY_LABELS = [
  'source_workload_namespace',
  'source_workload',
  'destination_service_namespace',
  'destination_service_name',
  'destination_workload_namespace',
  'destination_workload',
  'request_protocol',
  'response_code',
  'grpc_response_status',
  'response_flags',
];

export interface ReportedSeries {
  labels: Record<string, string>;
  values: number[];
}

/**
 * Keeps, for every logical series, the server's report when there is one and the client's
 * otherwise — so requests a client proxy answered itself (faults, no upstream) still count.
 */
export function preferServerReports(series: ReportedSeries[]): {
  kept: ReportedSeries[];
  reporter: 'destination' | 'source' | 'mixed' | 'none';
} {
  const key = (l: Record<string, string>) =>
    SERIES_KEY_LABELS.map(k => l[k] ?? '').join('\u0000');
  const fromServer = new Set(
    series.filter(s => s.labels.reporter !== 'source').map(s => key(s.labels)),
  );
  const kept = series.filter(
    s => s.labels.reporter !== 'source' || !fromServer.has(key(s.labels)),
  );
  const reporters = new Set(
    kept.map(s => (s.labels.reporter === 'source' ? 'source' : 'destination')),
  );
  const reporter =
    reporters.size === 0
      ? 'none'
      : reporters.size > 1
      ? 'mixed'
      : ([...reporters][0] as 'destination' | 'source');
  return { kept, reporter };
}

/** Kept series summed per protocol and normalised response code. */
export function requestsByCode(
  kept: ReportedSeries[],
  timestamps: number[],
): TrafficSeries['requests'] {
  const byCode = new Map<string, TrafficSeries['requests'][number]>();
  for (const s of kept) {
    const protocol = s.labels.request_protocol === 'grpc' ? 'grpc' : 'http';
    const code = responseCode(protocol, s.labels);
    const entry = byCode.get(`${protocol}|${code}`) ?? {
      protocol,
      code,
      values: timestamps.map(() => 0),
    };
    s.values.forEach((v, i) => (entry.values[i] += v));
    byCode.set(`${protocol}|${code}`, entry);
  }
  return [...byCode.values()];
}

/** Latency quantiles do not add up across reporters: the server's where it reports, else the client's. */
export function latencyReporterFor(
  reporter: TrafficSeries['reporter'],
): 'source' | 'destination' {
  return reporter === 'source' ? 'source' : 'destination';
}

/** The TCP byte counters of a series by direction (Istio's names are reversed, istio#32399). */
export const TCP_SERIES_METRICS: Record<keyof TcpSeries, string> = {
  clientToServer: 'istio_tcp_received_bytes_total',
  serverToClient: 'istio_tcp_sent_bytes_total',
};

/**
 * Bytes/s each way from the reported TCP series (ztunnel's included: ambient workloads report
 * nothing else), de-duplicated like requests; undefined when nothing was reported.
 */
export function tcpByDirection(
  reported: Record<keyof TcpSeries, ReportedSeries[]>,
  timestamps: number[],
): TcpSeries | undefined {
  const sum = (series: ReportedSeries[]) => {
    const { kept } = preferServerReports(series);
    return timestamps.map((_, i) => kept.reduce((a, s) => a + s.values[i], 0));
  };
  if (reported.clientToServer.length + reported.serverToClient.length === 0)
    return undefined;
  return {
    clientToServer: sum(reported.clientToServer),
    serverToClient: sum(reported.serverToClient),
  };
}
