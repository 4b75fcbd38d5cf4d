/*
 * Reverse mapping workload → owning entity, for linking graph nodes to the catalog. A workload two
 * entities claim goes to the first by entity ref, so the result does not depend on catalog order.
 * Annotated entities claim first; entities mapped by name (./nameMapping) only get workloads no
 * annotated entity claims, and nothing when their name is ambiguous (./mapEntity).
 */
import { Entity, stringifyEntityRef } from '@backstage/catalog-model';
import { Workload } from '../kube/workloads';
import { OwnerIndex } from '../graph/appenders/linkEntities';
import { EntitySelector, entityWorkloadSelector } from './entitySelector';
import { canonicalServiceIndex } from './canonicalService';
import { mapWorkloads, workloadKey } from './mapEntity';
import { NameMappingPolicy } from './nameMapping';

interface SelectedEntity {
  ref: string;
  selector: EntitySelector;
}

/** Entities with a usable selector, sorted by ref, split into annotated and name-mapped ones. */
export function selectorsOf(
  entities: Entity[],
  nameMapping: NameMappingPolicy,
): { annotated: SelectedEntity[]; byName: SelectedEntity[] } {
  const annotated: SelectedEntity[] = [];
  const byName: SelectedEntity[] = [];
  const sorted = entities
    .map(e => ({ ref: stringifyEntityRef(e), entity: e }))
    .sort((a, b) => a.ref.localeCompare(b.ref));
  for (const { ref, entity } of sorted) {
    const result = entityWorkloadSelector(entity, nameMapping);
    if (!('ok' in result)) continue;
    (result.ok.canonicalService === undefined ? annotated : byName).push({
      ref,
      selector: result.ok,
    });
  }
  return { annotated, byName };
}

/** Workloads claimed by annotated entities (per cluster: the cacheable part). */
export function annotatedOwnerIndex(
  annotated: SelectedEntity[],
  workloads: readonly Workload[],
): OwnerIndex {
  const index: OwnerIndex = new Map();
  for (const { ref, selector } of annotated) {
    for (const w of mapWorkloads(selector, workloads).workloads) {
      const key = workloadKey(w);
      if (!index.has(key)) index.set(key, ref);
    }
  }
  return index;
}

/** Adds name-mapped entities' workloads that no one claims yet; `candidates(name)` are the workloads of that canonical service in every cluster. */
export function addNameMappedOwners(
  index: OwnerIndex,
  byName: SelectedEntity[],
  candidates: (canonicalService: string) => Workload[],
): void {
  for (const { ref, selector } of byName) {
    const mapping = mapWorkloads(
      selector,
      candidates(selector.canonicalService!),
    );
    for (const w of mapping.workloads) {
      const key = workloadKey(w);
      if (!index.has(key)) index.set(key, ref);
    }
  }
}

export function buildOwnerIndex(
  entities: Entity[],
  workloads: Workload[],
  nameMapping: NameMappingPolicy,
): OwnerIndex {
  const { annotated, byName } = selectorsOf(entities, nameMapping);
  const index = annotatedOwnerIndex(annotated, workloads);
  const byCanonical = canonicalServiceIndex(workloads);
  addNameMappedOwners(index, byName, name => byCanonical.get(name) ?? []);
  return index;
}
