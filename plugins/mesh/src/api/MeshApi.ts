import { createApiRef } from '@backstage/core-plugin-api';
import { CompoundEntityRef } from '@backstage/catalog-model';
import {
  MeshEntityGraphQuery,
  MeshEntityGraphResponse,
} from '@internal/plugin-mesh-common';

/**
 * Client of the mesh backend, as seen by the mesh UI.
 *
 * @public
 */
export interface MeshApi {
  /**
   * Fetches the traffic graph around the workloads a catalog entity maps to.
   *
   * Rejects with a `ResponseError` (from `@backstage/errors`) when the backend answers with an
   * error status, e.g. 404 for an entity that is unknown or maps to no workload. Failures of
   * individual data sources do not reject: they are reported in the response's `errors`.
   */
  getEntityGraph(
    entityRef: CompoundEntityRef,
    query?: MeshEntityGraphQuery,
  ): Promise<MeshEntityGraphResponse>;
}

/**
 * Reference to the {@link MeshApi}. The `plugin.mesh.` prefix lets the new frontend system infer
 * that the `mesh` plugin owns it, so no other plugin can silently replace it.
 *
 * @public
 */
export const meshApiRef = createApiRef<MeshApi>({ id: 'plugin.mesh.service' });
