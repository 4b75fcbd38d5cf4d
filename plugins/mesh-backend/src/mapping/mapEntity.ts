/*
 * Applies an entity's selector to the workloads of the clusters in scope. Like the Kubernetes plugin
 * we match an object by its own labels; because many charts label only the pod template, a
 * workload also matches when its pod labels do.
 */
import { matchesSelector } from '../kube/labelSelector';
import { Workload } from '../kube/workloads';
import { EntitySelector } from './entitySelector';

export function workloadKey(w: Pick<Workload, 'cluster' | 'namespace' | 'name'>): string {
  return `${w.cluster}/${w.namespace}/${w.name}`;
}

export function selectWorkloads(selector: EntitySelector, workloads: Workload[]): Workload[] {
  return workloads.filter(
    w =>
      (!selector.cluster || w.cluster === selector.cluster) &&
      (!selector.namespace || w.namespace === selector.namespace) &&
      (matchesSelector(selector.selector, w.labels) || matchesSelector(selector.selector, w.podLabels)),
  );
}
