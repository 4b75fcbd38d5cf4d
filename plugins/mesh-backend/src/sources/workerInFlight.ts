/*
 * How far a streamed job's input may run ahead of the worker thread (./workerThread): the blocks
 * moved to it and not yet read, and who waits for fewer.
 */

/**
 * Blocks a stream may have on their way to the worker. Unbounded, a body arriving faster than the
 * worker reads it (it reads one stream at a time, and a refresh streams several answers at once)
 * piles up as blocks the worker has yet to read, in memory outside V8's heap that the allocator
 * keeps once it has grown.
 */
export const MAX_BLOCKS_IN_FLIGHT = 8;

/** A stream's blocks not yet read by the worker, and who waits for fewer. */
export class InFlight {
  blocks = 0;
  private waiting?: Promise<void>;
  private wake?: () => void;

  /** One more block moved; a promise of fewer when the worker is {@link MAX_BLOCKS_IN_FLIGHT} behind. */
  pushed(): Promise<void> | undefined {
    if (++this.blocks < MAX_BLOCKS_IN_FLIGHT) return this.waiting;
    this.waiting ??= new Promise<void>(resolve => (this.wake = resolve));
    return this.waiting;
  }

  /**
   * The worker read one; whoever waits goes on once it has read half of what was waiting (not at
   * every block). `all`: the stream is over, nobody waits on it any more.
   */
  pulled(all = false) {
    if (--this.blocks > MAX_BLOCKS_IN_FLIGHT / 2 && !all) return;
    this.wake?.();
    this.waiting = this.wake = undefined;
  }
}
