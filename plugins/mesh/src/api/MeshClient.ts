import { CompoundEntityRef } from '@backstage/catalog-model';
import { DiscoveryApi, FetchApi } from '@backstage/core-plugin-api';
import { ResponseError } from '@backstage/errors';
import {
  MeshEntityGraphQuery,
  MeshEntityGraphResponse,
} from '@internal/plugin-mesh-common';
import { MeshApi } from './MeshApi';

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

  async getEntityGraph(
    entityRef: CompoundEntityRef,
    query: MeshEntityGraphQuery = {},
  ): Promise<MeshEntityGraphResponse> {
    // Entity names may contain characters that are special in URLs; each segment is encoded on
    // its own so that a `/` in a value can never change which route is hit.
    const { kind, namespace, name } = entityRef;
    const path = `entities/by-name/${[kind, namespace, name]
      .map(encodeURIComponent)
      .join('/')}/graph`;
    return this.get<MeshEntityGraphResponse>(path, toSearchParams(query));
  }

  private async get<T>(path: string, params: URLSearchParams): Promise<T> {
    const baseUrl = await this.discoveryApi.getBaseUrl('mesh');
    const search = params.toString();
    const url = `${baseUrl}/${path}${search ? `?${search}` : ''}`;
    const response = await this.fetchApi.fetch(url);
    if (!response.ok) {
      throw await ResponseError.fromResponse(response);
    }
    return (await response.json()) as T;
  }
}

/** Only parameters that are set are sent, so the backend's defaults apply to the others. */
function toSearchParams(query: MeshEntityGraphQuery): URLSearchParams {
  const params = new URLSearchParams();
  if (query.window !== undefined) params.set('window', query.window);
  if (query.hops !== undefined) params.set('hops', String(query.hops));
  if (query.graphType !== undefined) params.set('graphType', query.graphType);
  return params;
}
