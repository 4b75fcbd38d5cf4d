/*
 * The golden signals of an entity as a whole, from its graph: traffic into its own nodes from
 * outside it. Pure.
 */
import type { MeshGraph } from '@mesh-portal/plugin-mesh-common';

export interface GoldenSignals {
  /** Requests per second into the entity (HTTP and gRPC). */
  rpsIn: number;
  /** Share of those that failed; null without requests. */
  errorRateIn: number | null;
  /** Worst p95 latency (ms) of the inbound edges; null when unknown. */
  p95In: number | null;
  /** Share of inbound requests over mTLS, of those reported; null when none was. */
  mtlsIn: number | null;
}

export function entityGoldenSignals(
  graph: Pick<MeshGraph, 'nodes' | 'edges'>,
): GoldenSignals {
  const own = new Set(
    graph.nodes.filter(node => node.isFocus).map(node => node.id),
  );
  const inbound = graph.edges.filter(
    edge =>
      own.has(edge.target) && !own.has(edge.source) && edge.protocol !== 'tcp',
  );
  const rpsIn = inbound.reduce((sum, edge) => sum + edge.rps, 0);
  const errors = inbound.reduce(
    (sum, edge) => sum + edge.rps * edge.errorRate,
    0,
  );
  const p95s = inbound
    .map(edge => edge.latency?.p95)
    .filter((v): v is number => v !== undefined);
  const reported = inbound.filter(edge => edge.mtls !== undefined);
  const reportedRps = reported.reduce((sum, edge) => sum + edge.rps, 0);
  return {
    rpsIn,
    errorRateIn: rpsIn > 0 ? errors / rpsIn : null,
    p95In: p95s.length ? Math.max(...p95s) : null,
    mtlsIn:
      reportedRps > 0
        ? reported.reduce((sum, e) => sum + e.rps * e.mtls!, 0) / reportedRps
        : null,
  };
}
