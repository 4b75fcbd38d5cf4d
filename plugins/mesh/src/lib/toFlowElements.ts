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
  formatBytesPerSecond,
  formatLatency,
  formatPercent,
  formatRps,
} from './format';

/** Which traffic metric the edge labels show. */
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
  isAmbient: boolean;
  isOutOfMesh: boolean;
  /** Its entity may not be read by the user: names and links withheld, traffic kept. */
  isRestricted: boolean;
  /** The ServiceEntry the node stands for (external hosts). */
  serviceEntry?: MeshNode['serviceEntry'];
  rpsIn?: number;
  rpsOut?: number;
};

export type MeshFlowEdgeData = {
  /** Text shown on the edge for the chosen metric; absent when there is nothing to show. */
  label?: string;
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
  edgeColors?: EdgeColors;
  /**
   * Animate edges that carry requests (default). React Flow animates with moving dashes, so
   * graphs where dashes mean something (undeclared dependencies) turn it off.
   */
  animateTraffic?: boolean;
}

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

/** Accessible name of a node, e.g. `reviews-v2 (workload, degraded)`. */
export function nodeAriaLabel(node: MeshNode): string {
  return `${node.name} (${node.type}, ${node.health.status})`;
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

function toFlowNode(node: MeshNode): MeshFlowNode {
  return {
    id: node.id,
    type: MESH_NODE_TYPE,
    ariaLabel: nodeAriaLabel(node),
    // Placeholder: positions come from `layoutGraph`, which needs the edges too.
    position: { x: 0, y: 0 },
    data: {
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
      isAmbient: Boolean(node.isAmbient),
      isOutOfMesh: Boolean(node.isOutOfMesh),
      isRestricted: Boolean(node.restricted),
      serviceEntry: node.serviceEntry,
      rpsIn: node.rpsIn,
      rpsOut: node.rpsOut,
    },
  };
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
    // Edges with requests in flight move, so live traffic stands out from idle connections.
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
    edgeColors = DEFAULT_EDGE_COLORS,
    animateTraffic = true,
  }: ToFlowElementsOptions,
  names: Map<string, string>,
): MeshFlowEdge {
  const severity = trafficSeverity(edge);
  const stroke = edgeStroke(severity, edge.drift, edgeColors);
  const { color, style } = stroke;
  const animated = animateTraffic && stroke.animated;
  return {
    id: edge.id,
    type: TRAFFIC_EDGE_TYPE,
    source: edge.source,
    target: edge.target,
    ariaLabel: `${names.get(edge.source)} → ${names.get(
      edge.target,
    )}: ${describeEdge(edge)}`,
    animated,
    style,
    markerEnd: { type: 'arrowclosed', color },
    data: {
      label: edge.drift === 'silent' ? 'no traffic' : edgeLabel(edge, metric),
      severity,
      mtls: mtlsStatus(edge.mtls),
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
  return {
    nodes: graph.nodes.map(toFlowNode),
    edges: graph.edges
      .filter(edge => names.has(edge.source) && names.has(edge.target))
      .map(edge => toFlowEdge(edge, options, names)),
  };
}
