/*
 * Shapes the series route's answer for charts and the response-code table. Pure functions.
 */
import type { MeshSeriesResponse } from '@mesh-portal/plugin-mesh-common';

/** One point of the golden-signal charts; `time` in milliseconds for the chart's time axis. */
export interface SeriesRow {
  time: number;
  rps: number;
  /** Error rate in percent; null where there were no requests. */
  errorPercent: number | null;
  p50: number | null;
  p95: number | null;
  p99: number | null;
  /** TCP bytes/s client → server and server → client (0 without TCP traffic). */
  bytesIn: number;
  bytesOut: number;
}

export function toSeriesRows(series: MeshSeriesResponse): SeriesRow[] {
  return series.timestamps.map((seconds, i) => {
    const errorRate = series.errorRate[i];
    return {
      time: seconds * 1000,
      rps: series.rps[i] ?? 0,
      errorPercent:
        errorRate === null || errorRate === undefined ? null : errorRate * 100,
      p50: series.latency.p50[i] ?? null,
      p95: series.latency.p95[i] ?? null,
      p99: series.latency.p99[i] ?? null,
      bytesIn: series.tcpBytes?.clientToServer[i] ?? 0,
      bytesOut: series.tcpBytes?.serverToClient[i] ?? 0,
    };
  });
}

/**
 * Which charts a series needs: request charts when it has requests (or no TCP bytes either, so
 * the empty charts say "nothing"), byte charts when it has TCP bytes. TCP-only nodes and edges
 * get byte charts alone.
 */
export function chartKinds(series: MeshSeriesResponse): {
  requests: boolean;
  bytes: boolean;
} {
  const bytes = Boolean(
    series.tcpBytes &&
      [
        ...series.tcpBytes.clientToServer,
        ...series.tcpBytes.serverToClient,
      ].some(v => v > 0),
  );
  const requests =
    series.rps.some(v => v > 0) || Object.keys(series.responses).length > 0;
  return { requests: requests || !bytes, bytes };
}

/**
 * Whether a response code counts as an error, by Kiali's rules: no response (`-`), HTTP 4xx and
 * 5xx, and gRPC statuses 1 to 16 (gRPC uses its own status in place of the HTTP code).
 */
export function isErrorCode(code: string): boolean {
  if (code === '-') return true;
  const value = Number(code);
  if (!Number.isInteger(value)) return false;
  return value >= 400 || (value >= 1 && value <= 16);
}

export interface ResponseCodeShare {
  code: string;
  rps: number;
  /** Share of all responses (0..1). */
  share: number;
  isError: boolean;
}

/** Average rate per response code over the window, busiest first. */
export function responseCodeShares(
  responses: Record<string, number[] | number>,
): ResponseCodeShare[] {
  const rates = Object.entries(responses).map(([code, values]) => {
    const list = Array.isArray(values) ? values : [values];
    const rps = list.length ? list.reduce((a, b) => a + b, 0) / list.length : 0;
    return { code, rps };
  });
  const total = rates.reduce((sum, rate) => sum + rate.rps, 0);
  return rates
    .filter(rate => rate.rps > 0)
    .map(rate => ({
      ...rate,
      share: total > 0 ? rate.rps / total : 0,
      isError: isErrorCode(rate.code),
    }))
    .sort((a, b) => b.rps - a.rps || (a.code < b.code ? -1 : 1));
}

/** Total requests per second and the share that failed, from per-protocol per-code rates. */
export function summarizeRates(
  rates: Partial<Record<'http' | 'grpc', Record<string, number>>>,
): { rps: number; errorShare: number | null } {
  let rps = 0;
  let errors = 0;
  for (const byCode of Object.values(rates)) {
    for (const [code, rate] of Object.entries(byCode ?? {})) {
      rps += rate;
      if (isErrorCode(code)) errors += rate;
    }
  }
  return { rps, errorShare: rps > 0 ? errors / rps : null };
}
