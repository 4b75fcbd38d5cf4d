/*
 * List + watch of one resource of one cluster, kept in memory (a "reflector" in client-go terms).
 *
 * Built on `@kubernetes/client-node`'s KubernetesObjectApi (paginated lists) and Watch (streaming),
 * not on its ListWatch informer, because the informer lists without pagination (a 10,000-pod list in
 * one response), stores whole objects (we trim them to a few hundred bytes), and stops for good on
 * the first error; here errors are retried with exponential back-off, a 410 Gone re-lists, and a
 * periodic full re-list heals any missed event. Objects survive errors: a cluster that goes away
 * keeps serving its last known state, flagged by `error`.
 */
import type { Watch } from '@kubernetes/client-node';
import { KubeObject } from '../../kube/types';
import { Backoff } from './backoff';
import { trimObject } from './trimObject';
import { ObjectBucket } from './watchedResources';

/** One page of a list: items, the list's resourceVersion and the token of the next page. */
export interface ListPage {
  items: unknown[];
  resourceVersion: string;
  continueToken?: string;
}

export interface ResourceWatcherOptions {
  /** Lists one page of the collection (through the client's typed or custom-object API). */
  listPage: (limit: number, continueToken?: string) => Promise<ListPage>;
  watch: Watch;
  apiVersion: string;
  kind: string;
  /** Collection URL path for watches (`/apis/networking.istio.io/v1/virtualservices`). */
  path: string;
  bucket: ObjectBucket;
  fieldSelector?: string;
  resyncMs: number;
  backoff: Backoff;
  pageSize?: number;
  /** Called when the watcher starts or stops failing (for logging state changes once). */
  onErrorChange?: (error: unknown | undefined) => void;
  /** Called on every failed attempt (the cluster renews a refused credential before the retry). */
  onError?: (error: unknown) => void;
}

class GoneError extends Error {
  readonly statusCode = 410;
}

export class ResourceWatcher {
  private readonly store = new Map<string, KubeObject>();
  private resourceVersion = '';
  private controller?: AbortController;
  private stopped = false;
  private resyncTimer?: NodeJS.Timeout;
  private resyncDue = false;
  private wakeUp?: () => void;
  private firstSync?: () => void;
  /** Resolves after the first complete list, successful or not. */
  readonly initialSync: Promise<void>;
  /** The error of the last attempt, cleared by the next success. */
  error: unknown;
  /** Increases on every change of the stored objects (lets readers memoize). */
  generation = 0;
  syncedAt?: Date;

  constructor(private readonly options: ResourceWatcherOptions) {
    this.initialSync = new Promise(resolve => {
      this.firstSync = resolve;
    });
  }

  start(): void {
    this.scheduleResync();
    void this.run();
  }

  stop(): void {
    this.stopped = true;
    clearTimeout(this.resyncTimer);
    this.controller?.abort();
    this.wakeUp?.();
    this.firstSync?.();
  }

  objects(): KubeObject[] {
    return [...this.store.values()];
  }

  /**
   * The next full re-list, at {@link jitteredMs} of the period: a cluster's resources are then
   * listed at different times, not all at once (at 5,000 workloads the 14 lists of one moment put
   * ~280 MB of pages into the old generation within 30 s).
   */
  private scheduleResync(): void {
    this.resyncTimer = setTimeout(() => {
      if (this.stopped) return;
      this.resyncDue = true;
      this.controller?.abort();
      this.scheduleResync();
    }, jitteredMs(this.options.resyncMs));
    this.resyncTimer.unref();
  }

  private async run(): Promise<void> {
    while (!this.stopped) {
      try {
        if (!this.resourceVersion || this.resyncDue) await this.list();
        const opened = Date.now();
        await this.watchUntilClosed();
        // A server that closes watches right away must not make us spin.
        if (Date.now() - opened < 1000 && !this.resyncDue)
          await this.sleep(this.options.backoff.next());
      } catch (error) {
        if (this.stopped) break;
        if (error instanceof GoneError) {
          // The server compacted our resourceVersion away: start over with a fresh list.
          this.resourceVersion = '';
          continue;
        }
        this.setError(error);
        this.options.onError?.(error);
        this.firstSync?.();
        await this.sleep(this.options.backoff.next());
      }
    }
  }

