import { CompoundEntityRef } from '@backstage/catalog-model';
import { DiscoveryApi, FetchApi } from '@backstage/core-plugin-api';
import { ResponseError } from '@backstage/errors';
import {
  MeshConfigResponse,
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
  MeshInsightsResponse,
  MeshOverviewResponse,
  MeshPostureResponse,
  MeshSeriesResponse,
  MeshTeamResponse,
} from '@mesh-portal/plugin-mesh-common';
import {
  MeshApi,
  MeshConfigQuery,
  MeshSeriesTarget,
  MeshWindowQuery,
} from './MeshApi';

type QueryValue = string | number | boolean | undefined;

/**
 * Default {@link MeshApi} implementation, talking to the `mesh` backend plugin over HTTP.
 *
 * @public
 */
export class MeshClient implements MeshApi {
  private readonly discoveryApi: DiscoveryApi;
  private readonly fetchApi: FetchApi;

  constructor(options: { discoveryApi: DiscoveryApi; fetchApi: FetchApi }) {
    this.discoveryApi = options.discoveryApi;
    // fetchApi (not the global fetch) attaches the user's Backstage token to each request.
    this.fetchApi = options.fetchApi;
  }

  getEntityGraph(
    entityRef: CompoundEntityRef,
    query: MeshEntityGraphQuery = {},
  ): Promise<MeshEntityGraphResponse> {
    return this.get(entityPath(entityRef, 'graph'), {
      window: query.window,
      hops: query.hops,
      graphType: query.graphType,
    });
  }

  getEntitySeries(
    entityRef: CompoundEntityRef,
    query: MeshWindowQuery & MeshSeriesTarget,
  ): Promise<MeshSeriesResponse> {
    return this.get(entityPath(entityRef, 'series'), {
      window: query.window,
      node: 'node' in query ? query.node : undefined,
      edge: 'edge' in query ? query.edge : undefined,
      graphType: query.graphType,
    });
  }

  getEntityHealth(
    entityRef: CompoundEntityRef,
    query: MeshWindowQuery = {},
  ): Promise<MeshEntityHealthResponse> {
    return this.get(entityPath(entityRef, 'health'), { window: query.window });
  }

  getEntitySecurity(
    entityRef: CompoundEntityRef,
    query: MeshWindowQuery = {},
  ): Promise<MeshEntitySecurityResponse> {
    return this.get(entityPath(entityRef, 'security'), {
      window: query.window,
    });
  }

  getEntityConfig(
    entityRef: CompoundEntityRef,
  ): Promise<MeshEntityConfigResponse> {
    return this.get(entityPath(entityRef, 'config'), {});
  }

  getEntityWorkloads(
    entityRef: CompoundEntityRef,
  ): Promise<MeshEntityWorkloadsResponse> {
    return this.get(entityPath(entityRef, 'workloads'), {});
  }

  getEntityTraces(
    entityRef: CompoundEntityRef,
    query: MeshEntityTracesQuery = {},
  ): Promise<MeshEntityTracesResponse> {
    return this.get(entityPath(entityRef, 'traces'), {
      lookback: query.lookback,
      limit: query.limit,
      minDuration: query.minDuration,
      errorsOnly: query.errorsOnly,
    });
  }

  getEntityTrace(
    entityRef: CompoundEntityRef,
    traceId: string,
  ): Promise<MeshEntityTraceResponse> {
    return this.get(
      `${entityPath(entityRef, 'traces')}/${encodeURIComponent(traceId)}`,
      {},
    );
  }

  getEntityDependencies(
    entityRef: CompoundEntityRef,
    query: MeshWindowQuery = {},
  ): Promise<MeshDependenciesResponse> {
    return this.get(entityPath(entityRef, 'dependencies'), {
      window: query.window,
    });
  }

  getEntityPosture(
    entityRef: CompoundEntityRef,
    query: MeshWindowQuery = {},
  ): Promise<MeshPostureResponse> {
    return this.get(entityPath(entityRef, 'posture'), { window: query.window });
  }

  getTeam(
    groupRef: CompoundEntityRef,
    query: MeshWindowQuery = {},
  ): Promise<MeshTeamResponse> {
    return this.get(entityPath(groupRef, 'team'), { window: query.window });
  }

  getOverview(query: MeshWindowQuery = {}): Promise<MeshOverviewResponse> {
    return this.get('overview', { window: query.window });
  }

  getCatalogDependencies(
    query: MeshWindowQuery = {},
  ): Promise<MeshDependenciesResponse> {
    return this.get('dependencies', { window: query.window });
  }

  getCatalogPosture(query: MeshWindowQuery = {}): Promise<MeshPostureResponse> {
    return this.get('posture', { window: query.window });
  }

  getInsights(
    query: MeshWindowQuery & { limit?: number } = {},
  ): Promise<MeshInsightsResponse> {
    return this.get('insights', { window: query.window, limit: query.limit });
  }

  getMeshConfig(query: MeshConfigQuery = {}): Promise<MeshConfigResponse> {
    return this.get('config', {
      namespace: query.namespace,
      kind: query.kind,
      severity: query.severity,
      owner: query.owner,
    });
  }

  private async get<T>(
    path: string,
    query: Record<string, QueryValue>,
  ): Promise<T> {
    const baseUrl = await this.discoveryApi.getBaseUrl('mesh');
    const search = toSearchParams(query).toString();
    const url = `${baseUrl}/${path}${search ? `?${search}` : ''}`;
    const response = await this.fetchApi.fetch(url);
    if (!response.ok) {
      throw await ResponseError.fromResponse(response);
    }
    return (await response.json()) as T;
  }
}

/**
 * `entities/by-name/:kind/:namespace/:name/:route`. Entity names may contain characters that are
 * special in URLs; each segment is encoded on its own so that a `/` in a value can never change
 * which route is hit.
 */
function entityPath(
  { kind, namespace, name }: CompoundEntityRef,
  route: string,
): string {
  const segments = [kind, namespace, name].map(encodeURIComponent).join('/');
  return `entities/by-name/${segments}/${route}`;
}

/** Only parameters that are set are sent, so the backend's defaults apply to the others. */
function toSearchParams(query: Record<string, QueryValue>): URLSearchParams {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) {
    if (value !== undefined) params.set(key, String(value));
  }
  return params;
}
