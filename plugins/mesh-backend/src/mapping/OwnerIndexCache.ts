/*
 * Cached reverse mapping workload → owning entity. Building it matches every annotated entity
 * against every workload (500 entities × 10,000 workloads is 5 M selector evaluations), yet its
 * inputs rarely change: the workloads of a cluster change when its watch cache does, the entities
 * when the catalog does. So the index is kept per cluster, keyed by the identity of that cluster's
 * workload list (a new list whenever the cluster's objects change, see kube/workloadsCache) and by
 * a fingerprint of the entities' refs and mapping annotations. The entities are still read with
 * each caller's credentials, so a cached index never links a node to an entity the caller cannot see:
 * callers who see different entities get different fingerprints.
 * Entities mapped by name are matched after the per-cluster indexes are merged, because whether a
 * name is ambiguous depends on every cluster; each cluster's workloads by canonical service are
 * cached for that.
 */
import { Entity, stringifyEntityRef } from '@backstage/catalog-model';
import { OwnerIndex } from '../graph/appenders/linkEntities';
import { Workload } from '../kube/workloads';
import { canonicalServiceIndex } from './canonicalService';
import { NameMappingPolicy } from './nameMapping';
import {
  addNameMappedOwners,
  annotatedOwnerIndex,
  selectorsOf,
} from './ownerIndex';

const KEPT_PER_CLUSTER = 8; // distinct entity sets (callers with different visibility) remembered

export class OwnerIndexCache {
  private readonly byWorkloads = new WeakMap<
    readonly Workload[],
    Map<string, OwnerIndex>
  >();
  private readonly byCanonical = new WeakMap<
    readonly Workload[],
    Map<string, Workload[]>
  >();

  constructor(private readonly nameMapping: NameMappingPolicy) {}

  ownerIndex(
    entities: Entity[],
    workloadsByCluster: Iterable<readonly Workload[]>,
  ): OwnerIndex {
    const clusters = [...workloadsByCluster];
    const fingerprint = entityFingerprint(entities);
    const { annotated, byName } = selectorsOf(entities, this.nameMapping);
    const merged: OwnerIndex = new Map();
    for (const workloads of clusters) {
      let cached = this.byWorkloads.get(workloads);
      if (!cached) {
        cached = new Map();
        this.byWorkloads.set(workloads, cached);
      }
      let index = cached.get(fingerprint);
      if (!index) {
        index = annotatedOwnerIndex(annotated, workloads);
        if (cached.size >= KEPT_PER_CLUSTER)
          cached.delete(cached.keys().next().value!);
        cached.set(fingerprint, index);
      }
      for (const [key, ref] of index) merged.set(key, ref);
    }
    const canonical = clusters.map(workloads => {
      let index = this.byCanonical.get(workloads);
      if (!index) {
        index = canonicalServiceIndex(workloads);
        this.byCanonical.set(workloads, index);
      }
      return index;
    });
    addNameMappedOwners(merged, byName, name =>
      canonical.flatMap(index => index.get(name) ?? []),
    );
    return merged;
  }
}

/** The entities' refs and mapping annotations: what a workload → entity index depends on. */
export function entityFingerprint(entities: Entity[]): string {
  return entities
    .map(
      e =>
        `${stringifyEntityRef(e)}\u0000${JSON.stringify(
          Object.entries(e.metadata.annotations ?? {})
            .filter(([k]) => k.startsWith('backstage.io/kubernetes-'))
            .sort(),
        )}`,
    )
    .sort()
    .join('\u0001');
}
