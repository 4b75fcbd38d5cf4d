import { Entity } from '@backstage/catalog-model';
import {
  KUBERNETES_ID_ANNOTATION,
  KUBERNETES_LABEL_SELECTOR_ANNOTATION,
} from '@mesh-portal/plugin-mesh-common';

/**
 * Whether an entity maps to workloads: it carries one of the Kubernetes plugin's annotations that
 * the backend resolves to workloads.
 *
 * @public
 */
export function hasMeshMapping(entity: Entity): boolean {
  const annotations = entity.metadata.annotations ?? {};
  return Boolean(
    annotations[KUBERNETES_ID_ANNOTATION] ||
      annotations[KUBERNETES_LABEL_SELECTOR_ANNOTATION],
  );
}

/**
 * Whether the Mesh tab applies to an entity: entities that map to workloads, and Systems (shown
 * as the union of their Components). Use it to show the tab conditionally, e.g.
 * `<EntityLayout.Route if={isMeshAvailable}>`.
 *
 * @public
 */
export function isMeshAvailable(entity: Entity): boolean {
  return hasMeshMapping(entity) || entity.kind.toLowerCase() === 'system';
}

/**
 * Whether the team Mesh tab applies: Group entities.
 *
 * @public
 */
export function isMeshTeamAvailable(entity: Entity): boolean {
  return entity.kind.toLowerCase() === 'group';
}
