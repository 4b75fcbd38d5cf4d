import { EmptyState } from '@backstage/core-components';
import { MeshEntityMapping } from '@mesh-portal/plugin-mesh-common';

export interface NoTrafficStateProps {
  entityTitle: string;
  /** Window the empty graph was computed for, e.g. `10m`. */
  window: string;
  mapping: MeshEntityMapping;
}

/**
 * Shown when the graph has no node. Whether any workload matched tells apart a mapping problem
 * (fix the annotations) from a traffic problem (no requests, or not in the mesh).
 */
export function NoTrafficState({
  entityTitle,
  window,
  mapping,
}: NoTrafficStateProps) {
  const scope = [
    mapping.namespace && `namespace ${mapping.namespace}`,
    mapping.cluster && `cluster ${mapping.cluster}`,
  ]
    .filter(Boolean)
    .join(', ');
  const byName = mapping.canonicalService !== undefined;
  const selector = `${
    byName
      ? `the Istio canonical service ${mapping.canonicalService}`
      : mapping.labelSelector
  }${scope ? ` (${scope})` : ''}`;

  const description = mapping.ambiguous?.length
    ? `${entityTitle} has no Kubernetes annotation, and its name is the Istio canonical service of ` +
      `workloads in ${
        mapping.ambiguous.length
      } places (${mapping.ambiguous.join(', ')}). ` +
      'Rather than guess, nothing is shown: add a backstage.io/kubernetes-namespace (or ' +
      'backstage.io/kubernetes-cluster) annotation that says which, or a ' +
      'backstage.io/kubernetes-label-selector.'
    : mapping.workloads.length === 0 && byName
    ? `${entityTitle} has no Kubernetes annotation, so it is matched by name, and no workload ` +
      `has ${selector} (label service.istio.io/canonical-name, app.kubernetes.io/name or app). ` +
      'If it runs under another name, add a backstage.io/kubernetes-id or ' +
      'backstage.io/kubernetes-label-selector annotation.'
    : mapping.workloads.length === 0
    ? `No workload matches the label selector ${selector}. Check that the entity's ` +
      'backstage.io/kubernetes-id or backstage.io/kubernetes-label-selector annotation matches ' +
      'the labels of its Deployments, and that Backstage can reach the clusters.'
    : `${mapping.workloads.length} workload(s) match ${selector} ` +
      `(${mapping.workloads
        .map(w => w.name)
        .join(', ')}), but no request to or from them ` +
      'was recorded. Check that they received traffic in this period, that they are in the ' +
      'mesh (sidecar injected or ambient mode enabled for the namespace), and that Prometheus ' +
      "scrapes Istio's metrics. A longer window may also help.";

  return (
    <EmptyState
      missing="data"
      title={`No traffic seen for ${entityTitle} in the last ${window}`}
      description={description}
    />
  );
}
