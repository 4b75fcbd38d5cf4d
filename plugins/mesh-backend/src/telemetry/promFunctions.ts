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
 * rate). Buckets with the same bound are added up; linear interpolation inside the bucket holding
 * the rank; the lowest bucket starts at 0; a rank in the +Inf bucket returns the highest finite
 * bound. NaN without a +Inf bucket or data.
 */
export function histogramQuantile(
  q: number,
  buckets: Array<{ le: number; value: number }>,
): number {
  const sorted: Array<{ le: number; value: number }> = [];
  for (const b of [...buckets].sort((x, y) => x.le - y.le)) {
    const last = sorted[sorted.length - 1];
    // Prometheus' coalesceBuckets: `le="1"` and `le="1.0"` are one bucket.
    if (last?.le === b.le)
      sorted[sorted.length - 1] = { le: b.le, value: last.value + b.value };
    else sorted.push(b);
  }
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

/** A bucket's `le` as Prometheus parses it (Go's ParseFloat: `+Inf`, `Inf`, `inf`, …). */
export function parseBound(le: string): number {
  if (/^[+]?inf(inity)?$/i.test(le)) return Infinity;
  if (/^-inf(inity)?$/i.test(le)) return -Infinity;
  return Number(le);
}

/** The latency quantiles of every edge (p50, p95, p99: the graph's `MeshLatency` fields). */
export const LATENCY_QUANTILES = [0.5, 0.95, 0.99];

/**
 * {@link histogramQuantiles} fed one bucket rate at a time: holds one label set per histogram,
 * not one per bucket (a streamed answer's buckets are dropped as they are added:
 * ../sources/prometheus/vectorStream).
 */
export class Histograms {
  private readonly histograms = new Map<
    string,
    {
      labels: Record<string, string>;
      buckets: Array<{ le: number; value: number }>;
    }
  >();

  constructor(private readonly labels: string[] = LATENCY_LABELS) {}

  add(bucketLabels: Record<string, string>, value: number): void {
    const le = bucketLabels.le;
    if (le === undefined) return;
    const key = this.labels.map(l => bucketLabels[l] ?? '').join('\u0000');
    let h = this.histograms.get(key);
    if (!h) {
      const { le: _le, ...rest } = bucketLabels;
      this.histograms.set(key, (h = { labels: rest, buckets: [] }));
    }
    h.buckets.push({ le: parseBound(le), value });
  }

  quantiles(): Sample[] {
    const out: Sample[] = [];
    for (const h of this.histograms.values()) {
      for (const q of LATENCY_QUANTILES) {
        const value = histogramQuantile(q, h.buckets);
        if (value > 0)
          out.push({ labels: { ...h.labels, quantile: String(q) }, value });
      }
    }
    return out;
  }
}

/**
 * `histogram_quantile(q, rates) > 0` labelled `quantile="q"`, for every q of LATENCY_QUANTILES, from
 * bucket rates already summed by `le` and `labels` (the latency query's `sum by`): one histogram
 * per label set without `le`, as Prometheus groups them. What the per-quantile PromQL returns,
 * computed from a single read of the buckets.
 */
export function histogramQuantiles(
  rates: Sample[],
  labels: string[] = LATENCY_LABELS,
): Sample[] {
  const histograms = new Histograms(labels);
  for (const s of rates) histograms.add(s.labels, s.value);
  return histograms.quantiles();
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
