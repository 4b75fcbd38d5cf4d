/* Internal graph model the pipeline steps work on; ./toWireGraph turns it into the API's MeshGraph. */
import {
  MeshGraphType,
  MeshHealth,
  MeshLatency,
  MeshNode,
  MeshProtocol,
} from '@mesh-portal/plugin-mesh-common';
import { MeshRequestHealthInput } from '@mesh-portal/plugin-mesh-common';
import { sumOfCodes } from './codeRecord';
import type { ServiceOfWorkload } from './nodeIdentity';

/** A node while the pipeline runs: the wire node, with health still to be computed and rates still to be summed. */
export type GraphNode = Omit<MeshNode, 'health' | 'rpsIn' | 'rpsOut'> & {
  health?: MeshHealth;
};

export interface GraphEdge {
  id: string;
  source: string;
  target: string;
  protocol: MeshProtocol;
  /** Requests/s by normalised response code (HTTP status, gRPC status, `-` for no response). */
  responses: Record<string, number>;
  /** Requests per second by Envoy response flag (`UO`, `FI`, …), from the same request series. */
  responseFlags: Record<string, number>;
  /** TCP bytes/s client → server and server → client. */
  bytesSent: number;
  bytesReceived: number;
  /** Destination-reported traffic with and without mTLS (requests/s or bytes/s). */
  mtlsRate: number;
  securityReportedRate: number;
  latency?: MeshLatency;
  /** Ambient traffic that only ztunnel saw (./appenders/markL4Only). */
  l4Only?: boolean;
}

export interface TrafficMap {
  graphType: MeshGraphType;
  nodes: Map<string, GraphNode>;
  edges: Map<string, GraphEdge>;
  /** Service graphs only: which Service stands for each workload (./nodeIdentity). */
  serviceOf?: ServiceOfWorkload;
  /** Keys `cluster|namespace|workload` of ambient waypoint workloads (kube/waypoints). */
  waypoints?: Set<string>;
}

export type NodeRequestRates = MeshRequestHealthInput;

export function edgeId(
  source: string,
  target: string,
  protocol: MeshProtocol,
): string {
  return `${source}->${target}:${protocol}`;
}

/** Requests per second of an edge (0 for TCP). */
export function edgeRps(edge: GraphEdge): number {
  // Called for every edge of every mesh-wide graph and view.
  return sumOfCodes(edge.responses);
}

/** Kiali's error rule: HTTP 4xx/5xx and no response; gRPC any status but 0 (HTTP 4xx/5xx fallbacks too). */
export function isErrorCode(protocol: MeshProtocol, code: string): boolean {
  if (code === '-') return true;
  if (/^[45]\d\d$/.test(code)) return true;
  if (protocol === 'grpc') return !/^\d{3}$/.test(code) && code !== '0';
  return false;
}
