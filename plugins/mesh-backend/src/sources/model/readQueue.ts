/*
 * The mesh model's window reads, one at a time whichever lane (./refreshLanes) asks: lanes are
 * separate scheduler tasks, and two mesh-wide reads at once can exhaust the store's memory — in
 * bench:scale at 5,000 workloads the 10m and 1h windows read together got Prometheus killed at
 * 21 GB. Waiting reads start by rank (./TrafficModel: how often their window is refreshed, so the
 * UI's default windows first), in the order asked within a rank: behind a 1h read already
 * running, the 10m window waits for it alone, not also for a 1m read queued before it.
 */
export class ReadQueue {
  private reading = false;
  private readonly waiting: Array<{ rank: number; start: () => void }> = [];

  /** Runs `read` when no other read runs and no waiting one has a lower rank. */
  async run<T>(rank: number, read: () => Promise<T>): Promise<T> {
    if (this.reading)
      await new Promise<void>(start => {
        this.waiting.push({ rank, start });
        // A stable sort: in the order asked within a rank.
        this.waiting.sort((a, b) => a.rank - b.rank);
      });
    this.reading = true;
    try {
      return await read();
    } finally {
      const next = this.waiting.shift();
      if (next) next.start();
      else this.reading = false;
    }
  }
}
