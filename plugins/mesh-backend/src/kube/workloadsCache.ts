/*
 * deriveWorkloads, memoized on the identity of a cluster's objects. Inventory sources hand out the
 * same ClusterObjects for as long as nothing changed in the cluster (the watch cache rebuilds it
 * only after a change), so requests in between do not re-derive thousands of workloads, and the
 * workload list keeps its identity, which downstream caches (mapping/OwnerIndexCache) key on.
 */
import { ClusterObjects } from './types';
import { deriveWorkloads, Workload } from './workloads';

const cache = new WeakMap<
  ClusterObjects,
  { cluster: string; workloads: Workload[] }
>();

export function workloadsOf(
  cluster: string,
  objects: ClusterObjects,
): Workload[] {
  const hit = cache.get(objects);
  if (hit && hit.cluster === cluster) return hit.workloads;
  const workloads = deriveWorkloads(cluster, objects);
  cache.set(objects, { cluster, workloads });
  return workloads;
}
