/*
 * What an edge's traffic looks like on the graph: its severity (colour), mTLS status (lock) and
 * label text per metric. Pure functions shared by the graph, its tooltips and the find/hide
 * language, so that all of them read an edge the same way.
 */
import type { MeshEdge, MeshNode } from '@mesh-portal/plugin-mesh-common';
import {
  formatBytesPerSecond,
  formatLatency,
  formatPercent,
  formatRps,
} from './format';

/**
 * Which traffic metric the edge labels show.
 *
 * @public
 */
export type EdgeLabelMetric = 'rps' | 'errorRate' | 'p95' | 'mtls';

/**
 * How an edge is coloured: `idle` carries no traffic, `warning` has some errors, `error` has an
 * error rate at or above {@link EDGE_ERROR_THRESHOLD}.
 */
export type TrafficSeverity = 'idle' | 'ok' | 'warning' | 'error';

/** mTLS coverage of an edge; `unknown` when no destination reported it. */
export type MtlsStatus = 'full' | 'partial' | 'none' | 'unknown';

/**
 * Error rate from which an edge is drawn as failing. 10% is Kiali's default failure tolerance
 * for 5xx and gRPC errors (see DEFAULT_HEALTH_TOLERANCES), so edge and node colours agree.
 */
export const EDGE_ERROR_THRESHOLD = 0.1;

/** mTLS shares that display as 100% count as full, so the lock never contradicts its label. */
export const MTLS_FULL_THRESHOLD = 0.9995;

export function trafficSeverity(edge: MeshEdge): TrafficSeverity {
  if (edge.protocol === 'tcp') {
    return (edge.bytesPerSecond ?? 0) > 0 ? 'ok' : 'idle';
  }
  if (edge.rps <= 0) return 'idle';
  if (edge.errorRate >= EDGE_ERROR_THRESHOLD) return 'error';
  if (edge.errorRate > 0) return 'warning';
  return 'ok';
}

export function mtlsStatus(mtls: number | undefined): MtlsStatus {
  if (mtls === undefined) return 'unknown';
  if (mtls >= MTLS_FULL_THRESHOLD) return 'full';
  return mtls > 0 ? 'partial' : 'none';
}

/**
 * The label of an edge for a metric. TCP carries no requests, so rate, error and latency
 * metrics all show its throughput instead.
 */
export function edgeLabel(
  edge: MeshEdge,
  metric: EdgeLabelMetric,
): string | undefined {
  if (metric === 'mtls') {
    return edge.mtls === undefined
      ? undefined
      : `${formatPercent(edge.mtls)} mTLS`;
  }
  if (edge.protocol === 'tcp') {
    return edge.bytesPerSecond === undefined
      ? 'TCP'
      : formatBytesPerSecond(edge.bytesPerSecond);
  }
  switch (metric) {
    case 'rps':
      return formatRps(edge.rps);
    case 'errorRate':
      return formatPercent(edge.errorRate);
    case 'p95':
      return edge.latency?.p95 === undefined
        ? undefined
        : formatLatency(edge.latency.p95);
    default:
      return undefined;
  }
}

/** Accessible name of a node, e.g. `reviews-v2 (workload, degraded)`; waypoints say so. */
export function nodeAriaLabel(node: MeshNode): string {
  const kind = node.isWaypoint ? 'waypoint' : node.type;
  return `${node.name} (${kind}, ${node.health.status})`;
}

/** Every known metric of an edge in one line, for tooltips and accessible names. */
export function describeEdge(edge: MeshEdge): string {
  if (edge.drift === 'silent') return 'declared dependency, no traffic';
  const parts =
    edge.protocol === 'tcp'
      ? [
          'TCP',
          edge.bytesPerSecond !== undefined &&
            formatBytesPerSecond(edge.bytesPerSecond),
        ]
      : [
          edge.protocol.toUpperCase(),
          formatRps(edge.rps),
          `${formatPercent(edge.errorRate)} errors`,
          edge.latency?.p95 !== undefined &&
            `p95 ${formatLatency(edge.latency.p95)}`,
        ];
  if (edge.mtls !== undefined) parts.push(`${formatPercent(edge.mtls)} mTLS`);
  if (edge.drift === 'undeclared') parts.push('not declared in the catalog');
  return parts.filter(Boolean).join(' · ');
}
