/*
 * Entity → label selector, exactly as the Backstage Kubernetes plugin does it:
 * `backstage.io/kubernetes-label-selector` wins; otherwise `backstage.io/kubernetes-id: X` means
 * the label `backstage.io/kubernetes-id=X`; `…-namespace` and `…-cluster` narrow the search.
 * An entity with neither is mapped by its name when the name-mapping policy covers its kind
 * (./nameMapping).
 */
import { Entity } from '@backstage/catalog-model';
import {
  KUBERNETES_CLUSTER_ANNOTATION,
  KUBERNETES_ID_ANNOTATION,
  KUBERNETES_LABEL_SELECTOR_ANNOTATION,
  KUBERNETES_NAMESPACE_ANNOTATION,
} from '@mesh-portal/plugin-mesh-common';
import {
  formatLabelSelector,
  parseLabelSelector,
  ParsedSelector,
} from '../kube/labelSelector';
import {
  conventionNamespace,
  isNameMapped,
  NameMappingPolicy,
} from './nameMapping';

export interface EntitySelector {
  selector: ParsedSelector;
  text: string;
  namespace?: string;
  cluster?: string;
  /**
   * The `backstage.io/kubernetes-id` value when the selector came from it: in clusters where no
   * workload carries that label, workloads whose Istio canonical service has this name match
   * instead (see ./mapEntity). Absent for an explicit label selector, which is always taken as is.
   */
  kubernetesId?: string;
  /**
   * Set when the entity has no mapping annotation and is mapped by name: the Istio canonical
   * service its workloads must have. `selector` is then unused.
   */
  canonicalService?: string;
}

export type EntitySelectorResult =
  | { ok: EntitySelector }
  | { unmapped: true }
  | { invalid: string };

export function entityWorkloadSelector(
  entity: Entity,
  nameMapping: NameMappingPolicy,
): EntitySelectorResult {
  const annotations = entity.metadata.annotations ?? {};
  const selectorText = annotations[KUBERNETES_LABEL_SELECTOR_ANNOTATION];
  const id = annotations[KUBERNETES_ID_ANNOTATION];
  let selector: ParsedSelector;
  try {
    if (selectorText !== undefined) selector = parseLabelSelector(selectorText);
    else if (id !== undefined)
      selector = parseLabelSelector(`${KUBERNETES_ID_ANNOTATION}=${id}`);
    else if (isNameMapped(entity, nameMapping))
      return nameSelector(entity, nameMapping);
    else return { unmapped: true };
  } catch (e) {
    const which =
      selectorText !== undefined
        ? KUBERNETES_LABEL_SELECTOR_ANNOTATION
        : KUBERNETES_ID_ANNOTATION;
    return {
      invalid: `Annotation ${which} of this entity is not usable: ${
        (e as Error).message
      }`,
    };
  }
  return {
    ok: {
      selector,
      text: formatLabelSelector(selector),
      namespace: annotations[KUBERNETES_NAMESPACE_ANNOTATION] || undefined,
      cluster: annotations[KUBERNETES_CLUSTER_ANNOTATION] || undefined,
      ...(selectorText === undefined ? { kubernetesId: id } : {}),
    },
  };
}

function nameSelector(
  entity: Entity,
  nameMapping: NameMappingPolicy,
): EntitySelectorResult {
  const annotations = entity.metadata.annotations ?? {};
  const convention = conventionNamespace(entity, nameMapping);
  if (convention === null)
    return {
      invalid: `Entity ${entity.metadata.name} is mapped by name, but the namespace convention '${nameMapping.namespace}' needs a System it does not have`,
    };
  return {
    ok: {
      selector: [],
      text: '',
      namespace:
        annotations[KUBERNETES_NAMESPACE_ANNOTATION] || convention || undefined,
      cluster: annotations[KUBERNETES_CLUSTER_ANNOTATION] || undefined,
      canonicalService: entity.metadata.name,
    },
  };
}
