/*
 * The worker thread's scheduling priority (./workerThread): below the event loop's, so that on a
 * busy machine requests run first.
 */
import { readlinkSync } from 'fs';
import { getPriority, setPriority } from 'os';

/**
 * The worker thread's nice value above the process's own (Linux keeps one per thread). Its work
 * is a refresh's, which nobody waits for; the event loop's is requests'. On a busy machine (a
 * refresh's answers arrive while the store still evaluates and sends: bench:scale's two cores
 * run Prometheus, the event loop and the worker at once) the scheduler then gives the event loop
 * the CPU first, and the worker what is left (docs/design-decisions.md, "Work off the event loop").
 */
export const WORKER_NICE = 10;

/** Lowers the calling thread's priority by {@link WORKER_NICE}; where threads have no nice of their own, nothing. */
export function yieldToEventLoop() {
  if (process.platform !== 'linux') return;
  try {
    const thread = Number(readlinkSync('/proc/thread-self').split('/').pop());
    setPriority(thread, Math.min(19, getPriority(thread) + WORKER_NICE));
  } catch {
    // Not allowed here: the worker runs at the process's priority.
  }
}
