/* Internal graph model the pipeline steps work on; ./toWireGraph turns it into the API's MeshGraph. */
import { MeshGraphType, MeshHealth, MeshLatency, MeshNodeType, MeshProtocol } from '@internal/plugin-mesh-common';
import { MeshRequestHealthInput } from '@internal/plugin-mesh-common';
import type { ServiceOfWorkload } from './nodeIdentity';

export interface GraphNode {
  id: string;
  type: MeshNodeType;
  cluster: string;
  namespace: string;
  name: string;
  app?: string;
  version?: string;
  workload?: string;
  service?: string;
  entityRef?: string;
  owner?: string;
  system?: string;
  health?: MeshHealth;
  isFocus?: boolean;
  isRoot?: boolean;
  isGateway?: boolean;
  isAmbient?: boolean;
  isOutOfMesh?: boolean;
  serviceEntry?: { namespace: string; name: string; location: 'MESH_EXTERNAL' | 'MESH_INTERNAL'; hosts: string[] };
}

export interface GraphEdge {
  id: string;
  source: string;
  target: string;
  protocol: MeshProtocol;
  /** Requests/s by normalised response code (HTTP status, gRPC status, `-` for no response). */
  responses: Record<string, number>;
  /** TCP bytes/s client → server and server → client. */
  bytesSent: number;
  bytesReceived: number;
  /** Destination-reported traffic with and without mTLS (requests/s or bytes/s). */
  mtlsRate: number;
  securityReportedRate: number;
  latency?: MeshLatency;
}

export interface TrafficMap {
  graphType: MeshGraphType;
  nodes: Map<string, GraphNode>;
  edges: Map<string, GraphEdge>;
  /** Service graphs only: which Service stands for each workload (./nodeIdentity). */
  serviceOf?: ServiceOfWorkload;
}

export type NodeRequestRates = MeshRequestHealthInput;

export function edgeId(source: string, target: string, protocol: MeshProtocol): string {
  return `${source}->${target}:${protocol}`;
}

/** Requests per second of an edge (0 for TCP). */
export function edgeRps(edge: GraphEdge): number {
  return Object.values(edge.responses).reduce((a, b) => a + b, 0);
}

/** Kiali's error rule: HTTP 4xx/5xx and no response; gRPC any status but 0 (HTTP 4xx/5xx fallbacks too). */
export function isErrorCode(protocol: MeshProtocol, code: string): boolean {
  if (code === '-') return true;
  if (/^[45]\d\d$/.test(code)) return true;
  if (protocol === 'grpc') return !/^\d{3}$/.test(code) && code !== '0';
  return false;
}
