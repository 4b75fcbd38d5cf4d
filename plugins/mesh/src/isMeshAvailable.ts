import { Entity } from '@backstage/catalog-model';
import {
  KUBERNETES_ID_ANNOTATION,
  KUBERNETES_LABEL_SELECTOR_ANNOTATION,
} from '@internal/plugin-mesh-common';

/**
 * Whether the mesh view applies to an entity: it must carry one of the Kubernetes plugin's
 * annotations that map an entity to workloads, which is exactly what the backend resolves.
 * Use it to show the Mesh tab conditionally, e.g. `<EntityLayout.Route if={isMeshAvailable}>`.
 *
 * @public
 */
export function isMeshAvailable(entity: Entity): boolean {
  const annotations = entity.metadata.annotations ?? {};
  return Boolean(
    annotations[KUBERNETES_ID_ANNOTATION] ||
      annotations[KUBERNETES_LABEL_SELECTOR_ANNOTATION],
  );
}
