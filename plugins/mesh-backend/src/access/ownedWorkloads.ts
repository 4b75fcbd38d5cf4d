/*
 * Which workloads are owned by catalog entities the caller may not read. Two owner indexes are
 * compared: one built from every mapped entity (read with the plugin's own service credentials)
 * and one built from the entities the caller can read (read with the caller's credentials, so the
 * catalog's permission policy decides). A workload is hidden when some entity claims it and no
 * entity the caller can read does. Workloads no entity claims (gateways, infrastructure, clients
 * outside the catalog) are not covered by any catalog policy and stay visible.
 */
import { OwnerIndex } from '../graph/appenders/linkEntities';
import { Workload } from '../kube/workloads';
import { workloadKey } from '../mapping/mapEntity';

export interface WorkloadVisibility {
  /** `cluster/namespace/name` of a workload (mapping/mapEntity's workloadKey). */
  isHidden(workloadKey: string): boolean;
  /** How many workloads are hidden (0: nothing to withhold). */
  readonly hiddenCount: number;
}

export const NOTHING_HIDDEN: WorkloadVisibility = {
  isHidden: () => false,
  hiddenCount: 0,
};

export function workloadVisibility(
  allOwners: OwnerIndex,
  callerOwners: OwnerIndex,
): WorkloadVisibility {
  const hidden = new Set(
    [...allOwners.keys()].filter(key => !callerOwners.has(key)),
  );
  return { isHidden: key => hidden.has(key), hiddenCount: hidden.size };
}

/**
 * When the plugin cannot read the whole catalog it cannot tell unowned workloads from hidden ones,
 * so it fails closed: only workloads of entities the caller can read keep their names.
 */
export function onlyCallerOwned(
  callerOwners: OwnerIndex,
  workloadsByCluster: Iterable<readonly Workload[]>,
): WorkloadVisibility {
  const hidden = new Set<string>();
  for (const workloads of workloadsByCluster) {
    for (const w of workloads)
      if (!callerOwners.has(workloadKey(w))) hidden.add(workloadKey(w));
  }
  return { isHidden: key => hidden.has(key), hiddenCount: hidden.size };
}
