import { MissingAnnotationEmptyState } from '@backstage/plugin-catalog-react';
import {
  KUBERNETES_ID_ANNOTATION,
  KUBERNETES_LABEL_SELECTOR_ANNOTATION,
} from '@mesh-portal/plugin-mesh-common';

const KUBERNETES_ANNOTATIONS_DOCS =
  'https://backstage.io/docs/features/kubernetes/configuration';

/** Guidance for an entity the mesh view cannot map to workloads: the annotations to add. */
export function MissingMappingState() {
  return (
    <MissingAnnotationEmptyState
      annotation={[
        KUBERNETES_ID_ANNOTATION,
        KUBERNETES_LABEL_SELECTOR_ANNOTATION,
      ]}
      readMoreUrl={KUBERNETES_ANNOTATIONS_DOCS}
    />
  );
}
