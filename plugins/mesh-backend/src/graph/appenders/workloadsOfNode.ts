/* Which inventory workloads stand behind a graph node (several for an app node, none for unknown). */
import { matchesLabels } from '../../kube/labelSelector';
import { Service } from '../../kube/types';
import { Workload } from '../../kube/workloads';
import { GraphNode } from '../types';

export interface WorkloadIndex {
  byKey: Map<string, Workload>;
  all: Workload[];
  /** Workloads by `cluster/namespace`: an app or Service node only looks at its own namespace. */
  byNamespace: Map<string, Workload[]>;
}

/** Indexes are kept per workload list (the same list while the inventory does not change). */
const indexes = new WeakMap<Workload[], WorkloadIndex>();

export function indexWorkloads(workloads: Workload[]): WorkloadIndex {
  let index = indexes.get(workloads);
  if (index) return index;
  const byNamespace = new Map<string, Workload[]>();
  for (const w of workloads) {
    const key = `${w.cluster}/${w.namespace}`;
    const list = byNamespace.get(key);
    if (list) list.push(w);
    else byNamespace.set(key, [w]);
  }
  index = {
    byKey: new Map(
      workloads.map(w => [`${w.cluster}/${w.namespace}/${w.name}`, w]),
    ),
    all: workloads,
    byNamespace,
  };
  indexes.set(workloads, index);
  return index;
}

const inNamespace = (
  index: WorkloadIndex,
  cluster: string,
  namespace: string,
) => index.byNamespace.get(`${cluster}/${namespace}`) ?? [];

export function canonicalService(w: Workload): string {
  return (
    w.podLabels['service.istio.io/canonical-name'] ?? w.podLabels.app ?? w.name
  );
}

export function workloadsOfNode(
  node: GraphNode,
  index: WorkloadIndex,
): Workload[] {
  if (node.workload) {
    const w = index.byKey.get(
      `${node.cluster}/${node.namespace}/${node.workload}`,
    );
    return w ? [w] : [];
  }
  if (node.type === 'app' && node.app) {
    return inNamespace(index, node.cluster, node.namespace).filter(
      w => canonicalService(w) === node.app,
    );
  }
  return [];
}

type ClusterService = Service & { cluster: string };

/** Services by `cluster/namespace/name`, kept per Service list. */
const serviceIndexes = new WeakMap<
  ClusterService[],
  Map<string, ClusterService>
>();

function serviceNamed(
  services: ClusterService[],
  cluster: string,
  namespace: string,
  name: string,
): ClusterService | undefined {
  let index = serviceIndexes.get(services);
  if (!index) {
    index = new Map();
    // The first of duplicates wins, as `find` would.
    for (const s of [...services].reverse())
      index.set(`${s.cluster}/${s.metadata.namespace}/${s.metadata.name}`, s);
    serviceIndexes.set(services, index);
  }
  return index.get(`${cluster}/${namespace}/${name}`);
}

/**
 * Like workloadsOfNode, and for service nodes the workloads their Service selects (a service node
 * appears when requests never reached a workload, e.g. an injected fault).
 */
export function backingWorkloads(
  node: GraphNode,
  index: WorkloadIndex,
  services: ClusterService[],
): Workload[] {
  if (node.type !== 'service' || !node.service)
    return workloadsOfNode(node, index);
  const svc = serviceNamed(
    services,
    node.cluster,
    node.namespace,
    node.service,
  );
  const selector = svc?.spec?.selector;
  if (!selector) return [];
  return inNamespace(index, node.cluster, node.namespace).filter(w =>
    matchesLabels(selector, w.podLabels),
  );
}
