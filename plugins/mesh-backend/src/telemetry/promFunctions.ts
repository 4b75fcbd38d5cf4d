/*
 * The two PromQL operations the graph needs, implemented exactly as Prometheus does, so the demo
 * (which computes from its own series) and Prometheus-backed sources produce identical samples.
 */
import { Sample } from '../sources/types';

/** `sum by (labels) (…)`: keeps only the named labels and adds up values per label set. */
export function sumBy(samples: Sample[], labels: string[]): Sample[] {
  const groups = new Map<string, Sample>();
  for (const s of samples) {
    const kept: Record<string, string> = {};
    for (const l of labels)
      if (s.labels[l] !== undefined && s.labels[l] !== '')
        kept[l] = s.labels[l];
    const key = JSON.stringify(labels.map(l => kept[l] ?? ''));
    const g = groups.get(key);
    if (g) g.value += s.value;
    else groups.set(key, { labels: kept, value: s.value });
  }
  return [...groups.values()];
}

/** `sum without (labels) (…)`. */
export function sumWithout(samples: Sample[], drop: string[]): Sample[] {
  const names = new Set<string>();
  for (const s of samples)
    for (const l of Object.keys(s.labels)) if (!drop.includes(l)) names.add(l);
  return sumBy(samples, [...names].sort());
}

/**
 * Prometheus' `histogram_quantile(q, …)` over one histogram's bucket rates (`le` → cumulative
 * rate). Linear interpolation inside the bucket holding the rank; the lowest bucket starts at 0;
 * a rank in the +Inf bucket returns the highest finite bound. NaN without a +Inf bucket or data.
 */
export function histogramQuantile(
  q: number,
  buckets: Array<{ le: number; value: number }>,
): number {
  const sorted = [...buckets].sort((a, b) => a.le - b.le);
  if (sorted.length < 2 || sorted[sorted.length - 1].le !== Infinity)
    return NaN;
  // Prometheus makes bucket counts monotonic before interpolating (float noise across series).
  for (let i = 1; i < sorted.length; i++) {
    if (sorted[i].value < sorted[i - 1].value)
      sorted[i] = { ...sorted[i], value: sorted[i - 1].value };
  }
  const total = sorted[sorted.length - 1].value;
  if (!(total > 0)) return NaN;
  if (q < 0) return -Infinity;
  if (q > 1) return Infinity;
  const rank = q * total;
  const i = sorted.findIndex(b => b.value >= rank);
  if (i === sorted.length - 1) return sorted[sorted.length - 2].le;
  if (i === 0 && sorted[0].le <= 0) return sorted[0].le;
  const lowerBound = i === 0 ? 0 : sorted[i - 1].le;
  const lowerCount = i === 0 ? 0 : sorted[i - 1].value;
  const upper = sorted[i];
  if (upper.value === lowerCount) return upper.le;
  return (
    lowerBound +
    (upper.le - lowerBound) * ((rank - lowerCount) / (upper.value - lowerCount))
  );
}

/** Labels that identify an edge and its response; the demo and Prometheus sources aggregate by these. */
export const EDGE_LABELS = [
  'source_cluster',
  'source_workload_namespace',
  'source_workload',
  'source_canonical_service',
  'source_canonical_revision',
  'destination_cluster',
  'destination_service_namespace',
  'destination_service',
  'destination_service_name',
  'destination_workload_namespace',
  'destination_workload',
  'destination_canonical_service',
  'destination_canonical_revision',
];

/** Kiali's 17 group-by labels for request traffic, plus reporter and the mTLS label we also need. */
export const REQUEST_LABELS = [
  ...EDGE_LABELS,
  'request_protocol',
  'response_code',
  'grpc_response_status',
  'response_flags',
  'reporter',
  'connection_security_policy',
];

/** TCP traffic labels (Kiali adds `app` to tell ztunnel's series apart). */
export const TCP_LABELS = [
  ...EDGE_LABELS,
  'response_flags',
  'reporter',
  'connection_security_policy',
  'app',
];

/** Latency is aggregated per edge and reporter, without response labels. */
export const LATENCY_LABELS = [...EDGE_LABELS, 'request_protocol', 'reporter'];