  private async list(): Promise<void> {
    const { listPage, pageSize = 500 } = this.options;
    const fresh = new Map<string, KubeObject>();
    let continueToken: string | undefined;
    let resourceVersion = '';
    do {
      const page = await listPage(pageSize, continueToken);
      for (const item of page.items) this.put(fresh, item);
      continueToken = page.continueToken;
      resourceVersion = page.resourceVersion;
    } while (continueToken && !this.stopped);
    // A periodic re-list mostly finds every object as it was: then the store and its generation
    // stay, so nothing derived from the cluster's objects (the inventory, the graph bases of every
    // snapshot, each entity's workloads) is made again — at 5,000 workloads that rebuild held
    // ~200 MB more of the heap for a minute every resync (README, "At scale").
    if (!sameObjects(this.store, fresh)) {
      this.store.clear();
      for (const [key, value] of fresh) this.store.set(key, value);
      this.generation++;
    }
    this.resourceVersion = resourceVersion;
    this.resyncDue = false;
    this.markHealthy();
  }

  /** One watch connection from the current resourceVersion; resolves when the server closes it. */
  private watchUntilClosed(): Promise<void> {
    const { watch, path, fieldSelector } = this.options;
    return new Promise<void>((resolve, reject) => {
      let gone = false;
      const done = (err: unknown) => {
        this.controller = undefined;
        if (gone) reject(new GoneError('resourceVersion too old'));
        else if (err && !this.stopped && !this.resyncDue && !isNormalClose(err))
          reject(err);
        else resolve();
      };
      const onEvent = (type: string, obj: any) => {
        if (type === 'ERROR') {
          if (obj?.code === 410) gone = true;
          return;
        }
        if (obj?.metadata?.resourceVersion)
          this.resourceVersion = obj.metadata.resourceVersion;
        if (type === 'ADDED' || type === 'MODIFIED') this.put(this.store, obj);
        else if (type === 'DELETED') this.store.delete(keyOf(obj));
        if (type !== 'BOOKMARK') this.generation++;
      };
      // Server-side timeout with jitter, as client-go does, so watches of many clusters do not
      // all reconnect at once.
      const timeoutSeconds = 300 + Math.floor(Math.random() * 300);
      watch
        .watch(
          path,
          {
            resourceVersion: this.resourceVersion,
            allowWatchBookmarks: true,
            timeoutSeconds,
            fieldSelector,
          },
          onEvent,
          done,
        )
        .then(controller => {
          if (controller.signal.aborted) return;
          this.controller = controller;
          if (this.stopped) controller.abort();
          else this.markHealthy();
        }, reject);
    });
  }

  private put(into: Map<string, KubeObject>, raw: any): void {
    const { bucket, apiVersion, kind } = this.options;
    into.set(keyOf(raw), trimObject(raw, bucket, apiVersion, kind));
  }

  private markHealthy(): void {
    this.options.backoff.reset();
    this.syncedAt = new Date();
    this.firstSync?.();
    this.firstSync = undefined;
    if (this.error !== undefined) {
      this.error = undefined;
      this.options.onErrorChange?.(undefined);
    }
  }

  private setError(error: unknown): void {
    const changed = this.error === undefined;
    this.error = error;
    if (changed) this.options.onErrorChange?.(error);
  }

  private sleep(ms: number): Promise<void> {
    return new Promise(resolve => {
      const timer = setTimeout(resolve, ms);
      this.wakeUp = () => {
        clearTimeout(timer);
        resolve();
      };
    });
  }
}

function keyOf(obj: {
  metadata?: { namespace?: string; name?: string };
}): string {
  return `${obj.metadata?.namespace ?? ''}/${obj.metadata?.name ?? ''}`;
}

/** Our own abort, or the client's inactivity timeout on a quiet watch: reconnect, no error. */
function isNormalClose(err: unknown): boolean {
  const name = (err as { name?: string })?.name;
  return name === 'AbortError' || name === 'TimeoutError';
}

/**
 * Whether a list found the stored objects unchanged: the same keys, each at the same
 * resourceVersion (which the API server changes on every write of an object). An object without
 * one counts as changed.
 */
function sameObjects(
  stored: ReadonlyMap<string, KubeObject>,
  listed: ReadonlyMap<string, KubeObject>,
): boolean {
  if (stored.size !== listed.size) return false;
  for (const [key, object] of listed) {
    const version = object.metadata.resourceVersion;
    if (!version || stored.get(key)?.metadata.resourceVersion !== version)
      return false;
  }
  return true;
}

/** A period of `ms` ± 10 %, as client-go jitters its periods so that many timers drift apart. */
export function jitteredMs(ms: number, random = Math.random): number {
  return ms * (0.9 + 0.2 * random());
}
