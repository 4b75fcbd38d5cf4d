/* What the Prometheus HTTP API answers, as ./PrometheusClient returns it, and its typed errors. */
import { MeshSourceErrorType } from '@mesh-portal/plugin-mesh-common';
import { SampleList } from '../sampleList';
import { Sample } from '../types';

export class PrometheusError extends Error {
  constructor(
    readonly errorType: MeshSourceErrorType,
    message: string,
    readonly statusCode?: number,
  ) {
    super(message);
    this.name = 'PrometheusError';
  }
}

export interface QueryResult {
  samples: Sample[];
  warnings: string[];
}

/** {@link QueryResult} with the samples as a list (../sampleList). */
export interface QueryListResult {
  samples: SampleList;
  warnings: string[];
}

export interface RangeSeries {
  labels: Record<string, string>;
  points: Array<{ t: number; value: number }>;
}

export interface RangeResult {
  series: RangeSeries[];
  warnings: string[];
}

/** The series of a matrix answer's `result`, without items or points that are not series. */
export function rangeSeriesOf(result: any[]): RangeSeries[] {
  const series: RangeSeries[] = [];
  for (const r of result) {
    if (!r || typeof r.metric !== 'object' || !Array.isArray(r.values))
      continue;
    const points = r.values
      .map((v: unknown[]) => ({ t: Number(v?.[0]), value: Number(v?.[1]) }))
      .filter(
        (p: { t: number; value: number }) =>
          Number.isFinite(p.t) && Number.isFinite(p.value),
      );
    series.push({ labels: r.metric, points });
  }
  return series;
}

/** A body as JSON, or an empty object when it is not JSON (a front door's error page). */
export function jsonOrEmpty(text: string): any {
  try {
    return JSON.parse(text);
  } catch {
    return {};
  }
}

/** Every credential-bearing piece of the auth headers: whole values, tokens, SigV4 signatures. */
export function credentialParts(headers: Record<string, string>): string[] {
  return Object.values(headers)
    .flatMap(value => [value, ...value.split(/[\s,=]+/)])
    .filter(part => part.length >= 16);
}
