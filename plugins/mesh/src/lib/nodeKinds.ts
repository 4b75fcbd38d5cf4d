/*
 * What kind of thing a graph node is, decided once so that the node's shape, its flag icons, the
 * legend and the find/hide language agree. Shapes follow Kiali's graph where Kiali has one
 * (workload = circle, app = rounded square, Service = triangle, ServiceEntry = diamond; see
 * docs/graph-readability.md); the kinds Kiali lacks get shapes of their own.
 */
import type { MeshFlowNodeData } from './toFlowElements';

export type NodeShape =
  | 'circle'
  | 'square'
  | 'triangle'
  | 'diamond'
  | 'dashedCircle'
  | 'pentagon'
  | 'chevron'
  | 'octagon'
  | 'hexagon'
  | 'people';

export interface NodeKind {
  shape: NodeShape;
  /** What the shape stands for, for tooltips, accessible names and the legend. */
  title: string;
}

export const NODE_KINDS = {
  workload: { shape: 'circle', title: 'Workload' },
  app: { shape: 'square', title: 'App' },
  service: { shape: 'triangle', title: 'Service' },
  external: { shape: 'diamond', title: 'ServiceEntry or external host' },
  unknown: {
    shape: 'dashedCircle',
    title: 'Unknown client (no mesh identity)',
  },
  gateway: { shape: 'pentagon', title: 'Istio gateway' },
  waypoint: {
    shape: 'chevron',
    title: 'Ambient waypoint (L7 proxy of enrolled workloads)',
  },
  restricted: { shape: 'octagon', title: 'Restricted (not yours to read)' },
  entity: { shape: 'hexagon', title: 'Catalog entity' },
  team: { shape: 'people', title: "Another team's services" },
} satisfies Record<string, NodeKind>;

export type NodeKindName = keyof typeof NODE_KINDS;

type KindInput = Pick<
  MeshFlowNodeData,
  'nodeType' | 'isGateway' | 'isWaypoint' | 'isRestricted' | 'serviceEntry'
>;

/** The kind a node is drawn as: restricted, gateway and waypoint override the node type. */
export function nodeKind(data: KindInput): NodeKindName {
  if (data.isRestricted) return 'restricted';
  if (data.isWaypoint) return 'waypoint';
  if (data.isGateway) return 'gateway';
  if (data.serviceEntry) return 'external';
  return data.nodeType;
}

/** Flag icons of the title row, by name; ServiceNode maps names to icons. */
export type NodeFlagIcon =
  | 'ambient'
  | 'outOfMesh'
  | 'notInCatalog'
  | 'virtualService'
  | 'faultInjection'
  | 'trafficShifting'
  | 'requestTimeout'
  | 'circuitBreaker';

export interface NodeFlag {
  icon: NodeFlagIcon;
  title: string;
}

type FlagInput = KindInput &
  Pick<
    MeshFlowNodeData,
    'isAmbient' | 'isOutOfMesh' | 'entityRef' | 'istio' | 'label'
  >;

/** Which routing objects lead to the node, for the VirtualService badge's tooltip. */
export function routingTitle(
  istio: NonNullable<MeshFlowNodeData['istio']>,
): string | undefined {
  const parts = [
    istio.virtualServices?.length &&
      `VirtualService: ${istio.virtualServices.join(', ')}`,
    istio.routes?.length && `Gateway API route: ${istio.routes.join(', ')}`,
  ].filter(Boolean);
  return parts.length > 0 ? parts.join('; ') : undefined;
}

/** The flags a node shows beside its name, each with a tooltip saying what it means. */
export function nodeFlags(data: FlagInput): NodeFlag[] {
  const istio = data.istio ?? {};
  const routing = routingTitle(istio);
  const flags: Array<NodeFlag | false | undefined> = [
    data.isAmbient && { icon: 'ambient', title: 'Ambient mode (ztunnel)' },
    data.isOutOfMesh && {
      icon: 'outOfMesh',
      title: 'Out of mesh: no sidecar and no ambient capture',
    },
    routing !== undefined && { icon: 'virtualService', title: routing },
    istio.faultInjection && {
      icon: 'faultInjection',
      title: 'Fault injection configured',
    },
    istio.trafficShifting && {
      icon: 'trafficShifting',
      title: 'Traffic shifting: requests split over several destinations',
    },
    (istio.requestTimeout || istio.retries) && {
      icon: 'requestTimeout',
      title: `${
        istio.requestTimeout && istio.retries
          ? 'Request timeout and retries'
          : istio.requestTimeout
          ? 'Request timeout'
          : 'Retries'
      } configured`,
    },
    istio.circuitBreaker && {
      icon: 'circuitBreaker',
      title:
        'Circuit breaker (DestinationRule connection pool or outlier detection)',
    },
    !data.entityRef &&
      !data.isRestricted &&
      !data.isWaypoint &&
      ['workload', 'app', 'service'].includes(data.nodeType) &&
      !data.serviceEntry && {
        icon: 'notInCatalog',
        title: 'Not in the catalog: no entity maps to this workload',
      },
  ];
  return flags.filter((flag): flag is NodeFlag => Boolean(flag));
}
