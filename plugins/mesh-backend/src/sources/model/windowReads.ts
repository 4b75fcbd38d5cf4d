/*
 * Which windows of the mesh model are read (docs/design-decisions.md, "Idle windows"). A window
 * other than the UI's defaults that no replica has read for `idleAfterMs` is not refreshed: at
 * 5,000 workloads one window's refresh costs Prometheus about half a core for 25–45 s and the
 * worker thread ~11 s of CPU, on the machine that answers the requests, while the views read the
 * defaults (the graph's 10m, health's 5m) unless someone picks another window. Reads are marked
 * in Backstage's cache beside the window's snapshot, so the replica that runs a lane knows of
 * reads on the others. A window read again after its snapshot has aged past its refreshes is
 * "asleep": it is answered on demand, as windows outside the model are, and the read wakes its
 * lane, which refreshes it since it is marked read.
 */
import { CacheService } from '@backstage/backend-plugin-api';

export interface WindowReadsOptions {
  /** How long a window may go unread before its refreshes stop; 0: they never do. */
  idleAfterMs: number;
  cache?: CacheService;
  /** The cache key of the window's snapshot: its read marker is stored beside it. */
  keyOf(windowSeconds: number): string;
  /** How often the window is refreshed while it is read. */
  refreshMsOf(windowSeconds: number): number;
  /** Whether the window's refreshes may stop (the UI's defaults are always kept current). */
  mayIdle(windowSeconds: number): boolean;
  /** Asks for the window's refresh now (its lane's scheduler task). */
  wake?(windowSeconds: number): void;
}

export class WindowReads {
  /** When this replica last answered a read of each window. */
  private readonly readAt = new Map<number, number>();
  /** When this replica last wrote each window's marker (at most every quarter of idleAfterMs). */
  private readonly markedAt = new Map<number, number>();
  /** When this replica last woke each window's lane (at most once per refresh interval). */
  private readonly wokenAt = new Map<number, number>();

  constructor(private readonly options: WindowReadsOptions) {}

  private idles(windowSeconds: number): boolean {
    return this.options.idleAfterMs > 0 && this.options.mayIdle(windowSeconds);
  }

  /**
   * Whether a window's snapshot (its evaluation time; undefined: none here) is too old to answer
   * for now: the window may idle, and its snapshot missed two of its refreshes, or there is none.
   */
  asleep(windowSeconds: number, time?: number): boolean {
    if (!this.idles(windowSeconds)) return false;
    if (time === undefined) return true;
    const refreshMs = this.options.refreshMsOf(windowSeconds);
    return Date.now() - time > 2 * refreshMs + 60_000;
  }

  /** A request read the window (its snapshot's time): marks it read, and wakes it when asleep. */
  noteRead(windowSeconds: number, time?: number): void {
    if (!this.idles(windowSeconds)) return;
    const now = Date.now();
    this.readAt.set(windowSeconds, now);
    const sinceMarked = now - (this.markedAt.get(windowSeconds) ?? -Infinity);
    const marked =
      sinceMarked > this.options.idleAfterMs / 4
        ? this.mark(windowSeconds, now)
        : Promise.resolve();
    if (!this.asleep(windowSeconds, time)) return;
    const sinceWoken = now - (this.wokenAt.get(windowSeconds) ?? -Infinity);
    if (sinceWoken < this.options.refreshMsOf(windowSeconds)) return;
    this.wokenAt.set(windowSeconds, now);
    // After the marker is written: the lane that runs now must find it.
    marked
      .then(() => this.options.wake?.(windowSeconds))
      .catch(() => undefined);
  }

  /** Whether the window's refresh is skipped: it may idle, and no replica read it for idleAfterMs. */
  async unread(windowSeconds: number): Promise<boolean> {
    if (!this.idles(windowSeconds)) return false;
    const sinceRead =
      Date.now() - (this.readAt.get(windowSeconds) ?? -Infinity);
    if (sinceRead <= this.options.idleAfterMs) return false;
    const { cache } = this.options;
    if (!cache) return true;
    try {
      return (await cache.get(this.markerKey(windowSeconds))) === undefined;
    } catch {
      // Reads elsewhere cannot be known: keep refreshing, as without idle windows.
      return false;
    }
  }

  private markerKey(windowSeconds: number): string {
    return `${this.options.keyOf(windowSeconds)}:read`;
  }

  private async mark(windowSeconds: number, now: number): Promise<void> {
    this.markedAt.set(windowSeconds, now);
    const { cache, idleAfterMs } = this.options;
    try {
      await cache?.set(this.markerKey(windowSeconds), now, {
        ttl: idleAfterMs,
      });
    } catch {
      // Written again at the next read; meanwhile this replica's own reads count.
      this.markedAt.delete(windowSeconds);
    }
  }
}
