import { MeshSourceError } from './errors';

/**
 * Response of `GET /entities/by-name/:kind/:namespace/:name/series`: golden signals of one node or
 * edge of the entity's graph over the window, one point per step.
 *
 * @public
 */
export interface MeshSeriesResponse {
  windowSeconds: number;
  stepSeconds: number;
  /** Unix seconds of each point. */
  timestamps: number[];
  /** Requests per second. */
  rps: number[];
  /** Share of requests that are errors (0..1), null where there were no requests. */
  errorRate: Array<number | null>;
  /** Latency quantiles in ms, null where unknown. */
  latency: {
    p50: Array<number | null>;
    p95: Array<number | null>;
    p99: Array<number | null>;
  };
  /** Requests per second by response code (`-` = no response; gRPC uses its status). */
  responses: Record<string, number[]>;
  /** Whose reports the numbers are: per series the server proxy's, else the client's; `mixed` when both occur, `none` without data. */
  reporter: 'destination' | 'source' | 'mixed' | 'none';
  /**
   * TCP bytes per second each way (client → server, server → client), sidecar and ztunnel reports;
   * absent when no TCP traffic was reported. TCP-only nodes and edges have no requests, only these.
   */
  tcpBytes?: { clientToServer: number[]; serverToClient: number[] };
  /** What the series count, in words (e.g. only the requests to a Service that reached no workload). */
  covers?: string;
  errors: MeshSourceError[];
}
