/*
 * What a query sent to a data source looks like once its values are taken out, so tests can say
 * that no input changed a query's shape: PromQL and TraceQL string literals are replaced by `""`
 * and range durations by `[_]`; the literals themselves are returned decoded, for checking.
 */
import { PrometheusTelemetrySource } from '../../sources/prometheus/PrometheusTelemetrySource';

const LITERAL = /"((?:[^"\\]|\\.)*)"/g;

export function skeleton(query: string): string {
  return query.replace(LITERAL, '""').replace(/\[\d+s\]/g, '[_]');
}

/** The decoded values of a query's string literals. */
export function literals(query: string): string[] {
  return [...query.matchAll(LITERAL)].map(m => m[1].replace(/\\(.)/g, '$1'));
}

/** Shapes of the graph's traffic queries (all namespaces), whatever the window. */
export const TRAFFIC_SHAPES = new Set(
  Object.values(PrometheusTelemetrySource.queries({ windowSeconds: 60 })).map(
    skeleton,
  ),
);

/** Kubernetes names (namespaces, workloads, Services) — the only values a series query may carry. */
export const K8S_NAME = /^[a-z0-9]([-a-z0-9.]{0,251}[a-z0-9])?$/;
