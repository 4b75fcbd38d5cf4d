/*
 * deriveWorkloads, memoized on the arrays it reads of a cluster's objects. The watch cache keeps a
 * bucket's array while none of its objects changed (../sources/kubernetes/assembleObjects), so
 * requests in between — and changes to Istio objects or Services — do not re-derive thousands of
 * workloads, and the workload list keeps its identity, which downstream caches
 * (mapping/OwnerIndexCache) key on.
 */
import { ClusterObjects } from './types';
import { deriveWorkloads, Workload } from './workloads';

/** What deriveWorkloads reads (./workloads). */
const READ = [
  'namespaces',
  'deployments',
  'statefulSets',
  'daemonSets',
  'replicaSets',
  'pods',
] as const;

const cache = new WeakMap<
  object,
  { cluster: string; read: unknown[]; workloads: Workload[] }
>();

export function workloadsOf(
  cluster: string,
  objects: ClusterObjects,
): Workload[] {
  const read = READ.map(bucket => objects[bucket]);
  // Keyed on the pods, which change most; the other arrays must be the same too.
  const hit = cache.get(objects.pods);
  if (
    hit &&
    hit.cluster === cluster &&
    hit.read.every((part, i) => part === read[i])
  )
    return hit.workloads;
  const workloads = deriveWorkloads(cluster, objects);
  cache.set(objects.pods, { cluster, read, workloads });
  return workloads;
}
