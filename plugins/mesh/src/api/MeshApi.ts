import { createApiRef } from '@backstage/core-plugin-api';
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
  MeshConfigResponse,
  MeshGraphType,
  MeshInsightsResponse,
  MeshOverviewResponse,
  MeshPostureResponse,
  MeshSeriesResponse,
  MeshTeamResponse,
} from '@mesh-portal/plugin-mesh-common';

/**
 * A rate window such as `10m`; absent means the backend's default for the route.
 *
 * @public
 */
export interface MeshWindowQuery {
  window?: string;
}

/**
 * What a series is asked for: exactly one node or edge id of the entity's graph, and the type of
 * the graph it was picked from (a Service node means different traffic in different graph types).
 *
 * @public
 */
export type MeshSeriesTarget = ({ node: string } | { edge: string }) & {
  graphType?: MeshGraphType;
};

/**
 * Filters of the mesh-wide Istio config list; each one set narrows the objects returned (the
 * facets to choose from are computed before filtering). `owner` is an owner entity ref or
 * `unowned`.
 *
 * @public
 */
export type MeshConfigQuery = MeshConfigResponse['filters'];

/**
 * Client of the mesh backend, as seen by the mesh UI. Every method rejects with a
 * `ResponseError` (from `@backstage/errors`) when the backend answers with an error status, e.g.
 * 404 for an unknown entity. Failures of individual data sources do not reject: they are reported
 * in the response's `errors`.
 *
 * @public
 */
export interface MeshApi {
  /** The traffic graph around the workloads a catalog entity maps to. */
  getEntityGraph(
    entityRef: CompoundEntityRef,
    query?: MeshEntityGraphQuery,
  ): Promise<MeshEntityGraphResponse>;
  /** Golden signals over time of one node or edge of the entity's graph. */
  getEntitySeries(
    entityRef: CompoundEntityRef,
    query: MeshWindowQuery & MeshSeriesTarget,
  ): Promise<MeshSeriesResponse>;
  /** Health with reasons of the entity's workloads, apps and Services. */
  getEntityHealth(
    entityRef: CompoundEntityRef,
    query?: MeshWindowQuery,
  ): Promise<MeshEntityHealthResponse>;
  /** mTLS status from config and the share of observed traffic over mTLS. */
  getEntitySecurity(
    entityRef: CompoundEntityRef,
    query?: MeshWindowQuery,
  ): Promise<MeshEntitySecurityResponse>;
  /** The Istio objects, Services and workloads affecting the entity, with validation findings. */
  getEntityConfig(
    entityRef: CompoundEntityRef,
  ): Promise<MeshEntityConfigResponse>;
  /** The entity's workloads, their pods' mesh status and the Istio objects applying to them. */
  getEntityWorkloads(
    entityRef: CompoundEntityRef,
  ): Promise<MeshEntityWorkloadsResponse>;
  /** Recent traces through the entity, newest first. */
  getEntityTraces(
    entityRef: CompoundEntityRef,
    query?: MeshEntityTracesQuery,
  ): Promise<MeshEntityTracesResponse>;
  /** One trace of the entity with its spans. */
  getEntityTrace(
    entityRef: CompoundEntityRef,
    traceId: string,
  ): Promise<MeshEntityTraceResponse>;
  /** Declared versus observed dependencies (a Component, or all Components of a System or Group). */
  getEntityDependencies(
    entityRef: CompoundEntityRef,
    query?: MeshWindowQuery,
  ): Promise<MeshDependenciesResponse>;
  /** Security posture of a mapped entity, or of the Components of a System or Group. */
  getEntityPosture(
    entityRef: CompoundEntityRef,
    query?: MeshWindowQuery,
  ): Promise<MeshPostureResponse>;
  /** A Group's Components (directly and through sub-groups) and their graph against other teams. */
  getTeam(
    groupRef: CompoundEntityRef,
    query?: MeshWindowQuery,
  ): Promise<MeshTeamResponse>;
  /** Every mapped entity the caller may see, mesh-wide. */
  getOverview(query?: MeshWindowQuery): Promise<MeshOverviewResponse>;
  /** Dependency drift over every mapped Component the caller may see (the overview's counts). */
  getCatalogDependencies(
    query?: MeshWindowQuery,
  ): Promise<MeshDependenciesResponse>;
  /** Security posture of every mapped entity the caller may see. */
  getCatalogPosture(query?: MeshWindowQuery): Promise<MeshPostureResponse>;
  /** The entities that stand out by error rate, p95 and traffic change, each with its owner. */
  getInsights(
    query?: MeshWindowQuery & { limit?: number },
  ): Promise<MeshInsightsResponse>;
  /** Every Istio and Gateway API object with its validations, affected entities and owners. */
  getMeshConfig(query?: MeshConfigQuery): Promise<MeshConfigResponse>;
}

/**
 * Reference to the {@link MeshApi}. The `plugin.mesh.` prefix lets the new frontend system infer
 * that the `mesh` plugin owns it, so no other plugin can silently replace it.
 *
 * @public
 */
export const meshApiRef = createApiRef<MeshApi>({ id: 'plugin.mesh.service' });
