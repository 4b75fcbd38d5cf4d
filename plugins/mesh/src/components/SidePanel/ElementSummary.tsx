import Typography from '@material-ui/core/Typography';
import { EntityRefLink } from '@backstage/plugin-catalog-react';
import { MeshEdge, MeshGraph, MeshNode } from '@mesh-portal/plugin-mesh-common';
import {
  formatBytesPerSecond,
  formatLatency,
  formatPercent,
  formatRps,
} from '../../lib/format';
import { inboundMtlsShare } from '../../lib/selection';
import { FactList } from '../common/FactList';
import { HealthStatus } from '../common/HealthStatus';

const NODE_TYPE_LABELS: Record<MeshNode['type'], string> = {
  workload: 'Workload',
  app: 'App',
  service: 'Service',
  unknown: 'Unknown client (no mesh identity)',
  external: 'External service',
  entity: 'Catalog entity',
  team: "Another team's services",
};

/** The Istio configuration of a node in words: which objects route it and what they set. */
export function istioFacts(istio: MeshNode['istio']): string[] {
  if (!istio) return [];
  const list = (names?: string[]) => (names ?? []).join(', ');
  const settings = [
    istio.faultInjection && 'fault injection',
    istio.trafficShifting && 'traffic shifting',
    istio.requestTimeout && 'request timeout',
    istio.retries && 'retries',
    istio.circuitBreaker && 'circuit breaker',
  ].filter(Boolean);
  const gateway = istio.gateway;
  return [
    istio.virtualServices?.length &&
      `VirtualService ${list(istio.virtualServices)}`,
    istio.routes?.length && `Gateway API route ${list(istio.routes)}`,
    istio.destinationRules?.length &&
      `DestinationRule ${list(istio.destinationRules)}`,
    settings.length > 0 && `Sets ${settings.join(', ')}`,
    gateway &&
      `${
        gateway.role === 'egress' ? 'Egress' : 'Ingress'
      } gateway for ${gateway.gateways
        .map(g => `${g.name}${g.api === 'gateway-api' ? ' (Gateway API)' : ''}`)
        .join(', ')}, hosts ${gateway.hosts.join(', ')}`,
  ].filter((fact): fact is string => Boolean(fact));
}

function entityFact(node: MeshNode) {
  if (node.entityRef) return <EntityRefLink entityRef={node.entityRef} />;
  if (node.restricted) return 'Restricted: an entity you may not read';
  return 'Not in the catalog';
}

/** What a node is, whose it is, its health with reasons and its traffic now. */
export function NodeSummary({
  node,
  graph,
}: {
  node: MeshNode;
  graph: Pick<MeshGraph, 'edges'>;
}) {
  const mtls = inboundMtlsShare(graph, node.id);
  const istio = istioFacts(node.istio);
  return (
    <>
      <FactList
        facts={[
          ['Kind', NODE_TYPE_LABELS[node.type]],
          [
            'Namespace',
            node.namespace && `${node.namespace} (cluster ${node.cluster})`,
          ],
          ['Version', node.version],
          ['Entity', entityFact(node)],
          [
            'Owner',
            node.owner && (
              <EntityRefLink entityRef={node.owner} defaultKind="group" />
            ),
          ],
          [
            'System',
            node.system && (
              <EntityRefLink entityRef={node.system} defaultKind="system" />
            ),
          ],
          ['Health', <HealthStatus status={node.health.status} />],
          ['Inbound', node.rpsIn !== undefined && formatRps(node.rpsIn)],
          ['Outbound', node.rpsOut !== undefined && formatRps(node.rpsOut)],
          ['Inbound mTLS', mtls !== undefined && formatPercent(mtls)],
          [
            'Istio config',
            istio.length > 0 && (
              <ul
                aria-label="Istio config"
                style={{ margin: 0, paddingLeft: '1em' }}
              >
                {istio.map(fact => (
                  <li key={fact}>{fact}</li>
                ))}
              </ul>
            ),
          ],
          [
            'Mesh',
            [
              node.isGateway && 'gateway',
              node.isWaypoint &&
                'ambient waypoint: L7 policy, routing and request metrics for the workloads enrolled with istio.io/use-waypoint',
              node.isAmbient && !node.isWaypoint && 'ambient (ztunnel)',
              node.isOutOfMesh && 'out of mesh',
            ]
              .filter(Boolean)
              .join(', '),
          ],
        ]}
      />
      {node.health.reasons.length > 0 && (
        <ul
          aria-label="Health reasons"
          style={{ margin: 0, paddingLeft: '1.25em' }}
        >
          {node.health.reasons.map(reason => (
            <li key={reason}>
              <Typography variant="body2">{reason}</Typography>
            </li>
          ))}
        </ul>
      )}
    </>
  );
}

const DRIFT_LABELS: Record<NonNullable<MeshEdge['drift']>, string> = {
  declared: 'Declared in the catalog',
  undeclared: 'Not declared in the catalog',
  silent: 'Declared, but no traffic in the window',
};

/** Why an ambient edge has bytes only, and what to do about it (MeshEdge `l4Only`). */
export const L4_ONLY_CAVEAT =
  'L4 only: ztunnel without a waypoint sees bytes, not requests (no request rates, codes or latency), and AuthorizationPolicies act at L4 only. Enrol the workload with a waypoint (istio.io/use-waypoint) for L7.';

/** An edge's traffic now: rate, errors, latency percentiles, mTLS share. */
export function EdgeSummary({ edge }: { edge: MeshEdge }) {
  const tcp = edge.protocol === 'tcp';
  return (
    <FactList
      facts={[
        ['Protocol', edge.protocol.toUpperCase()],
        [
          'Rate',
          tcp
            ? edge.bytesPerSecond !== undefined &&
              formatBytesPerSecond(edge.bytesPerSecond)
            : formatRps(edge.rps),
        ],
        ['Errors', !tcp && formatPercent(edge.errorRate)],
        [
          'Latency p50',
          edge.latency?.p50 !== undefined && formatLatency(edge.latency.p50),
        ],
        [
          'Latency p95',
          edge.latency?.p95 !== undefined && formatLatency(edge.latency.p95),
        ],
        [
          'Latency p99',
          edge.latency?.p99 !== undefined && formatLatency(edge.latency.p99),
        ],
        [
          'mTLS',
          edge.mtls !== undefined ? formatPercent(edge.mtls) : 'not reported',
        ],
        [
          'Share of caller',
          edge.shareOfSource !== undefined && formatPercent(edge.shareOfSource),
        ],
        ['Catalog', edge.drift && DRIFT_LABELS[edge.drift]],
        ['Ambient', edge.l4Only && L4_ONLY_CAVEAT],
      ]}
    />
  );
}
