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
} from '@internal/plugin-mesh-common';
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
  nodeType: MeshNodeType;
  cluster: string;
  namespace: string;
  app?: string;
  version?: string;
  /** Owning catalog entity, when the backend could map the workload to one. */
  entityRef?: string;
  health: MeshHealth;
  /** Belongs to the entity whose page shows the graph. */
  isFocus: boolean;
  isRoot: boolean;
  isGateway: boolean;
  isAmbient: boolean;
  isOutOfMesh: boolean;
  rpsIn?: number;
  rpsOut?: number;
};

export type MeshFlowEdgeData = {
  /** Text shown on the edge for the chosen metric; absent when there is nothing to show. */
  label?: string;
  severity: TrafficSeverity;
  mtls: MtlsStatus;
  protocol: MeshProtocol;
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

function toFlowNode(node: MeshNode): MeshFlowNode {
  return {
    id: node.id,
    type: MESH_NODE_TYPE,
    // Placeholder: positions come from `layoutGraph`, which needs the edges too.
    position: { x: 0, y: 0 },
    data: {
      label: node.name,
      nodeType: node.type,
      cluster: node.cluster,
      namespace: node.namespace,
      app: node.app,
      version: node.version,
      entityRef: node.entityRef,
      health: node.health,
      isFocus: Boolean(node.isFocus),
      isRoot: Boolean(node.isRoot),
      isGateway: Boolean(node.isGateway),
      isAmbient: Boolean(node.isAmbient),
      isOutOfMesh: Boolean(node.isOutOfMesh),
      rpsIn: node.rpsIn,
      rpsOut: node.rpsOut,
    },
  };
}

function toFlowEdge(
  edge: MeshEdge,
  {
    edgeLabel: metric,
    edgeColors = DEFAULT_EDGE_COLORS,
  }: ToFlowElementsOptions,
): MeshFlowEdge {
  const severity = trafficSeverity(edge);
  const color = edgeColors[severity];
  return {
    id: edge.id,
    type: TRAFFIC_EDGE_TYPE,
    source: edge.source,
    target: edge.target,
    // Edges with requests in flight move, so live traffic stands out from idle connections.
    animated: severity !== 'idle',
    style: { stroke: color, strokeWidth: severity === 'error' ? 2.5 : 1.5 },
    markerEnd: { type: 'arrowclosed', color },
    data: {
      label: edgeLabel(edge, metric),
      severity,
      mtls: mtlsStatus(edge.mtls),
      protocol: edge.protocol,
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
  const nodeIds = new Set(graph.nodes.map(node => node.id));
  return {
    nodes: graph.nodes.map(toFlowNode),
    edges: graph.edges
      .filter(edge => nodeIds.has(edge.source) && nodeIds.has(edge.target))
      .map(edge => toFlowEdge(edge, options)),
  };
}
