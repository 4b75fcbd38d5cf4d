/*
 * A telemetry store behind the mesh model (./TrafficModel): traffic reads for a canonical window
 * at the current time are answered from the model, at once, saying how old the data is (or that
 * the model is still warming up, however long a first refresh takes; only when refreshes fail
 * before any succeeded do requests read the store themselves); other windows, past times and range series query the store on
 * demand — coalesced by its query cache and bounded here to a few distinct reads at a time, so a
 * burst of unusual windows cannot pile mesh-wide queries onto Prometheus.
 */
import {
  emptySnapshot,
  SeriesQuery,
  SourceResult,
  TelemetrySource,
  TrafficQuery,
  TrafficResult,
  TrafficSeries,
  TrafficSnapshot,
} from '../types';
import { sampleList, Samples } from '../sampleList';
import { TrafficModel } from './TrafficModel';

/** Distinct on-demand reads per store at once; further ones wait for a slot. */
export const ON_DEMAND_CONCURRENCY = 4;

export class ModelTelemetrySource implements TelemetrySource {
  private running = 0;
  private readonly waiting: Array<() => void> = [];

  constructor(
    private readonly store: TelemetrySource,
    private readonly model: TrafficModel,
    /** A request's time this close to now is "now" (the model's data is at most this old when healthy). */
    private readonly nowToleranceMs: number,
  ) {}

  async getTraffic(query: TrafficQuery): Promise<TrafficResult> {
    const current =
      Math.abs(query.time.getTime() - Date.now()) <= this.nowToleranceMs;
    if (!current || !this.model.covers(query.windowSeconds))
      return this.bounded(() => this.store.getTraffic(query));
    const latency = !query.withoutLatency && !query.latencyUnused;
    const entry = await this.model.read(query.windowSeconds, { latency });
    // The refresh fails and never produced a snapshot (e.g. the mesh-wide read times out): the
    // request's own read, scoped to what it needs, may well succeed. A refresh that is merely
    // slow gets no such help: more mesh-wide reads would only slow the store further. Nor does a
    // window nobody read for a while, whose refreshes stopped (./windowReads): the read woke them.
    // Nor a window refreshed without latency, for a reader that wants it: the read marked it.
    if (
      entry?.failing ||
      this.model.asleep(query.windowSeconds, entry) ||
      (latency && entry?.withoutLatency)
    )
      return this.bounded(() => this.store.getTraffic(query));
    if (!entry)
      return {
        value: emptySnapshot(),
        errors: [],
        freshness: { state: 'warmingUp' },
      };
    return {
      value: selectTraffic(entry.snapshot, query),
      errors: entry.errors,
      freshness: { state: 'model', time: new Date(entry.time) },
    };
  }

  getSeries(query: SeriesQuery): Promise<SourceResult<TrafficSeries>> {
    return this.bounded(() => this.store.getSeries(query));
  }

  private async bounded<T>(read: () => Promise<T>): Promise<T> {
    if (this.running >= ON_DEMAND_CONCURRENCY)
      await new Promise<void>(resolve => this.waiting.push(resolve));
    this.running++;
    try {
      return await read();
    } finally {
      this.running--;
      this.waiting.shift()?.();
    }
  }
}

const withoutLatency = new WeakMap<TrafficSnapshot, TrafficSnapshot>();

/**
 * The part of a mesh-wide snapshot a query asks for: traffic out of or into its namespaces (what
 * PrometheusTelemetrySource.queries selects with two selectors joined by `or`), without latency
 * when not wanted.
 */
export function selectTraffic(
  snapshot: TrafficSnapshot,
  query: Pick<TrafficQuery, 'namespaces' | 'withoutLatency'>,
): TrafficSnapshot {
  // The whole mesh is the model's own snapshot (and one copy without latency): the same object
  // for every request, so what is kept per snapshot is found again (../../graph/meshGraphBase).
  if (!query.namespaces) {
    if (!query.withoutLatency) return snapshot;
    let lean = withoutLatency.get(snapshot);
    if (!lean)
      withoutLatency.set(snapshot, (lean = { ...snapshot, latency: [] }));
    return lean;
  }
  const namespaces = new Set(query.namespaces);
  // Labels read in place (../sampleList): no sample is made for the ones left out.
  const keep = (samples: Samples) => {
    const list = sampleList(samples);
    return list.filterIndexes(
      i =>
        namespaces.has(list.label(i, 'source_workload_namespace')!) ||
        namespaces.has(list.label(i, 'destination_service_namespace')!),
    );
  };
  return {
    requests: keep(snapshot.requests),
    tcpSent: keep(snapshot.tcpSent),
    tcpReceived: keep(snapshot.tcpReceived),
    latency: query.withoutLatency ? [] : keep(snapshot.latency),
  };
}
