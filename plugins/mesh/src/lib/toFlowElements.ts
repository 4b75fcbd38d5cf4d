/*
 * Turns the backend's MeshGraph into React Flow nodes and edges. Pure (no React, no theme access)
 * so that everything the graph shows — labels, colours, flags — is decided here and unit-tested;
 * the components only draw what they are given.
 */
import type { Edge, Node } from '@xyflow/react';
import type {
  MeshEdge,
  MeshGraph,
  MeshHealth,
  MeshNode,
  MeshNodeType,
  MeshProtocol,
} from '@mesh-portal/plugin-mesh-common';
import {
  describeEdge,
  EdgeLabelMetric,
  edgeLabel,
  MtlsStatus,
  mtlsStatus,
  nodeAriaLabel,
  TrafficSeverity,
  trafficSeverity,
} from './edgeTraffic';
import { formatRps } from './format';
import {
  edgeLabelSize,
  estimateText,
  nodeSize,
  NodeText,
  TextMeasure,
} from './graphText';
import type { EdgeRoute, Size } from './layout';
import { nodeFlags } from './nodeKinds';

export * from './edgeTraffic';

/** Custom React Flow type names, registered in `MeshGraph`'s `nodeTypes` / `edgeTypes`. */
export const MESH_NODE_TYPE = 'meshNode';
export const TRAFFIC_EDGE_TYPE = 'traffic';

export type MeshFlowNodeData = {
  label: string;
  /** Id of the node in the backend's graph (also the React Flow id). */
  meshId: string;
  nodeType: MeshNodeType;
  cluster: string;
  namespace: string;
  app?: string;
  version?: string;
  /** Owning catalog entity, when the backend could map the workload to one. */
  entityRef?: string;
  /** Owner (Group ref) and System of that entity. */
  owner?: string;
  system?: string;
  health: MeshHealth;
  /** Belongs to the entity whose page shows the graph. */
  isFocus: boolean;
  isRoot: boolean;
  isGateway: boolean;
  /** An ambient waypoint proxy (MeshNode `isWaypoint`). */
  isWaypoint: boolean;
  isAmbient: boolean;
  isOutOfMesh: boolean;
  /** Its entity may not be read by the user: names and links withheld, traffic kept. */
  isRestricted: boolean;
  /** The ServiceEntry the node stands for (external hosts). */
  serviceEntry?: MeshNode['serviceEntry'];
  rpsIn?: number;
  rpsOut?: number;
  /** Istio configuration badges. */
  istio?: MeshNode['istio'];
  /** Matched by the find expression. */
  found?: boolean;
  /** The text the node shows, and the room it needs (reserved by the layout). */
  text: NodeText;
  size: Size;
};

/** Moving dots along an edge: more for more traffic, red ones for its share of errors. */
export interface EdgeAnimation {
  dots: number;
  errorDots: number;
}

export type MeshFlowEdgeData = {
  /** Text shown on the edge for the chosen metrics; absent when there is nothing to show. */
  label?: string;
  /** Room the label needs, mTLS lock included (reserved by the layout). */
  labelSize?: Size;
  /** Traffic animation; absent when animation is off or the edge is idle. */
  animation?: EdgeAnimation;
  /** Colour of the animation's error dots. */
  errorColor: string;
  /** Route and label box from the layout, once laid out. */
  route?: EdgeRoute;
  /** Matched by the find expression. */
  found?: boolean;
  severity: TrafficSeverity;
  mtls: MtlsStatus;
  protocol: MeshProtocol;
  /** How the catalog agrees with this edge, in dependency graphs. */
  drift?: MeshEdge['drift'];
  /** The edge as received, for tooltips. */
  traffic: MeshEdge;
};

export type MeshFlowNode = Node<MeshFlowNodeData, typeof MESH_NODE_TYPE>;
export type MeshFlowEdge = Edge<MeshFlowEdgeData, typeof TRAFFIC_EDGE_TYPE>;

