/*
 * Where our graphs differ from Kiali's on purpose, and why. Every difference the oracle finds must
 * be covered by one of these entries, and every entry must cover at least one difference of the
 * run (a fixed difference removes its entry). Rendered into docs/kiali-graph-parity.md.
 */
import { KialiRequest } from './kialiGraphCases';
import { GraphDifference } from './kialiGraphCompare';

export interface IntendedDifference {
  id: string;
  /** What differs and why, for the doc. */
  reason: string;
  covers: (d: GraphDifference, request: KialiRequest) => boolean;
}

const flag = (d: GraphDifference, name: string) =>
  d.kind === 'node-flag' && d.subject.endsWith(` ${name}`);
const isUnknownSource = (d: GraphDifference) =>
  d.subject.startsWith('unknown unknown/unknown/unknown ');

export const INTENDED_DIFFERENCES: IntendedDifference[] = [
  {
    id: 'namespace-flags',
    reason:
      "**No `isOutside` / `isInaccessible`.** Kiali's graphs are per namespace: nodes in namespaces not asked for are flagged outside, and nodes in namespaces the user cannot list are inaccessible. Our graphs are per catalog entity and access is per entity: nodes of entities the caller may not read are `restricted` (names withheld, traffic kept; docs/access-model.md), which Kiali's test data cannot exercise.",
    covers: d => flag(d, 'isOutside') || flag(d, 'isInaccessible'),
  },
  {
    id: 'latest-version',
    reason:
      '**No version `latest`.** Istio sets `canonical_revision=latest` for a workload without a version label; Kiali shows it as the version, we show no version rather than one no one set (docs/kiali-semantics.md §2.3: `latest` is not an OK version). The node is the same (keyed by its workload).',
    covers: d =>
      d.kind === 'node-attribute' &&
      d.subject.endsWith(' version') &&
      d.kiali === 'latest' &&
      d.ours === '(none)',
  },
  {
    id: 'unknown-names',
    reason:
      "**The `unknown` source has no names.** Kiali fills the unknown source node's app and version with `unknown`; ours carries none (it has no app or version). Same node, same edges.",
    covers: d =>
      d.kind === 'node-attribute' &&
      isUnknownSource(d) &&
      d.kiali === 'unknown',
  },
  {
    id: 'app-boxes',
    reason:
      '**No box nodes.** Kiali adds compound `box` nodes (app, namespace, cluster) for its layout; they carry no traffic. Our UI groups nodes itself (docs/graph-readability.md).',
    covers: d => d.kind === 'node-missing' && d.subject.startsWith('box '),
  },
  {
    id: 'tcp-rate-modes',
    reason:
      "**TCP edges carry bytes both ways.** Kiali's `rateTcp` picks sent (client → server, its default), received or total bytes; our edges report `bytesPerSecond` as the total (sent + received). The total matches Kiali's `rateTcp=total` graphs exactly; the modes are not offered.",
    covers: (d, r) =>
      d.kind === 'edge-rate' &&
      d.subject.endsWith(' tcp') &&
      r.rates.tcp !== 'total',
  },
  {
    id: 'grpc-messages',
    reason:
      "**gRPC edges are request rates.** Kiali's `rateGrpc` defaults to `sent` and then counts gRPC messages (`istio_request_messages_total`, `istio_response_messages_total`: streaming) instead of requests, without response codes. We read `istio_requests_total` for gRPC like HTTP, so gRPC edges have request rates and status codes; message counters are not read (the 4 queries per graph stay 4). Where a test mocks messages but no request between two nodes (or the other way round), the edge exists in one graph only.",
    covers: (d, r) =>
      r.rates.grpc !== 'requests' &&
      d.subject.includes(' grpc') &&
      [
        'edge-rate',
        'edge-codes',
        'edge-missing',
        'edge-extra',
        'node-rate',
      ].includes(d.kind),
  },
  {
    id: 'grpc-message-only-peers',
    reason:
      '**Peers reached only by gRPC requests (or messages).** Follows from the previous entry: a node-detail graph keeps a neighbour that the node called with gRPC requests, which Kiali leaves out when it counts messages.',
    covers: (d, r) =>
      r.rates.grpc !== 'requests' &&
      r.node !== undefined &&
      d.kind === 'node-extra',
  },
  {
    id: 'http-rate-none',
    reason:
      "**HTTP traffic is always drawn.** Kiali's `rateHttp=none` leaves HTTP traffic out of the graph (and nodes that only have HTTP traffic, and the roots that only send it get flagged as roots of what is left). We always show HTTP: our views are about an entity's callers and callees, and hiding a protocol would hide dependencies.",
    covers: (d, r) =>
      r.rates.http === 'none' &&
      (d.kind === 'node-extra' ||
        d.kind === 'node-rate' ||
        (d.kind === 'edge-extra' && d.subject.endsWith(' http')) ||
        flag(d, 'isRoot')),
  },
  {
    id: 'service-graph-unserviced-workload',
    reason:
      "**Service graphs keep traffic to a workload no Service fronts.** Istio reports requests sent straight to a workload (`destination_service_name` empty, Kiali's `kiali-2412` case); Kiali's service graph drops them, ours keeps the workload as a node so the traffic stays visible. The unknown caller's outgoing rate and the share of it going to its other destinations differ accordingly. Every service → service edge and rate is Kiali's.",
    covers: (d, r) =>
      r.graphType === 'service' &&
      (d.subject.includes('kiali-2412') ||
        d.kind === 'edge-percent' ||
        (d.kind === 'node-rate' && isUnknownSource(d))),
  },
  {
    id: 'ambient-bidirectional-waypoint-edge',
    reason:
      "**Both TCP legs between a workload and its waypoint stay edges.** When ztunnel reports traffic both from a workload to a waypoint and from the waypoint back to it, Kiali's ambient appender (`appender/ambient.go`) keeps only the workload → waypoint edge and attaches the other as its return direction, so the workload (`productpage-v1`) becomes a root. We draw both edges with their own rates.",
    covers: (d, r) =>
      r.appenders.includes('ambient') &&
      ((d.kind === 'edge-extra' && d.subject.includes('/waypoint -> ')) ||
        (flag(d, 'isRoot') && d.subject.includes('productpage-v1'))),
  },
];

export interface CoveredDifference extends GraphDifference {
  /** The intended difference covering it, if any. */
  intended?: string;
}

export function classify(
  differences: GraphDifference[],
  request: KialiRequest,
): CoveredDifference[] {
  return differences.map(d => ({
    ...d,
    intended: INTENDED_DIFFERENCES.find(i => i.covers(d, request))?.id,
  }));
}
