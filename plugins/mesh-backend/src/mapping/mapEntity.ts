/*
 * Applies an entity's selector to the workloads of the clusters in scope. Like the Kubernetes plugin
 * we match an object by its own labels; because many charts label only the pod template, a
 * workload also matches when its pod labels do.
 *
 * Fallback on Istio's naming: mesh users label workloads by Istio conventions, not with
 * `backstage.io/kubernetes-id`. So for an entity mapped by `backstage.io/kubernetes-id: X`, in a
 * cluster where no workload (in the entity's namespace, if given) carries the label
 * `backstage.io/kubernetes-id=X`, the workloads whose Istio canonical service is X match instead.
 * The canonical service is read as Istio reads it: `service.istio.io/canonical-name`, else
 * `app.kubernetes.io/name`, else `app` (Istio's last resort, the workload name, is not used: entity
 * names collide with Deployment names too easily). The decision is per cluster, so the forward and
 * the reverse mapping (ownerIndex) agree and can be cached per cluster.
 *
 * Entities without annotations are mapped by name (./nameMapping): the workloads whose canonical
 * service is the entity's name, within the entity's namespace if one is set. When they sit in more
 * than one cluster/namespace the mapping is ambiguous: no workload is taken and the candidates are
 * reported, so that the user can add `backstage.io/kubernetes-namespace` or `…-cluster`.
 */
import { matchesSelector } from '../kube/labelSelector';
import { Workload } from '../kube/workloads';
import { canonicalServiceOf } from './canonicalService';
import { EntitySelector } from './entitySelector';
import { candidatesOf } from './workloadLabelIndex';

export function workloadKey(
  w: Pick<Workload, 'cluster' | 'namespace' | 'name'>,
): string {
  return `${w.cluster}/${w.namespace}/${w.name}`;
}

export interface WorkloadMapping {
  workloads: Workload[];
  /** Clusters where the canonical-service fallback was used. */
  fallbackClusters: string[];
  /** A name-mapped entity found in several places (`cluster/namespace`): nothing was mapped. */
  ambiguous?: string[];
}

export function mapWorkloads(
  selector: EntitySelector,
  workloads: readonly Workload[],
): WorkloadMapping {
  // Only the workloads the selector can match: at 5,000 entities and workloads, matching each
  // entity against every workload was 25 million label matches per inventory (./workloadLabelIndex).
  const inScope = candidatesOf(selector, workloads).filter(
    w =>
      (!selector.cluster || w.cluster === selector.cluster) &&
      (!selector.namespace || w.namespace === selector.namespace),
  );
  if (selector.canonicalService !== undefined)
    return mapByName(selector.canonicalService, inScope);
  const byCluster = new Map<string, Workload[]>();
  for (const w of inScope) {
    const list = byCluster.get(w.cluster);
    if (list) list.push(w);
    else byCluster.set(w.cluster, [w]);
  }
  const mapping: WorkloadMapping = { workloads: [], fallbackClusters: [] };
  for (const [cluster, candidates] of byCluster) {
    const matched = candidates.filter(
      w =>
        matchesSelector(selector.selector, w.labels) ||
        matchesSelector(selector.selector, w.podLabels),
    );
    if (matched.length === 0 && selector.kubernetesId) {
      const byName = candidates.filter(
        w => canonicalServiceOf(w.podLabels) === selector.kubernetesId,
      );
      if (byName.length > 0) mapping.fallbackClusters.push(cluster);
      mapping.workloads.push(...byName);
    } else {
      mapping.workloads.push(...matched);
    }
  }
  return mapping;
}

function mapByName(name: string, inScope: Workload[]): WorkloadMapping {
  const matched = inScope.filter(w => canonicalServiceOf(w.podLabels) === name);
  const places = [...new Set(matched.map(w => `${w.cluster}/${w.namespace}`))];
  if (places.length > 1)
    return { workloads: [], fallbackClusters: [], ambiguous: places.sort() };
  return { workloads: matched, fallbackClusters: [] };
}

export function selectWorkloads(
  selector: EntitySelector,
  workloads: readonly Workload[],
): Workload[] {
  return mapWorkloads(selector, workloads).workloads;
}
