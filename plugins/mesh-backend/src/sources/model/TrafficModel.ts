/*
 * The mesh model of one telemetry store: the mesh-wide traffic snapshot of each canonical window,
 * refreshed in the background and read by requests without waiting on Prometheus
 * (stale-while-revalidate). See docs/design-decisions.md, "Mesh model".
 *
 * One replica refreshes each window (the global scheduler task of its ./refreshLanes lane, see
 * ./MeshModel) and writes each snapshot to Backstage's cache; every replica keeps the latest snapshot in memory and re-reads the
 * cache in the background when its copy may be outdated. A small stamp entry (the snapshot's
 * evaluation time) is read first, so a replica deserializes a mesh-wide snapshot only when a newer
 * one exists.
 */
import { CacheService, LoggerService } from '@backstage/backend-plugin-api';
import { createHash } from 'crypto';
import { SnapshotPreparer } from '../types';
import { ModelEntry, nextEntry, seriesOf } from './modelEntry';
import { ENTRY_FORMAT, packEntry, unpackEntry } from './packedEntry';
import { prepareSnapshot } from './prepareSnapshot';
import { GroupedStore, mergedGroups, readInGroups } from './readInGroups';
import { ReadQueue } from './readQueue';
import {
  alwaysRefreshed,
  latencyAlwaysRefreshed,
  windowRefreshSeconds,
} from './refreshLanes';
import { WindowReads } from './windowReads';

/** What one window's refresh cost (logged, and exported as metrics by ./modelMetrics). */
export interface WindowRefresh {
  windowSeconds: number;
  durationMs: number;
  samples: number;
  /** Reads it took: 1, or more when the store refused the mesh-wide read as too large (./readInGroups). */
  parts: number;
  failed: boolean;
}

/** The store the model reads: PrometheusTelemetrySource at the exact time, past its query cache. */
export interface ModelStore extends GroupedStore {
  readonly storeIdentity: string;
}

interface Slot {
  entry?: ModelEntry;
  /** The namespace groups the next refresh starts from (./readInGroups), when the store refused the whole. */
  groups?: string[][];
  /** The store refused a read of this window for its size: its groups are kept as they are. */
  sizeLimited?: boolean;
  /** Its refreshes stopped, no view reading it (./windowReads): logged once until it is read. */
  idle?: boolean;
  /** Its refreshes read no latency, no view reading it: logged once until it is read. */
  latencyIdle?: boolean;
  /** When this replica last compared its copy with the shared cache. */
  syncedAt: number;
  syncing?: Promise<void>;
}

export class TrafficModel {
  private readonly slots = new Map<number, Slot>();
  /** One window read at a time, whichever lane asks (./readQueue). */
  private readonly reads = new ReadQueue();
  private readonly createdAt = Date.now();
  private warnedNoSnapshot = false;
  private readonly windowReads: WindowReads;
  /** Reads of each window's latency, kept apart: health and security read a window without it. */
  private readonly latencyReads: WindowReads;

  constructor(
    private readonly options: {
      store: ModelStore;
      windowsSeconds: number[];
      refreshMs: number;
      cache?: CacheService;
      logger?: LoggerService;
      /** Runs on each new snapshot before requests read it (../types SnapshotPreparer). */
      prepare?: SnapshotPreparer;
      /** Longest a new snapshot waits for `prepare` (./prepareSnapshot PREPARE_TIMEOUT_MS). */
      prepareTimeoutMs?: number;
      /** How long a window other than the UI's defaults may go unread before its refreshes stop (./windowReads); 0 or none: never. */
      idleAfterMs?: number;
      /** Asks for a window's refresh now: a read found it asleep (./windowReads). */
      wake?: (windowSeconds: number) => void;
    },
  ) {
    for (const w of options.windowsSeconds) this.slots.set(w, { syncedAt: 0 });
    this.windowReads = new WindowReads({
      idleAfterMs: options.idleAfterMs ?? 0,
      cache: options.cache,
      keyOf: w => this.key(w),
      refreshMsOf: w => this.refreshMsOf(w),
      mayIdle: w => !alwaysRefreshed(w),
      wake: options.wake,
    });
    // No wake: a window whose latency is read again is still refreshed on its schedule, and reads
    // wanting latency meanwhile are answered on demand (./ModelTelemetrySource).
    this.latencyReads = new WindowReads({
      idleAfterMs: options.idleAfterMs ?? 0,
      cache: options.cache,
      keyOf: w => `${this.key(w)}:latency`,
      refreshMsOf: w => this.refreshMsOf(w),
      mayIdle: w => !latencyAlwaysRefreshed(w),
    });
  }

