/*
 * Which mapped entities claim each workload — every claimant, not only the owner — built from the
 * entities the plugin reads with its own credentials (./ServiceEntities, never returned). With it
 * a request asks the catalog and the permission service only about the entities its answer
 * touches (./answerScope): a workload is hidden when any claimant is not visible to the caller,
 * and is linked to the first visible claimant in ../mapping/ownerIndex's order (annotated entities
 * by ref, then name-mapped ones). Selectors are matched through a label index, so a rebuild costs
 * what the claims hold rather than entities × workloads; rebuilt only when the entities' mapping
 * annotations or a cluster's workloads change.
 */
import { Entity, stringifyEntityRef } from '@backstage/catalog-model';
import { Workload } from '../kube/workloads';
import { EntitySelector } from '../mapping/entitySelector';
import { mapWorkloads, workloadKey } from '../mapping/mapEntity';
import { NameMappingPolicy } from '../mapping/nameMapping';
import { canonicalServiceIndex, selectorsOf } from '../mapping/ownerIndex';

interface Claimants {
  annotated: string[];
  byName: string[];
}

interface ClusterIndex {
  byLabel: Map<string, Workload[]>;
  byCanonical: Map<string, Workload[]>;
}

const clusterIndexes = new WeakMap<readonly Workload[], ClusterIndex>();
const label = (key: string, value: string) => `${key}\u0000${value}`;

function clusterIndex(workloads: readonly Workload[]): ClusterIndex {
  let index = clusterIndexes.get(workloads);
  if (index) return index;
  const byLabel = new Map<string, Workload[]>();
  for (const w of workloads) {
    const pairs = new Set(
      [...Object.entries(w.labels), ...Object.entries(w.podLabels)].map(
        ([k, v]) => label(k, v),
      ),
    );
    // By label, and by namespace and label (most entities name their namespace).
    for (const key of [...pairs].flatMap(p => [p, `${w.namespace}/${p}`])) {
      const list = byLabel.get(key);
      if (list) list.push(w);
      else byLabel.set(key, [w]);
    }
  }
  index = { byLabel, byCanonical: canonicalServiceIndex(workloads) };
  clusterIndexes.set(workloads, index);
  return index;
}

/**
 * A superset of what the selector can match in the cluster: the workloads carrying one value of
 * its first `in` requirement (in its namespace, when it names one), plus its `kubernetes-id` fallback by canonical service; all of them
 * when it has no `in` requirement.
 */
function candidates(
  selector: EntitySelector,
  workloads: readonly Workload[],
  index: ClusterIndex,
): readonly Workload[] {
  const requirement = selector.selector.find(r => r.op === 'in');
  if (!requirement || !('values' in requirement)) return workloads;
  const found = new Set<Workload>();
  const scope = selector.namespace ? `${selector.namespace}/` : '';
  for (const value of requirement.values)
    for (const w of index.byLabel.get(scope + label(requirement.key, value)) ??
      [])
      found.add(w);
  if (selector.kubernetesId !== undefined)
    for (const w of index.byCanonical.get(selector.kubernetesId) ?? [])
      found.add(w);
  return [...found];
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
    const indexes = clusters.map(workloads => ({
      workloads,
      index: clusterIndex(workloads),
    }));
    // Per cluster, as ../mapping/ownerIndex does (the kubernetes-id fallback is decided per cluster).
    for (const { ref, selector } of annotated)
      for (const { workloads, index } of indexes)
        for (const w of mapWorkloads(
          selector,
          candidates(selector, workloads, index),
        ).workloads)
          claim(w, ref, 'annotated');
    // Whether a name is ambiguous depends on every cluster.
    for (const { ref, selector } of byName) {
      const named = indexes.flatMap(
        ({ index }) => index.byCanonical.get(selector.canonicalService!) ?? [],
      );
      for (const w of mapWorkloads(selector, named).workloads)
        claim(w, ref, 'byName');
    }
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
