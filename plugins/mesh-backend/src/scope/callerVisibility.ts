/*
 * Which workloads a caller may see named (README "Access control"): a workload claimed by ANY
 * entity that is not visible to the caller stays hidden, whatever else claims it (fail closed: a
 * readable entity whose selector also matches a hidden service's workloads cannot un-hide them).
 * The mapped entities are read with the plugin's own credentials for this (./ServiceEntities) and
 * never returned.
 */
import { Entity, stringifyEntityRef } from '@backstage/catalog-model';
import { MeshSourceError } from '@mesh-portal/plugin-mesh-common';
import { OwnerIndexCache } from '../mapping/OwnerIndexCache';
import { Inventory } from '../service/readInventory';
import { toSourceError } from '../service/sourceErrors';
import {
  claimedWorkloads,
  NOTHING_HIDDEN,
  onlyCallerOwned,
} from './ownedWorkloads';
import type { CallerScope, CallerView } from './scopeTypes';
import { ServiceEntities } from './ServiceEntities';

/** The workloads of every cluster of the inventory. */
export const clustersOf = (inventory: Inventory) =>
  [...inventory.byCluster.values()].map(c => c.workloads);

export async function callerVisibility(
  view: CallerView,
  inventory: Inventory,
  errors: MeshSourceError[],
  {
    owners,
    serviceEntities,
  }: {
    owners: OwnerIndexCache;
    serviceEntities?: ServiceEntities;
  },
): Promise<CallerScope> {
  const clusters = clustersOf(inventory);
  if (view.failed)
    return {
      visibility: onlyCallerOwned(new Map(), clusters),
      restrictUnresolved: true,
      hiddenEntities: [],
    };
  let hiddenEntities: Entity[] = view.withheld;
  if (view.decidedFrom) {
    // The read the view was decided from: what is not visible in it is hidden.
    const visible = new Set(view.visible);
    hiddenEntities = view.decidedFrom.filter(e => !visible.has(e));
  } else if (serviceEntities) {
    const visibleRefs = new Set(view.visible.map(e => stringifyEntityRef(e)));
    try {
      hiddenEntities = (await serviceEntities.mappedEntities()).filter(
        e => !visibleRefs.has(stringifyEntityRef(e)),
      );
    } catch (error) {
      const cause = toSourceError(error, 'catalog');
      errors.push({
        ...cause,
        message: `Cannot tell which workloads belong to entities you may not read, so only workloads of entities you can read are named: ${cause.message}`,
      });
      return {
        visibility: onlyCallerOwned(
          owners.ownerIndex(view.visible, clusters),
          clusters,
        ),
        restrictUnresolved: true,
        hiddenEntities: view.withheld,
      };
    }
  }
  if (hiddenEntities.length === 0)
    return {
      visibility: NOTHING_HIDDEN,
      restrictUnresolved: false,
      hiddenEntities,
    };
  return {
    visibility: claimedWorkloads(owners.ownerIndex(hiddenEntities, clusters)),
    restrictUnresolved: inventory.errors.length > 0,
    hiddenEntities,
  };
}
