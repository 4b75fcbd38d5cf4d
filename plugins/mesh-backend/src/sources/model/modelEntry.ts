/*
 * A window's entry in the mesh model (./TrafficModel): its snapshot and how it came to be, and
 * what a refresh makes of the previous entry and what it read.
 */
import { MeshSourceError } from '@mesh-portal/plugin-mesh-common';
import { TrafficResult, TrafficSnapshot } from '../types';

/** One window's snapshot, as kept in memory and in the shared cache. */
export interface ModelEntry {
  /** Evaluation time, Unix milliseconds. */
  time: number;
  snapshot: TrafficSnapshot;
  errors: MeshSourceError[];
  /**
   * No refresh of the window has succeeded yet: the snapshot holds what a failing one got (maybe
   * nothing). Requests then read the store themselves (./ModelTelemetrySource).
   */
  failing?: boolean;
  /**
   * The latest read of the window answered no series at all, without errors, where this snapshot
   * had traffic: it is served one refresh longer (its age shows), see {@link nextEntry}.
   */
  keptOverEmptyRead?: boolean;
  /**
   * The refresh read no latency: no view read this window's latency lately (./TrafficModel). A
   * read that wants it is answered on demand (./ModelTelemetrySource).
   */
  withoutLatency?: boolean;
}

/** Series in a snapshot, all parts together. */
export function seriesOf(snapshot: TrafficSnapshot): number {
  return Object.values(snapshot).reduce((n, s) => n + s.length, 0);
}

/**
 * The entry after a refresh. A refresh that failed keeps serving the previous snapshot with the
 * new errors (its age grows, and responses say so); while none has succeeded, the entry is
 * `failing` with whatever the latest one got.
 *
 * A read that answers no series at all, without errors, after one that had traffic keeps the
 * previous snapshot for one refresh (`keptOverEmptyRead`): `rate()` over a window holding fewer
 * than two samples of a series answers nothing, so a short window (1m over 30 s scrapes or
 * recording-rule evaluations) reads the whole mesh as silent whenever a scrape or an evaluation
 * is late — as 9 of the 19 1m refreshes of three bench:scale runs did. A mesh that really
 * went silent reads empty again at the next refresh, and is then shown so.
 */
export function nextEntry(
  previous: ModelEntry | undefined,
  result: TrafficResult,
  time: number,
  withoutLatency = false,
): ModelEntry {
  const read = withoutLatency ? { withoutLatency } : {};
  if (result.errors.length === 0) {
    const keepPrevious =
      previous &&
      !previous.failing &&
      !previous.keptOverEmptyRead &&
      seriesOf(result.value) === 0 &&
      seriesOf(previous.snapshot) > 0;
    if (keepPrevious) return { ...previous, keptOverEmptyRead: true };
    return { time, snapshot: result.value, errors: [], ...read };
  }
  if (previous && !previous.failing)
    return { ...previous, errors: result.errors };
  return {
    time,
    snapshot: result.value,
    errors: result.errors,
    failing: true,
    ...read,
  };
}
