/*
 * Where bench:scale's user phases start: midway between two refreshes of the mesh model's default
 * lane. Prometheus counts a query when it has answered it, and a refresh's queries take ~20–30 s at
 * full size; a phase that began or ended during a refresh counted part of one more refresh (a
 * two-replica phase counted 45 queries where the one-replica phase, on the same schedule, counted
 * 41: six refreshes of seven queries each, and three of a seventh that ended 2 s after its start).
 * Phases last a whole number of the lanes' cycles (./scaleBench), so a phase that starts midway
 * between two refreshes also ends midway between two, and counts whole refreshes only.
 */
import {
  BenchBackend,
  ModelRefresh,
} from '../../../packages/backend/bench/benchBackend';

/**
 * The first moment from `now` midway between two refreshes of the lane refreshing `window`
 * (every `intervalSeconds`), from the latest of them any replica logged; undefined before the
 * first.
 */
export function nextMidpoint(
  refreshes: ModelRefresh[],
  window: string,
  intervalSeconds: number,
  now: number,
): number | undefined {
  const latest = refreshes
    .filter(r => r.windows.includes(window))
    .reduce<ModelRefresh | undefined>(
      (last, r) => (last && last.startedAt >= r.startedAt ? last : r),
      undefined,
    );
  if (!latest) return undefined;
  const interval = intervalSeconds * 1000;
  // Midway between the latest refresh's end and the next one's start.
  let midpoint = latest.startedAt + (latest.ms + interval) / 2;
  while (midpoint < now) midpoint += interval;
  return midpoint;
}

/** Waits until midway between two refreshes of the lane of `window` (the graph's default). */
export async function untilBetweenRefreshes(
  replicas: BenchBackend[],
  window: string,
  intervalSeconds: number,
  log: (line: string) => void,
) {
  const deadline = Date.now() + 4 * intervalSeconds * 1000;
  for (;;) {
    const midpoint = nextMidpoint(
      replicas.flatMap(r => r.refreshes),
      window,
      intervalSeconds,
      Date.now(),
    );
    if (midpoint !== undefined) {
      log(
        `starting ${Math.round(
          (midpoint - Date.now()) / 1000,
        )} s from now, midway between two model refreshes`,
      );
      await new Promise(r => setTimeout(r, midpoint - Date.now()));
      return;
    }
    if (Date.now() > deadline)
      throw new Error(`no model refresh of ${window} logged by any replica`);
    await new Promise(r => setTimeout(r, 1000));
  }
}
