/* Which inventory workloads stand behind a graph node (several for an app node, none for unknown). */
import { matchesLabels } from '../../kube/labelSelector';
import { Service } from '../../kube/types';
import { Workload } from '../../kube/workloads';
import { GraphNode } from '../types';

export interface WorkloadIndex {
  byKey: Map<string, Workload>;
  all: Workload[];
}

export function indexWorkloads(workloads: Workload[]): WorkloadIndex {
  return {
    byKey: new Map(
      workloads.map(w => [`${w.cluster}/${w.namespace}/${w.name}`, w]),
    ),
    all: workloads,
  };
}

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
    return index.all.filter(
      w =>
        w.cluster === node.cluster &&
        w.namespace === node.namespace &&
        canonicalService(w) === node.app,
    );
  }
  return [];
}

/**
 * Like workloadsOfNode, and for service nodes the workloads their Service selects (a service node
 * appears when requests never reached a workload, e.g. an injected fault).
 */
export function backingWorkloads(
  node: GraphNode,
  index: WorkloadIndex,
  services: Array<Service & { cluster: string }>,
): Workload[] {
  if (node.type !== 'service' || !node.service)
    return workloadsOfNode(node, index);
  const svc = services.find(
    s =>
      s.cluster === node.cluster &&
      s.metadata.namespace === node.namespace &&
      s.metadata.name === node.service,
  );
  const selector = svc?.spec?.selector;
  if (!selector) return [];
  return index.all.filter(
    w =>
      w.cluster === node.cluster &&
      w.namespace === node.namespace &&
      matchesLabels(selector, w.podLabels),
  );
}
