/*
 * Which workloads are owned by catalog entities the caller may not see (./ScopeResolver decides
 * which entities those are). A workload is hidden when any such entity claims it, even if a
 * visible entity claims it too. Workloads no entity claims (gateways, infrastructure, clients
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

/**
 * Workloads claimed by entities the caller may not see (`hiddenOwners`, an owner index built from
 * those entities only) are hidden, whatever visible entity also claims them: fail closed.
 */
export function claimedWorkloads(hiddenOwners: OwnerIndex): WorkloadVisibility {
  const hidden = new Set(hiddenOwners.keys());
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
