import { MeshRequestRates } from '../health';
import { MeshSourceError } from './errors';
import { MeshHealth, MeshTelemetryFreshness } from './graph';

/**
 * Health of one object of an entity: a workload, the app its workloads form, or a Service.
 *
 * @public
 */
export interface MeshHealthItem {
  kind: 'workload' | 'app' | 'service';
  cluster: string;
  namespace: string;
  name: string;
  health: MeshHealth;
  /** Requests per second by protocol and response code over the window. */
  requests: { inbound: MeshRequestRates; outbound: MeshRequestRates };
  /** Replica counts (workloads only). */
  replicas?: { desired: number; current: number; available: number };
  /** How the workload joins the mesh (workloads only). */
  dataplane?: 'sidecar' | 'ambient' | 'gateway' | 'none';
}

/**
 * Response of `GET /entities/by-name/:kind/:namespace/:name/health`.
 *
 * @public
 */
export interface MeshEntityHealthResponse {
  entityRef: string;
  windowSeconds: number;
  timestamp: string;
  /** Worst of the items. */
  health: MeshHealth;
  items: MeshHealthItem[];
  errors: MeshSourceError[];
  /** How current the request rates are (see MeshGraph). */
  telemetry?: MeshTelemetryFreshness;
}
