/*
 * Mesh-wide computations that can give the event loop back (issue 15): at 5,000 workloads / 25,000
 * edges one snapshot's object health and graph base take ~0.2–0.8 s each of pure computation, and
 * run in one piece they stall every request of the backend meanwhile. Written as generators that
 * yield at safe points (between samples or nodes), the same code runs to the end at once
 * ({@link finish}, for tests and one-off answers) or a few milliseconds at a time
 * ({@link finishInSlices}, for the mesh model's snapshots). See docs/design-decisions.md, "Work
 * off the event loop".
 */

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

/** Milliseconds of work between two turns of the event loop. */
export const SLICE_MS = 8;

/** Runs the work a slice of `sliceMs` at a time, letting other callbacks (requests) run between slices. */
export async function finishInSlices<T>(
  work: SlicedWork<T>,
  sliceMs = SLICE_MS,
): Promise<T> {
  let until = performance.now() + sliceMs;
  for (;;) {
    const step = work.next();
    if (step.done) return step.value;
    if (performance.now() >= until) {
      await new Promise<void>(resolve => setImmediate(resolve));
      until = performance.now() + sliceMs;
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
