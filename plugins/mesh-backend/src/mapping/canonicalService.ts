/* The Istio canonical service of a workload, as Istio reads it from the pod labels (./mapEntity). */

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