  covers(windowSeconds: number): boolean {
    return this.slots.has(windowSeconds);
  }

  /**
   * The latest snapshot of a canonical window, or undefined while no refresh has completed
   * anywhere. Never waits on Prometheus: at most on one read of the shared cache, when this
   * replica holds nothing yet. `latency`: the reader wants the window's latency, so the
   * refreshes read it from now on (`idleAfterMs`).
   */
  async read(
    windowSeconds: number,
    options: { latency?: boolean } = {},
  ): Promise<ModelEntry | undefined> {
    const slot = this.slots.get(windowSeconds);
    if (!slot) return undefined;
    if (!slot.entry) {
      await this.sync(windowSeconds, slot);
      if (!slot.entry) this.warnIfNothingArrives(windowSeconds);
    } else if (Date.now() - slot.syncedAt > this.syncMs(windowSeconds))
      // Another replica may have refreshed since: look in the background, answer with what we have.
      this.sync(windowSeconds, slot).catch(() => undefined);
    this.windowReads.noteRead(windowSeconds, slot.entry?.time);
    if (options.latency) this.latencyReads.noteRead(windowSeconds, Date.now());
    return slot.entry;
  }

  /**
   * Whether `entry` (undefined: none) is too old to answer a read of a window whose refreshes
   * stopped while nobody read it (./windowReads): the read is answered on demand meanwhile.
   */
  asleep(windowSeconds: number, entry?: ModelEntry): boolean {
    return this.windowReads.asleep(windowSeconds, entry?.time);
  }

  /**
   * Refreshes the given windows (all by default), one after the other: bounded load on the store
   * (./refreshLanes decides which windows when).
   */
  async refresh(
    signal?: AbortSignal,
    windowsSeconds: number[] = [...this.slots.keys()],
  ): Promise<WindowRefresh[]> {
    const report: WindowRefresh[] = [];
    for (const windowSeconds of windowsSeconds) {
      const slot = this.slots.get(windowSeconds);
      if (!slot) continue;
      if (signal?.aborted) break;
      if (await this.windowReads.unread(windowSeconds)) {
        if (!slot.idle)
          this.options.logger?.info(
            `mesh model: the ${windowSeconds} s window is not refreshed while no view reads it (mesh.telemetry.model.idleAfterMinutes); a read refreshes it again`,
          );
        slot.idle = true;
        continue;
      }
      slot.idle = false;
      const withoutLatency = await this.latencyReads.unread(windowSeconds);
      if (withoutLatency && !slot.latencyIdle)
        this.options.logger?.info(
          `mesh model: the ${windowSeconds} s window is refreshed without latency while no view reads its latency (mesh.telemetry.model.idleAfterMinutes); a graph of that window refreshes it again`,
        );
      slot.latencyIdle = withoutLatency;
      // Evaluated when its turn comes, not when it was asked for.
      // The UI's default windows (refreshed most often) before others waiting.
      const rank = this.refreshMsOf(windowSeconds);
      const { started, result } = await this.reads.run(rank, async () => {
        const at = Date.now();
        const read = await readInGroups(
          this.options.store,
          { windowSeconds, time: new Date(at), withoutLatency },
          slot.groups,
        );
        return { started: at, result: read };
      });
      // Refused only by timeouts (the store's load of the moment?): work back to the whole read.
      slot.sizeLimited ||= !!result.sizeRefused;
      slot.groups = slot.sizeLimited
        ? result.groups
        : mergedGroups(result.groups);
      const entry = nextEntry(slot.entry, result, started, withoutLatency);
      const samples = seriesOf(result.value);
      // Said once, when kept: a failed refresh after it carries the flag on with its errors.
      if (entry.keptOverEmptyRead && !slot.entry?.keptOverEmptyRead)
        this.options.logger?.warn(
          `mesh model: the ${windowSeconds} s window read no series where the last read had ${seriesOf(
            entry.snapshot,
          )}; serving that one a refresh longer (responses show its age). A rate window shorter than ~4 scrape or rule evaluation intervals reads empty whenever one of them is late.`,
        );
      // Other replicas read it while this one prepares its own copy; the refresh's duration is
      // until it is shared (preparing is each replica's own work).
      const [durationMs] = await Promise.all([
        this.publish(windowSeconds, entry).then(() => Date.now() - started),
        this.install(slot, entry),
      ]);
      slot.syncedAt = Date.now();
      report.push({
        windowSeconds,
        durationMs,
        samples,
        parts: result.parts,
        failed: result.errors.length > 0,
      });
    }
    return report;
  }

