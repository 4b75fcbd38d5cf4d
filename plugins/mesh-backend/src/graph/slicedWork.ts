/*
 * Mesh-wide computations that can give the event loop back (issue 15): at 5,000 workloads / 25,000
 * edges one snapshot's object health and graph base take ~0.2–0.8 s each of pure computation, and
 * run in one piece they stall every request of the backend meanwhile. Written as generators that
 * yield at safe points (between samples or nodes), the same code runs to the end at once
 * ({@link finish}, for tests and one-off answers) or a few milliseconds at a time
 * ({@link finishInSlices}, for the mesh model's snapshots). See docs/design-decisions.md, "Work
 * off the event loop".
 */

import { AsyncLocalStorage } from 'async_hooks';

/** A computation yielding between pieces of work; its return value is the result. */
export type SlicedWork<T> = Generator<undefined, T, undefined>;

/** Items visited between two yields: small enough to keep a slice short, large enough to be cheap. */
export const ITEMS_PER_YIELD = 512;

/** Runs the work to its end without giving the event loop back. */
export function finish<T>(work: SlicedWork<T>): T {
  for (;;) {
    const step = work.next();
    if (step.done) return step.value;
  }
}

/**
 * Milliseconds of work per turn of the event loop. A request crosses the event loop once per hop
 * (its own body, each catalog and permission round trip — those services run in the same process
 * — its answer: 10–20 turns for an entity graph), and while a snapshot is prepared it may wait a
 * slice at each (docs/design-decisions.md, "Work off the event loop").
 */
export const SLICE_MS = 3;

/** The last slice's turn: every sliced work queues behind it (one slice per turn, whoever's). */
let lastTurn: Promise<void> = Promise.resolve();

/**
 * A turn of the event loop for the next slice. Slices of all sliced work run one per turn: two
 * windows' preparations at once would otherwise each run a slice in the same turn (every
 * setImmediate queued runs in one check phase), and a request would wait for both.
 */
function nextTurn(): Promise<void> {
  lastTurn = lastTurn.then(
    () => new Promise<void>(resolve => setImmediate(resolve)),
  );
  return lastTurn;
}

/**
 * The share of the event loop's time background work may take (see {@link inBackground}): after a
 * slice, background work waits 1.5 times as long as the slice ran before its next one.
 */
export const BACKGROUND_SHARE = 0.4;

const background = new AsyncLocalStorage<boolean>();

/**
 * Runs `run` as background work: the sliced work it starts (also after awaits) is paced to
 * {@link BACKGROUND_SHARE} of the event loop. A mesh model's new snapshot is prepared so
 * (../sources/model/TrafficModel): run slice after slice, its ~1.5 s of computation and the
 * collections it caused kept the event loop 60–95 % busy for ~4 s after every refresh, and
 * requests in those seconds took 300–500 ms (bench:scale). Nobody waits for it: requests read
 * the previous snapshot until it is done.
 */
export function inBackground<T>(run: () => Promise<T>): Promise<T> {
  return background.run(true, run);
}

/**
 * Waits at least `ms`: a timer may fire up to a millisecond or more early against
 * `performance.now()` (libuv measures from the time its loop turn began), so it waits again.
 */
async function pause(ms: number): Promise<void> {
  const until = performance.now() + ms;
  for (let left = ms; left > 0; left = until - performance.now())
    await new Promise<void>(resolve => setTimeout(resolve, Math.ceil(left)));
}

/**
 * Runs the work a slice of `sliceMs` at a time, letting other callbacks (requests) run between
 * slices; concurrent sliced work shares the turns. Within {@link inBackground}, paced.
 */
export async function finishInSlices<T>(
  work: SlicedWork<T>,
  sliceMs = SLICE_MS,
): Promise<T> {
  const paced = background.getStore() === true;
  await nextTurn();
  let started = performance.now();
  for (;;) {
    const step = work.next();
    if (step.done) return step.value;
    const ran = performance.now() - started;
    if (ran >= sliceMs) {
      await (paced
        ? pause((ran * (1 - BACKGROUND_SHARE)) / BACKGROUND_SHARE)
        : nextTurn());
      started = performance.now();
    }
  }
}

/** Visits every item, yielding every {@link ITEMS_PER_YIELD} items. */
export function* eachSliced<T>(
  items: Iterable<T>,
  visit: (item: T) => void,
): SlicedWork<void> {
  let count = 0;
  for (const item of items) {
    visit(item);
    if (++count % ITEMS_PER_YIELD === 0) yield;
  }
}

/** `items` mapped in order, yielding every {@link ITEMS_PER_YIELD} items. */
export function* mapSliced<T, U>(
  items: readonly T[],
  map: (item: T) => U,
): SlicedWork<U[]> {
  const result: U[] = [];
  yield* eachSliced(items, item => {
    result.push(map(item));
  });
  return result;
}
