import { Entity } from '@backstage/catalog-model';
import {
  DEFAULT_NAME_MAPPED_KINDS,
  KUBERNETES_ID_ANNOTATION,
  KUBERNETES_LABEL_SELECTOR_ANNOTATION,
} from '@mesh-portal/plugin-mesh-common';

/**
 * Whether an entity maps to workloads: it carries one of the Kubernetes plugin's annotations that
 * the backend resolves to workloads, or it is a Component or Resource, which the backend maps by
 * name to the Istio canonical service (its default `mesh.nameMapping`; whether that finds
 * workloads is the backend's answer, shown in the tab).
 *
 * @public
 */
export function hasMeshMapping(entity: Entity): boolean {
  const annotations = entity.metadata.annotations ?? {};
  return Boolean(
    annotations[KUBERNETES_ID_ANNOTATION] ||
      annotations[KUBERNETES_LABEL_SELECTOR_ANNOTATION] ||
      DEFAULT_NAME_MAPPED_KINDS.includes(entity.kind.toLowerCase()),
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
