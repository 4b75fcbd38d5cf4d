/* The Istio canonical service of a workload, as Istio reads it from the pod labels (./mapEntity), and workloads by it. */
import { Workload } from '../kube/workloads';

/** Pod labels that name a workload's Istio canonical service, strongest first (Istio's order). */
export const CANONICAL_SERVICE_LABELS = [
  'service.istio.io/canonical-name',
  'app.kubernetes.io/name',
  'app',
];

export function canonicalServiceOf(
  podLabels: Record<string, string>,
): string | undefined {
  for (const label of CANONICAL_SERVICE_LABELS)
    if (podLabels[label]) return podLabels[label];
  return undefined;
}

/** Workloads by canonical service name. */
export function canonicalServiceIndex(
  workloads: readonly Workload[],
): Map<string, Workload[]> {
  const index = new Map<string, Workload[]>();
  for (const w of workloads) {
    const name = canonicalServiceOf(w.podLabels);
    if (name === undefined) continue;
    const list = index.get(name);
    if (list) list.push(w);
    else index.set(name, [w]);
  }
  return index;
}
