/* The wire form of a mapping result (graph and workloads responses share it). */
import {
  MeshEntityMapping,
  MeshWorkloadRef,
} from '@mesh-portal/plugin-mesh-common';
import { Workload } from '../kube/workloads';
import { EntitySelectorResult } from './entitySelector';

export function workloadRef(w: Workload): MeshWorkloadRef {
  return {
    cluster: w.cluster,
    namespace: w.namespace,
    kind: w.kind,
    name: w.name,
    ...(w.podLabels.app ? { app: w.podLabels.app } : {}),
    ...(w.podLabels.version ? { version: w.podLabels.version } : {}),
  };
}

export function entityMapping(
  entityRef: string,
  selector: EntitySelectorResult,
  workloads: Workload[],
  ambiguous?: string[],
): MeshEntityMapping {
  const ok = 'ok' in selector ? selector.ok : undefined;
  return {
    entityRef,
    labelSelector: ok?.text ?? '',
    ...(ok?.namespace ? { namespace: ok.namespace } : {}),
    ...(ok?.cluster ? { cluster: ok.cluster } : {}),
    ...(ok?.canonicalService !== undefined
      ? { canonicalService: ok.canonicalService }
      : {}),
    ...(ambiguous ? { ambiguous } : {}),
    workloads: workloads.map(workloadRef),
    errors: ambiguous
      ? [
          {
            source: 'catalog',
            errorType: 'NOT_FOUND',
            message: `${entityRef} has no Kubernetes annotation and its name matches the Istio canonical service '${
              ok?.canonicalService
            }' in ${ambiguous.length} places (${ambiguous.join(
              ', ',
            )}); it is not mapped until a backstage.io/kubernetes-namespace or backstage.io/kubernetes-cluster annotation says which`,
          },
        ]
      : [],
  };
}