/** Edge colours by severity; the UI passes theme colours, tests and callers may use the defaults. */
export type EdgeColors = Record<TrafficSeverity, string>;

export const DEFAULT_EDGE_COLORS: EdgeColors = {
  idle: '#9e9e9e',
  ok: '#1db954',
  warning: '#ff9800',
  error: '#e22134',
};

export interface ToFlowElementsOptions {
  edgeLabel: EdgeLabelMetric;
  /** A second metric shown after the first, e.g. p95 latency beside the rate. */
  secondEdgeLabel?: EdgeLabelMetric;
  edgeColors?: EdgeColors;
  /**
   * Animate edges that carry traffic (default): dots move along them, as many as the rate
   * warrants, red ones for errors. Graphs where line styles carry meaning turn it off.
   */
  animateTraffic?: boolean;
  /** Measures text for node and label sizes; an estimate by default (tests, no canvas). */
  measure?: TextMeasure;
}

/** `component:default/reviews` → `reviews`. */
const refName = (ref: string | undefined) =>
  ref ? ref.slice(ref.lastIndexOf('/') + 1) : undefined;

/** What a node shows, line by line (see graphText's `nodeSize`). */
export function nodeText(
  data: Omit<MeshFlowNodeData, 'text' | 'size'>,
): NodeText {
  const traffic = [
    data.rpsIn !== undefined && `in ${formatRps(data.rpsIn)}`,
    data.rpsOut !== undefined && `out ${formatRps(data.rpsOut)}`,
  ]
    .filter(Boolean)
    .join(' · ');
  const team = data.nodeType === 'team';
  return {
    name: data.label,
    version: data.version,
    flags: nodeFlags(data).length,
    namespace: data.namespace || undefined,
    traffic: traffic || undefined,
    // An entity node's name is its entity link; a team node's owner is the node itself.
    entity:
      data.nodeType === 'entity' || team ? undefined : refName(data.entityRef),
    owner: team && !data.entityRef ? undefined : refName(data.owner),
  };
}

function toFlowNode(node: MeshNode, measure: TextMeasure): MeshFlowNode {
  const data: Omit<MeshFlowNodeData, 'text' | 'size'> = {
    label: node.name,
    meshId: node.id,
    nodeType: node.type,
    cluster: node.cluster,
    namespace: node.namespace,
    app: node.app,
    version: node.version,
    entityRef: node.entityRef,
    owner: node.owner,
    system: node.system,
    health: node.health,
    isFocus: Boolean(node.isFocus),
    isRoot: Boolean(node.isRoot),
    isGateway: Boolean(node.isGateway),
    isWaypoint: Boolean(node.isWaypoint),
    isAmbient: Boolean(node.isAmbient),
    isOutOfMesh: Boolean(node.isOutOfMesh),
    isRestricted: Boolean(node.restricted),
    serviceEntry: node.serviceEntry,
    rpsIn: node.rpsIn,
    rpsOut: node.rpsOut,
    istio: node.istio,
  };
  const text = nodeText(data);
  return {
    id: node.id,
    type: MESH_NODE_TYPE,
    ariaLabel: nodeAriaLabel(node),
    // Placeholder: positions come from `layoutGraph`, which needs the edges too.
    position: { x: 0, y: 0 },
    data: { ...data, text, size: nodeSize(text, measure) },
  };
}

/**
 * Dots on an animated edge: one more per tenfold rate (0.01 rps → 1 … ≥ 100 rps → 5), TCP by
 * throughput (1 KiB/s → 1 …); the share of red dots follows the error rate, at least one when
 * there are errors.
 */
export function edgeAnimation(edge: MeshEdge): EdgeAnimation | undefined {
  const rate =
    edge.protocol === 'tcp' ? (edge.bytesPerSecond ?? 0) / 10240 : edge.rps;
  if (!(rate > 0)) return undefined;
  const dots = Math.min(5, Math.max(1, Math.floor(Math.log10(rate)) + 3));
  const errorDots =
    edge.protocol !== 'tcp' && edge.errorRate > 0
      ? Math.max(1, Math.round(dots * edge.errorRate))
      : 0;
  return { dots, errorDots };
}

