/*
 * When each canonical window of the mesh model is refreshed (docs/design-decisions.md, "Refresh
 * schedule"). Refreshing every window in turn each interval made each window as old as the whole
 * cycle, longer than the interval on a large mesh; so:
 * - the windows the UI asks for first — the graph's default (10m) and health's (5m) — are
 *   refreshed every interval, first;
 * - every other window when a tenth of it has passed, and at most every second interval: 1m
 *   every two intervals (reads are serialized: at 5,000 workloads three windows per interval kept
 *   the store busy the whole interval, and the default windows waited behind the others), 1h
 *   every 6 minutes (its snapshot then misses at most a tenth of the hour; refreshed every 30 s it
 *   would cost Prometheus as much as a default window for nearly the same answer);
 * - each interval is a lane: one global scheduler task refreshing its windows one after the other,
 *   so a long window never holds up the default ones, and a store serves at most one model read
 *   per lane at a time.
 */
import {
  DEFAULT_GRAPH_WINDOW,
  parseWindow,
} from '@mesh-portal/plugin-mesh-common';
import { DEFAULT_HEALTH_WINDOW } from '../../routes/healthRoutes';

/** The task of the lane holding the default windows (the others' ids add their interval). */
export const MODEL_REFRESH_TASK = 'mesh-model-refresh';

export interface RefreshLane {
  taskId: string;
  intervalSeconds: number;
  /** In the order they are refreshed. */
  windowsSeconds: number[];
}

let defaults: number[] | undefined;

/**
 * The UI's default windows, in the order its views ask for them. Parsed once: every model read
 * asks (./windowReads, through {@link alwaysRefreshed}).
 */
function priorityWindows(): number[] {
  defaults ??= [DEFAULT_GRAPH_WINDOW, DEFAULT_HEALTH_WINDOW].map(w => {
    const parsed = parseWindow(w);
    return 'seconds' in parsed ? parsed.seconds : NaN;
  });
  return defaults;
}

/** Whether a window is one of the UI's defaults, refreshed whether or not it is read (./windowReads). */
export function alwaysRefreshed(windowSeconds: number): boolean {
  return priorityWindows().includes(windowSeconds);
}

/**
 * Whether a window's latency is refreshed whether or not a view reads it: the graph's default
 * window only. Health, security and posture read no latency (histogram buckets, ~20× the series
 * of the request counters: at 5,000 workloads ~25 s of Prometheus per window), so health's
 * default window reads it only while some graph asks for that window (./windowReads).
 */
export function latencyAlwaysRefreshed(windowSeconds: number): boolean {
  return priorityWindows()[0] === windowSeconds;
}

/** How often a window's snapshot is refreshed. */
export function windowRefreshSeconds(
  windowSeconds: number,
  refreshSeconds: number,
): number {
  if (priorityWindows().includes(windowSeconds)) return refreshSeconds;
  return Math.max(2 * refreshSeconds, Math.round(windowSeconds / 10));
}

export function refreshLanes(
  windowsSeconds: number[],
  refreshSeconds: number,
): RefreshLane[] {
  const priority = priorityWindows();
  const rank = (w: number) =>
    priority.includes(w) ? priority.indexOf(w) : priority.length;
  const lanes = new Map<number, number[]>();
  for (const w of windowsSeconds) {
    const interval = windowRefreshSeconds(w, refreshSeconds);
    lanes.set(interval, [...(lanes.get(interval) ?? []), w]);
  }
  return [...lanes.entries()]
    .sort(([a], [b]) => a - b)
    .map(([intervalSeconds, windows]) => ({
      taskId:
        intervalSeconds === refreshSeconds
          ? MODEL_REFRESH_TASK
          : `${MODEL_REFRESH_TASK}-${intervalSeconds}s`,
      intervalSeconds,
      windowsSeconds: windows.sort((a, b) => rank(a) - rank(b) || a - b),
    }));
}

/**
 * How long until every lane has run a whole number of times (the least common multiple of their
 * intervals): a span this long, or a multiple, holds the same refresh starts wherever it starts —
 * what counting the store's queries per minute needs (bench:scale, which also starts it between
 * two refreshes, so that none is counted in part).
 */
export function refreshCycleSeconds(
  windowsSeconds: number[],
  refreshSeconds: number,
): number {
  const gcd = (a: number, b: number): number => (b ? gcd(b, a % b) : a);
  return refreshLanes(windowsSeconds, refreshSeconds).reduce(
    (cycle, lane) =>
      (cycle * lane.intervalSeconds) / gcd(cycle, lane.intervalSeconds),
    1,
  );
}
