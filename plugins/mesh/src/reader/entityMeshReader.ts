/*
 * The mesh data of one entity page, bound to its entity: a Component, a Resource, or a System. The
 * backend answers for a System itself, as the union of the members the caller may see
 * (docs/access-model.md), so every read is a single request and the browser merges nothing.
 */
import { CompoundEntityRef } from '@backstage/catalog-model';
import {
  MeshDependenciesResponse,
  MeshEntityConfigResponse,
  MeshEntityGraphQuery,
  MeshEntityGraphResponse,
  MeshEntityHealthResponse,
  MeshEntitySecurityResponse,
  MeshEntityTraceResponse,
  MeshEntityTracesQuery,
  MeshEntityTracesResponse,
  MeshEntityWorkloadsResponse,
  MeshPostureResponse,
  MeshSeriesResponse,
} from '@mesh-portal/plugin-mesh-common';
import { MeshApi, MeshSeriesTarget } from '../api';

export interface EntityMeshReader {
  /** The entity of the page, e.g. `system:default/bookinfo`. */
  entityRef: string;
  getGraph(query: MeshEntityGraphQuery): Promise<MeshEntityGraphResponse>;
  getSeries(
    target: MeshSeriesTarget,
    window: string,
  ): Promise<MeshSeriesResponse>;
  getHealth(window: string): Promise<MeshEntityHealthResponse>;
  getSecurity(window: string): Promise<MeshEntitySecurityResponse>;
  getConfig(): Promise<MeshEntityConfigResponse>;
  getWorkloads(): Promise<MeshEntityWorkloadsResponse>;
  getTraces(query: MeshEntityTracesQuery): Promise<MeshEntityTracesResponse>;
  getTrace(traceId: string): Promise<MeshEntityTraceResponse>;
  getDependencies(window: string): Promise<MeshDependenciesResponse>;
  getPosture(window: string): Promise<MeshPostureResponse>;
}

export function entityMeshReader(
  api: MeshApi,
  entity: CompoundEntityRef,
  entityRef: string,
): EntityMeshReader {
  return {
    entityRef,
    getGraph: query => api.getEntityGraph(entity, query),
    getSeries: (target, window) =>
      api.getEntitySeries(entity, { window, ...target }),
    getHealth: window => api.getEntityHealth(entity, { window }),
    getSecurity: window => api.getEntitySecurity(entity, { window }),
    getConfig: () => api.getEntityConfig(entity),
    getWorkloads: () => api.getEntityWorkloads(entity),
    getTraces: query => api.getEntityTraces(entity, query),
    getTrace: traceId => api.getEntityTrace(entity, traceId),
    getDependencies: window => api.getEntityDependencies(entity, { window }),
    getPosture: window => api.getEntityPosture(entity, { window }),
  };
}