/**
 * Dependency drift overrides the traffic styling: an undeclared dependency is dashed so it stands
 * out as "not in the catalog", a silent one (declared, no traffic) is a grey dotted line.
 */
function edgeStroke(
  severity: TrafficSeverity,
  drift: MeshEdge['drift'],
  colors: EdgeColors,
): Pick<MeshFlowEdge, 'animated' | 'style'> & { color: string } {
  if (drift === 'silent') {
    const color = colors.idle;
    return {
      color,
      animated: false,
      style: { stroke: color, strokeWidth: 1.5, strokeDasharray: '2 4' },
    };
  }
  const color = colors[severity];
  return {
    color,
    // Edges with traffic move (TrafficEdge draws the dots), so live traffic stands out.
    animated: severity !== 'idle' && drift !== 'undeclared',
    style: {
      stroke: color,
      strokeWidth: severity === 'error' || drift === 'undeclared' ? 2.5 : 1.5,
      ...(drift === 'undeclared' ? { strokeDasharray: '8 5' } : {}),
    },
  };
}

function toFlowEdge(
  edge: MeshEdge,
  {
    edgeLabel: metric,
    secondEdgeLabel,
    edgeColors = DEFAULT_EDGE_COLORS,
    animateTraffic = true,
    measure = estimateText,
  }: ToFlowElementsOptions,
  names: Map<string, string>,
): MeshFlowEdge {
  const severity = trafficSeverity(edge);
  const stroke = edgeStroke(severity, edge.drift, edgeColors);
  const { color, style } = stroke;
  const animated = animateTraffic && stroke.animated;
  const mtls = mtlsStatus(edge.mtls);
  const label =
    edge.drift === 'silent'
      ? 'no traffic'
      : [
          ...new Set(
            [metric, secondEdgeLabel]
              .filter((m): m is EdgeLabelMetric => Boolean(m))
              .map(m => edgeLabel(edge, m))
              .filter(Boolean),
          ),
        ].join(' · ') || undefined;
  const hasLock = mtls === 'full' || mtls === 'partial';
  return {
    id: edge.id,
    type: TRAFFIC_EDGE_TYPE,
    source: edge.source,
    target: edge.target,
    ariaLabel: `${names.get(edge.source)} → ${names.get(
      edge.target,
    )}: ${describeEdge(edge)}`,
    // React Flow's own animation (moving dashes) is replaced by TrafficEdge's dots.
    animated: false,
    style,
    markerEnd: { type: 'arrowclosed', color },
    data: {
      label,
      labelSize: edgeLabelSize(label, hasLock, measure),
      animation: animated ? edgeAnimation(edge) : undefined,
      errorColor: edgeColors.error,
      severity,
      mtls,
      protocol: edge.protocol,
      drift: edge.drift,
      traffic: edge,
    },
  };
}

/**
 * Converts a mesh graph to React Flow elements (unpositioned; see `layoutGraph`). Edges whose
 * source or target is missing from `nodes` are dropped: React Flow cannot draw them and would
 * only log an error.
 */
export function toFlowElements(
  graph: Pick<MeshGraph, 'nodes' | 'edges'>,
  options: ToFlowElementsOptions,
): { nodes: MeshFlowNode[]; edges: MeshFlowEdge[] } {
  const names = new Map(graph.nodes.map(node => [node.id, node.name]));
  const measure = options.measure ?? estimateText;
  return {
    nodes: graph.nodes.map(node => toFlowNode(node, measure)),
    edges: graph.edges
      .filter(edge => names.has(edge.source) && names.has(edge.target))
      .map(edge => toFlowEdge(edge, options, names)),
  };
}