  /**
   * Still warming up after 3 intervals: a first refresh that is merely slow, or no refresh ever
   * reaching this replica (no scheduler task runs, or it does not share the refresher's cache).
   * Requests keep answering "warming up" — reading mesh-wide traffic per request would only add
   * load to a store already too slow — so say it once in the log.
   */
  private warnIfNothingArrives(windowSeconds: number) {
    if (this.warnedNoSnapshot) return;
    if (Date.now() - this.createdAt <= 3 * this.refreshMsOf(windowSeconds))
      return;
    this.warnedNoSnapshot = true;
    this.options.logger?.warn(
      `mesh model: no snapshot of the ${windowSeconds} s window yet, ${Math.round(
        (Date.now() - this.createdAt) / 1000,
      )} s after start: a first refresh is slow, or none reaches this replica (is its cache shared with the replica that runs the refresh task?)`,
    );
  }

  /** How often this window is refreshed (by whichever replica runs its lane). */
  private refreshMsOf(windowSeconds: number): number {
    return (
      windowRefreshSeconds(windowSeconds, this.options.refreshMs / 1000) * 1000
    );
  }

  /** How often a replica looks for a newer snapshot in the shared cache. */
  private syncMs(windowSeconds: number): number {
    return Math.max(1000, this.refreshMsOf(windowSeconds) / 4);
  }

  /**
   * Makes `entry` the one requests read, once what they will compute of it is computed
   * (`prepare`): until then they read the previous one, whose results are at hand, so no request
   * waits for (or is stalled by) the mesh-wide computations of a new snapshot (./prepareSnapshot).
   */
  private async install(slot: Slot, entry: ModelEntry): Promise<void> {
    const { prepare, prepareTimeoutMs, logger } = this.options;
    const previous = slot.entry?.snapshot;
    if (prepare && !entry.failing && entry.snapshot !== previous)
      await prepareSnapshot(prepare, entry.snapshot, previous, {
        timeoutMs: prepareTimeoutMs,
        logger,
      });
    // A newer entry may have been installed meanwhile (a sync and a refresh overlap).
    if (entry.time >= (slot.entry?.time ?? -1)) slot.entry = entry;
  }

  private key(windowSeconds: number): string {
    const id = createHash('sha256')
      .update(`${this.options.store.storeIdentity}\n${windowSeconds}`)
      .digest('hex');
    return `mesh-model:${ENTRY_FORMAT}:${id}`;
  }

  private async publish(windowSeconds: number, entry: ModelEntry) {
    const { cache } = this.options;
    if (!cache) return;
    // Long enough to outlive a few failed refreshes: the data age in responses tells how old it is.
    const ttl = Math.max(10 * this.refreshMsOf(windowSeconds), 600_000);
    const key = this.key(windowSeconds);
    await cache.set(key, (await packEntry(entry)) as any, { ttl });
    await cache.set(`${key}:time`, entry.time, { ttl });
  }

  private sync(windowSeconds: number, slot: Slot): Promise<void> {
    const { cache } = this.options;
    if (!cache) return Promise.resolve();
    slot.syncing ??= (async () => {
      try {
        const key = this.key(windowSeconds);
        const stamp = await cache.get(`${key}:time`);
        if (typeof stamp !== 'number' || stamp <= (slot.entry?.time ?? -1))
          return;
        const entry = await unpackEntry(await cache.get(key));
        if (entry && entry.time > (slot.entry?.time ?? -1))
          await this.install(slot, entry);
      } catch (error) {
        this.options.logger?.warn(
          `mesh model: reading the shared cache failed: ${
            (error as Error).message
          }`,
        );
      } finally {
        slot.syncedAt = Date.now();
        slot.syncing = undefined;
      }
    })();
    return slot.syncing;
  }
}
