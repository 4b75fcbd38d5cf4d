/* Reads workloads and Services of every cluster in scope, concurrently; a failing cluster becomes an error. */
import { MeshSourceError } from '@mesh-portal/plugin-mesh-common';
import {
  ClusterObjects,
  emptyClusterObjects,
  IstioObject,
  Service,
} from '../kube/types';
import { Workload } from '../kube/workloads';
import { workloadsOf } from '../kube/workloadsCache';
import { ClusterInfo, MeshSources } from '../sources/types';
import { guarded } from './sourceErrors';

export interface Inventory {
  clusters: ClusterInfo[];
  workloads: Workload[];
  services: Array<Service & { cluster: string }>;
  /** Istio and Gateway API objects of every cluster. */
  istioObjects: Array<IstioObject & { cluster: string }>;
  errors: MeshSourceError[];
  /** Per cluster: its objects and workloads (the same arrays while the cluster does not change). */
  byCluster: Map<string, { objects: ClusterObjects; workloads: Workload[] }>;
}

/**
 * The answer when the plugin is installed but no cluster is configured: one typed entry the UI
 * turns into setup guidance, instead of an empty graph that looks like a quiet mesh.
 */
export const notConfigured: MeshSourceError = {
  source: 'inventory',
  errorType: 'NOT_CONFIGURED',
  message:
    'No cluster is configured for the mesh plugin: add clusters to kubernetes.clusterLocatorMethods or mesh.clusters (see the plugin README, "Configuration")',
};

export async function readInventory(
  sources: Pick<MeshSources, 'inventory'>,
): Promise<Inventory> {
  const clusters = sources.inventory.listClusters();
  const results = await Promise.all(
    clusters.map(async c => ({
      cluster: c,
      result: await guarded(
        () => sources.inventory.getClusterObjects(c.name),
        emptyClusterObjects(),
        'inventory',
        c.name,
      ),
    })),
  );
  const inventory: Inventory = {
    clusters,
    workloads: [],
    services: [],
    istioObjects: [],
    errors: clusters.length === 0 ? [{ ...notConfigured }] : [],
    byCluster: new Map(),
  };
  for (const { cluster, result } of results) {
    const workloads = workloadsOf(cluster.name, result.value);
    inventory.byCluster.set(cluster.name, { objects: result.value, workloads });
    inventory.errors.push(...result.errors);
  }
  Object.assign(inventory, unitedObjects(inventory.byCluster));
  return inventory;
}

type United = Pick<Inventory, 'workloads' | 'services' | 'istioObjects'>;
type Parts = Array<{
  name: string;
  objects: ClusterObjects;
  workloads: Workload[];
}>;
let lastUnited: { parts: Parts; united: United } | undefined;

/**
 * Every cluster's workloads, Services and Istio objects in one list each. A list is the previous
 * one while the parts it is made of did not change (inventory sources hand out the same arrays
 * until then: ../sources/kubernetes/assembleObjects), so indexes kept per list
 * (../graph/appenders/workloadsOfNode, Istio validation, the model's graph bases) are reused
 * instead of rebuilt by every request — and a pod replaced keeps the Service and Istio lists. The
 * lists are shared: never change them.
 */
function unitedObjects(byCluster: Inventory['byCluster']): United {
  const parts: Parts = [...byCluster].map(([name, c]) => ({ name, ...c }));
  const previous = lastUnited;
  const same = (part: (p: Parts[number]) => unknown) =>
    !!previous &&
    previous.parts.length === parts.length &&
    previous.parts.every(
      (p, i) => p.name === parts[i].name && part(p) === part(parts[i]),
    );
  const united: United = {
    workloads: same(p => p.workloads)
      ? previous!.united.workloads
      : parts.flatMap(p => p.workloads),
    services: same(p => p.objects.services)
      ? previous!.united.services
      : parts.flatMap(p =>
          p.objects.services.map(s => ({ ...s, cluster: p.name })),
        ),
    istioObjects: same(p => p.objects.istio)
      ? previous!.united.istioObjects
      : parts.flatMap(p =>
          p.objects.istio.map(o => ({ ...o, cluster: p.name })),
        ),
  };
  lastUnited = { parts, united };
  return united;
}

const serviceEntryLists = new WeakMap<
  Inventory['istioObjects'],
  Inventory['istioObjects']
>();

/** The inventory's ServiceEntries: one list per list of Istio objects (the same while no cluster changed). */
export function serviceEntriesOf(
  inventory: Inventory,
): Inventory['istioObjects'] {
  const objects = inventory.istioObjects;
  let entries = serviceEntryLists.get(objects);
  if (!entries) {
    entries = objects.filter(o => o.kind === 'ServiceEntry');
    serviceEntryLists.set(objects, entries);
  }
  return entries;
}
