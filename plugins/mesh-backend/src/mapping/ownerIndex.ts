/*
 * Reverse mapping workload → owning entity, for linking graph nodes to the catalog. A workload two
 * entities claim goes to the first by entity ref, so the result does not depend on catalog order.
 */
import { Entity, stringifyEntityRef } from '@backstage/catalog-model';
import { Workload } from '../kube/workloads';
import { OwnerIndex } from '../graph/appenders/linkEntities';
import { entityWorkloadSelector } from './entitySelector';
import { selectWorkloads, workloadKey } from './mapEntity';

export function buildOwnerIndex(
  entities: Entity[],
  workloads: Workload[],
): OwnerIndex {
  const index: OwnerIndex = new Map();
  const sorted = entities
    .map(e => ({ ref: stringifyEntityRef(e), entity: e }))
    .sort((a, b) => a.ref.localeCompare(b.ref));
  for (const { ref, entity } of sorted) {
    const result = entityWorkloadSelector(entity);
    if (!('ok' in result)) continue;
    for (const w of selectWorkloads(result.ok, workloads)) {
      const key = workloadKey(w);
      if (!index.has(key)) index.set(key, ref);
    }
  }
  return index;
}
