/*
 * The two PromQL operations the graph needs, implemented exactly as Prometheus does, so the demo
 * (which computes from its own series) and Prometheus-backed sources produce identical samples.
 */
import { Sample } from '../sources/types';
import { withRoom } from './typedArrays';

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

/** One bucket of a histogram: its upper bound and its cumulative rate. */
type Bucket = { le: number; value: number };

/**
 * Prometheus' `histogram_quantile(q, …)` over one histogram's bucket rates (`le` → cumulative
 * rate). Buckets with the same bound are added up; linear interpolation inside the bucket holding
 * the rank; the lowest bucket starts at 0; a rank in the +Inf bucket returns the highest finite
 * bound. NaN without a +Inf bucket or data.
 */
export function histogramQuantile(q: number, buckets: Bucket[]): number {
  return quantileOfSorted(q, sortedBuckets(buckets));
}

/**
 * A histogram's buckets as {@link histogramQuantile} reads them: by bound, equal bounds added up,
 * counts made monotonic; undefined when it has no quantile (no +Inf bucket, no data).
 */
function sortedBuckets(buckets: Bucket[]): Bucket[] | undefined {
  const sorted: Bucket[] = [];
  for (const b of [...buckets].sort((x, y) => x.le - y.le)) {
    const last = sorted[sorted.length - 1];
    // Prometheus' coalesceBuckets: `le="1"` and `le="1.0"` are one bucket.
    if (last?.le === b.le)
      sorted[sorted.length - 1] = { le: b.le, value: last.value + b.value };
    else sorted.push(b);
  }
  if (sorted.length < 2 || sorted[sorted.length - 1].le !== Infinity)
    return undefined;
  // Prometheus makes bucket counts monotonic before interpolating (float noise across series).
  for (let i = 1; i < sorted.length; i++) {
    if (sorted[i].value < sorted[i - 1].value)
      sorted[i] = { ...sorted[i], value: sorted[i - 1].value };
  }
  return sorted[sorted.length - 1].value > 0 ? sorted : undefined;
}

function quantileOfSorted(q: number, sorted: Bucket[] | undefined): number {
  if (!sorted) return NaN;
  const total = sorted[sorted.length - 1].value;
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

/** Buckets in the order added: the histogram each belongs to, its bound and its rate. */
class BucketColumns {
  private owners = new Uint32Array(1024);
  private bounds = new Float64Array(1024);
  private rates = new Float64Array(1024);
  private count = 0;

  add(owner: number, bound: number, rate: number) {
    this.owners = withRoom(this.owners, this.count + 1);
    this.bounds = withRoom(this.bounds, this.count + 1);
    this.rates = withRoom(this.rates, this.count + 1);
    this.owners[this.count] = owner;
    this.bounds[this.count] = bound;
    this.rates[this.count++] = rate;
  }

  /** Calls `each` with every histogram's buckets (in the order added), histogram by histogram. */
  byHistogram(
    histograms: number,
    each: (h: number, buckets: Bucket[]) => void,
  ) {
    // Counting sort by owner: where each histogram's buckets start, then their positions.
    const starts = new Uint32Array(histograms + 1);
    for (let i = 0; i < this.count; i++) starts[this.owners[i] + 1]++;
    for (let h = 0; h < histograms; h++) starts[h + 1] += starts[h];
    const order = new Uint32Array(this.count);
    const next = starts.slice(0, histograms);
    for (let i = 0; i < this.count; i++) order[next[this.owners[i]]++] = i;
    for (let h = 0; h < histograms; h++) {
      const buckets: Bucket[] = [];
      for (let at = starts[h]; at < starts[h + 1]; at++)
        buckets.push({
          le: this.bounds[order[at]],
          value: this.rates[order[at]],
        });
      each(h, buckets);
    }
  }
}

/**
 * {@link histogramQuantiles} fed one bucket rate at a time: holds one label set per histogram,
 * not one per bucket (a streamed answer's buckets are dropped as they are added:
 * ../sources/prometheus/vectorStream), and each bucket as three numbers in typed arrays: at
 * 25,000 edges the latency answer's ~500,000 buckets held as objects were most of the worker's
 * heap during a decode (docs/design-decisions.md, "Work off the event loop").
 */
export class Histograms {
  private readonly index = new Map<string, number>();
  private readonly labelSets: Array<Record<string, string>> = [];
  private readonly buckets = new BucketColumns();

  constructor(private readonly labels: string[] = LATENCY_LABELS) {}

  add(bucketLabels: Record<string, string>, value: number): void {
    const le = bucketLabels.le;
    if (le === undefined) return;
    const key = this.labels.map(l => bucketLabels[l] ?? '').join('\u0000');
    let h = this.index.get(key);
    if (h === undefined) {
      const { le: _le, ...rest } = bucketLabels;
      this.index.set(key, (h = this.labelSets.length));
      this.labelSets.push(rest);
    }
    this.buckets.add(h, parseBound(le), value);
  }

  quantiles(): Sample[] {
    const out: Sample[] = [];
    this.buckets.byHistogram(this.labelSets.length, (h, buckets) => {
      const sorted = sortedBuckets(buckets);
      for (const q of LATENCY_QUANTILES) {
        const value = quantileOfSorted(q, sorted);
        if (value > 0)
          out.push({
            labels: { ...this.labelSets[h], quantile: String(q) },
            value,
          });
      }
    });
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
