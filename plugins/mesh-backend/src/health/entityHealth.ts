/*
 * An entity's health: its workloads (request health and replica status), its apps (request health
 * and each of their workloads, Kiali §3.2) and the Services selecting its workloads (inbound
 * requests, including those a client proxy answered itself). The Health tab, the overview cards,
 * the team and /mesh tables and the entity nodes of the rollup graphs all read this one function,
 * so one entity has one verdict per window wherever it is shown.
 */
import {
  evaluateWorkloadStatus,
  mergeHealth,
  MeshHealth,
  MeshHealthItem,
} from '@mesh-portal/plugin-mesh-common';
import { matchesLabels } from '../kube/labelSelector';
import { Service } from '../kube/types';
import { Workload } from '../kube/workloads';
import { canonicalService } from '../graph/appenders/workloadsOfNode';
import { ObjectHealth } from './objectHealth';

const NO_DATA: MeshHealth = { status: 'no-data', reasons: [] };

export interface EntityHealth {
  health: MeshHealth;
  items: MeshHealthItem[];
}

type ClusterService = Service & { cluster: string };

/** Services by cluster and namespace, per list (the inventory's stays the same while no cluster changes). */
const servicesByNamespace = new WeakMap<
  ClusterService[],
  Map<string, ClusterService[]>
>();

/**
 * The Services in the workloads' namespaces, in list order: the overview asks for the health of
 * every entity, and scanning every Service of the mesh for each cost 25 million checks at 5,000.
 */
function servicesNear(
  services: ClusterService[],
  workloads: Workload[],
): ClusterService[] {
  let index = servicesByNamespace.get(services);
  if (!index) {
    index = new Map();
    for (const s of services) {
      const key = `${s.cluster}/${s.metadata.namespace}`;
      const list = index.get(key);
      if (list) list.push(s);
      else index.set(key, [s]);
    }
    servicesByNamespace.set(services, index);
  }
  const namespaces = new Set(workloads.map(w => `${w.cluster}/${w.namespace}`));
  if (namespaces.size === 1) return index.get([...namespaces][0]) ?? [];
  const near = new Set([...namespaces].flatMap(key => index!.get(key) ?? []));
  return services.filter(s => near.has(s));
}

export function entityHealth(
  workloads: Workload[],
  services: Array<Service & { cluster: string }>,
  objects: ObjectHealth,
): EntityHealth {
  const workloadItems = workloads.map((w): MeshHealthItem => {
    const object = {
      kind: 'workload' as const,
      cluster: w.cluster,
      namespace: w.namespace,
      name: w.name,
    };
    return {
      ...object,
      // The same merge, in the same order, as a workload node of the graph.
      health: mergeHealth(
        mergeHealth(NO_DATA, evaluateWorkloadStatus(w.name, w)),
        objects.health(object),
      ),
      requests: objects.requests(object),
      replicas: {
        desired: w.desired,
        current: w.current,
        available: w.available,
      },
      dataplane: w.dataplane,
    };
  });

  const apps = new Map<string, Workload[]>();
  for (const w of workloads) {
    const key = `${w.cluster}/${w.namespace}/${canonicalService(w)}`;
    apps.set(key, [...(apps.get(key) ?? []), w]);
  }
  const appItems = [...apps.values()].map((members): MeshHealthItem => {
    const [first] = members;
    const object = {
      kind: 'app' as const,
      cluster: first.cluster,
      namespace: first.namespace,
      name: canonicalService(first),
    };
    const own = objects.health(object);
    const memberItems = workloadItems.filter(i =>
      members.some(
        w =>
          w.cluster === i.cluster &&
          w.name === i.name &&
          w.namespace === i.namespace,
      ),
    );
    // The status is the worst of the app's requests and its workloads; a reason already given on a
    // workload row (same share of the same traffic) is not repeated on the app row.
    const shown = new Set(memberItems.flatMap(i => i.health.reasons));
    let health: MeshHealth = {
      ...own,
      reasons: own.reasons.filter(r => !shown.has(r)),
    };
    for (const item of memberItems)
      health = {
        ...mergeHealth(health, { ...item.health, reasons: [] }),
        reasons: health.reasons,
      };
    return { ...object, health, requests: objects.requests(object) };
  });

  const serviceItems = servicesNear(services, workloads)
    .filter(s => {
      const selector = s.spec?.selector;
      return (
        selector &&
        Object.keys(selector).length > 0 &&
        workloads.some(
          w =>
            w.cluster === s.cluster &&
            w.namespace === s.metadata.namespace &&
            matchesLabels(selector, w.podLabels),
        )
      );
    })
    .map((s): MeshHealthItem => {
      const object = {
        kind: 'service' as const,
        cluster: s.cluster,
        namespace: s.metadata.namespace ?? 'default',
        name: s.metadata.name,
      };
      return {
        ...object,
        health: objects.health(object),
        requests: { inbound: objects.requests(object).inbound, outbound: {} },
      };
    });

  const items = [...workloadItems, ...appItems, ...serviceItems];
  return { health: overall(items), items };
}

const KIND_LABEL = { workload: 'Workload', app: 'App', service: 'Service' };

/** The worst status of all items; each reason once, saying which object it is about. */
function overall(items: MeshHealthItem[]): MeshHealth {
  let health = NO_DATA;
  for (const item of items)
    health = mergeHealth(health, {
      ...item.health,
      reasons: item.health.reasons.map(r =>
        r.startsWith(`${item.name}:`)
          ? `${KIND_LABEL[item.kind]} ${r}`
          : `${KIND_LABEL[item.kind]} ${item.name}: ${r}`,
      ),
    });
  return { ...health, reasons: [...new Set(health.reasons)] };
}
