/*
 * Which mapped entities claim each workload — every claimant, not only the owner — built from the
 * entities the plugin reads with its own credentials (./ServiceEntities, never returned). With it
 * a request asks the catalog and the permission service only about the entities its answer
 * touches (./answerScope): a workload is hidden when any claimant is not visible to the caller,
 * and is linked to the first visible claimant in ../mapping/ownerIndex's order (annotated entities
 * by ref, then name-mapped ones). Selectors are matched through a label index
 * (../mapping/workloadLabelIndex), so a rebuild costs what the claims hold rather than entities ×
 * workloads; rebuilt only when the entities' mapping
 * annotations or a cluster's workloads change.
 */
import { Entity, stringifyEntityRef } from '@backstage/catalog-model';
import { Workload } from '../kube/workloads';
import { mapWorkloads, workloadKey } from '../mapping/mapEntity';
import { NameMappingPolicy } from '../mapping/nameMapping';
import { selectorsOf } from '../mapping/ownerIndex';

interface Claimants {
  annotated: string[];
  byName: string[];
}

export class WorkloadClaims {
  private readonly claims = new Map<string, Claimants>();
  private readonly byRef = new Map<string, Entity>();

  constructor(
    entities: Entity[],
    clusters: ReadonlyArray<readonly Workload[]>,
    nameMapping: NameMappingPolicy,
  ) {
    for (const e of entities) this.byRef.set(stringifyEntityRef(e), e);
    const { annotated, byName } = selectorsOf(entities, nameMapping);
    const claim = (w: Workload, ref: string, kind: keyof Claimants) => {
      const key = workloadKey(w);
      let c = this.claims.get(key);
      if (!c) this.claims.set(key, (c = { annotated: [], byName: [] }));
      if (c[kind][c[kind].length - 1] !== ref) c[kind].push(ref);
    };
    // Per cluster, as ../mapping/ownerIndex does (the kubernetes-id fallback is decided per
    // cluster); mapWorkloads looks selectors up in a label index of each list.
    for (const { ref, selector } of annotated)
      for (const workloads of clusters)
        for (const w of mapWorkloads(selector, workloads).workloads)
          claim(w, ref, 'annotated');
    // Whether a name is ambiguous depends on every cluster.
    const all = clusters.flat();
    for (const { ref, selector } of byName)
      for (const w of mapWorkloads(selector, all).workloads)
        claim(w, ref, 'byName');
  }

  /** Every entity that claims the workload (`cluster/namespace/name`). */
  claimants(key: string): string[] {
    const c = this.claims.get(key);
    return c ? [...c.annotated, ...c.byName] : [];
  }

  /** The claimant a node of this workload links to, among those the caller may see. */
  owner(key: string, visible: (ref: string) => boolean): string | undefined {
    const c = this.claims.get(key);
    if (!c) return undefined;
    return c.annotated.find(visible) ?? c.byName.find(visible);
  }

  /** A mapped entity as the plugin read it (for membership of Systems and Groups, never returned). */
  entity(ref: string): Entity | undefined {
    return this.byRef.get(ref);
  }

  get entities(): Entity[] {
    return [...this.byRef.values()];
  }
}
