/*
 * Entity → label selector, exactly as the Backstage Kubernetes plugin does it:
 * `backstage.io/kubernetes-label-selector` wins; otherwise `backstage.io/kubernetes-id: X` means
 * the label `backstage.io/kubernetes-id=X`; `…-namespace` and `…-cluster` narrow the search.
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
}

export type EntitySelectorResult =
  | { ok: EntitySelector }
  | { unmapped: true }
  | { invalid: string };

export function entityWorkloadSelector(entity: Entity): EntitySelectorResult {
  const annotations = entity.metadata.annotations ?? {};
  const selectorText = annotations[KUBERNETES_LABEL_SELECTOR_ANNOTATION];
  const id = annotations[KUBERNETES_ID_ANNOTATION];
  let selector: ParsedSelector;
  try {
    if (selectorText !== undefined) selector = parseLabelSelector(selectorText);
    else if (id !== undefined)
      selector = parseLabelSelector(`${KUBERNETES_ID_ANNOTATION}=${id}`);
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
