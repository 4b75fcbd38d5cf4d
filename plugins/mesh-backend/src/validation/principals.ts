/*
 * SPIFFE principals (`<trust domain>/ns/<namespace>/sa/<service account>`) a cluster can issue, for
 * the checks that name service accounts: AuthorizationPolicy principals (KIA0106/0107/0108) and
 * WorkloadGroup templates (KIA1701). Kiali derives them from the workloads' service accounts only;
 * we also count ServiceAccount objects and every namespace's `default` account, which exist before
 * a workload runs as them (docs/kiali-semantics.md, "Validations").
 */
import { namespaceOf } from '../kube/istioObjects';
import { ClusterObjects } from '../kube/types';
import { workloadsOf } from '../kube/workloadsCache';

/** The trust domain and its aliases, from the cluster's mesh config. */
export function trustDomainsOf(objects: ClusterObjects): string[] {
  const mesh = objects.meshConfig;
  return [
    mesh.trustDomain ?? 'cluster.local',
    ...(mesh.trustDomainAliases ?? []),
  ];
}

const principalsOf = new WeakMap<ClusterObjects, string[]>();

/** Every principal of one cluster, in each of its trust domains (memoized on the objects' identity). */
export function clusterPrincipals(
  cluster: string,
  objects: ClusterObjects,
): string[] {
  const known = principalsOf.get(objects);
  if (known) return known;
  const accounts = new Set<string>();
  const trustDomains = trustDomainsOf(objects);
  const add = (ns: string, sa: string) =>
    trustDomains.forEach(td => accounts.add(`${td}/ns/${ns}/sa/${sa}`));
  objects.serviceAccounts.forEach(sa => add(namespaceOf(sa), sa.metadata.name));
  workloadsOf(cluster, objects).forEach(w =>
    add(w.namespace, w.serviceAccount ?? 'default'),
  );
  objects.namespaces.forEach(ns => add(ns.metadata.name, 'default'));
  const principals = [...accounts];
  principalsOf.set(objects, principals);
  return principals;
}

/** Istio's principal match: `*` alone, a prefix or a suffix wildcard, or the exact name. */
export function principalKnown(
  principal: string,
  principals: readonly string[],
): boolean {
  if (principal === '*') return true;
  if (principal.startsWith('*') || principal.endsWith('*')) {
    const pattern = new RegExp(
      `^${principal
        .split('*')
        .map(p => p.replace(/[.+?^${}()|[\]\\]/g, '\\$&'))
        .join('.*')}$`,
    );
    return principals.some(sa => pattern.test(sa));
  }
  return principals.includes(principal);
}
