/*
 * Coalescing and caching of Prometheus queries. Concurrent identical queries (same PromQL, same
 * evaluation time) share one request in flight; finished results are kept in Backstage's
 * CacheService for a short TTL, so a page refreshed by many users costs Prometheus one query set
 * per time step.
 *
 * One cache entry per distinct query, holding the evaluation time it answers: a new time step
 * overwrites it. (Keying entries by time as well left one entry per query and step behind: the
 * default in-memory CacheService only drops expired entries when they are read again, which a past
 * time step never is — the backend's heap grew by ~25 MB a minute under `npm run bench:load`.)
 *
 * Keys identify the store completely (`PrometheusClient.cacheIdentity`: URL with its path, tenant
 * headers and credentials, hashed): two stores never share an entry. And since every distinct
 * window is a distinct query, this process keeps at most SHARED_CACHE_ENTRIES keys in the shared
 * cache and deletes the least recently used beyond that — the in-memory store would otherwise keep
 * one entry per window ever asked for.
 */
import { CacheService } from '@backstage/backend-plugin-api';
import { createHash } from 'crypto';
import {
  PrometheusClient,
  QueryListResult,
  QueryResult,
  RangeResult,
} from './PrometheusClient';
import { VectorReduce } from './vectorDecoder';

export interface QueryStats {
  /** Queries sent to Prometheus. */
  sent: number;
  /** Queries answered by joining one already in flight. */
  coalesced: number;
  /** Queries answered from the cache. */
  cached: number;
}

interface Entry {
  /** The evaluation time(s) the result is for. */
  at: string;
  result: unknown;
}

/** How long a result is also kept as an object in this process (a few alignment steps). */
const LOCAL_MS = 15_000;
const LOCAL_ENTRIES = 256;
/** Most keys this process keeps in Backstage's cache at once. */
export const SHARED_CACHE_ENTRIES = 512;

export class CachedPrometheus {
  readonly stats: QueryStats = { sent: 0, coalesced: 0, cached: 0 };
  private readonly inFlight = new Map<string, Promise<unknown>>();
  /**
   * The latest result of each query as an object: Backstage's cache stores values serialized, and
   * deserializing a mesh-wide result on every hit cost more CPU under load than building the graph
   * from it. The CacheService stays the layer shared with other replicas.
   */
  private readonly local = new Map<string, Entry & { until: number }>();
  /** Keys this process wrote to the shared cache, least recently used first. */
  private readonly sharedKeys = new Set<string>();

  constructor(
    private readonly client: PrometheusClient,
    private readonly cache?: CacheService,
  ) {}

  get displayUrl(): string {
    return this.client.displayUrl;
  }

  get cacheIdentity(): string {
    return this.client.cacheIdentity;
  }

  /** `reduce`: see PrometheusClient.query. */
  async query(
    promql: string,
    time: Date,
    ttlMs: number,
    reduce: VectorReduce = 'samples',
  ): Promise<QueryResult> {
    return this.shared(
      `query\n${reduce}\n${promql}`,
      String(time.getTime()),
      ttlMs,
      () => this.client.query(promql, time, reduce),
    );
  }

  /**
   * {@link PrometheusClient.queryList}: for the mesh model, which keeps its own snapshot, so
   * never cached (a list is not a value a cache store can hold); identical queries in flight are
   * still sent once.
   */
  async queryList(
    promql: string,
    time: Date,
    reduce: VectorReduce = 'samples',
  ): Promise<QueryListResult> {
    return this.shared(
      `list\n${reduce}\n${promql}`,
      String(time.getTime()),
      0,
      () => this.client.queryList(promql, time, reduce),
    );
  }

  async queryRange(
    promql: string,
    start: Date,
    end: Date,
    stepSeconds: number,
    ttlMs: number,
  ): Promise<RangeResult> {
    return this.shared(
      `range\n${stepSeconds}\n${promql}`,
      `${start.getTime()}-${end.getTime()}`,
      ttlMs,
      () => this.client.queryRange(promql, start, end, stepSeconds),
    );
  }

  private async shared<T>(
    query: string,
    at: string,
    ttlMs: number,
    send: () => Promise<T>,
  ): Promise<T> {
    const key = createHash('sha256')
      .update(`${this.client.cacheIdentity}\n${query}`)
      .digest('hex');
    const local = this.local.get(key);
    if (local && local.at === at && local.until > Date.now()) {
      this.stats.cached++;
      return local.result as T;
    }
    const flight = `${key}\n${at}`;
    const pending = this.inFlight.get(flight) as Promise<T> | undefined;
    if (pending) {
      this.stats.coalesced++;
      return pending;
    }
    const run = (async () => {
      const cached = this.cache
        ? ((await this.cache.get(key)) as Entry | undefined)
        : undefined;
      if (cached?.at === at) {
        this.stats.cached++;
        if (this.sharedKeys.delete(key)) this.sharedKeys.add(key);
        this.remember(key, at, cached.result);
        return cached.result as T;
      }
      this.stats.sent++;
      const result = await send();
      if (this.cache && ttlMs > 0) {
        await this.cache.set(key, { at, result } as any, { ttl: ttlMs });
        await this.trackShared(key);
        this.remember(key, at, result);
      }
      return result;
    })();
    this.inFlight.set(flight, run);
    try {
      return await run;
    } finally {
      this.inFlight.delete(flight);
    }
  }

  private async trackShared(key: string): Promise<void> {
    this.sharedKeys.delete(key);
    this.sharedKeys.add(key);
    while (this.sharedKeys.size > SHARED_CACHE_ENTRIES) {
      const oldest = this.sharedKeys.values().next().value!;
      this.sharedKeys.delete(oldest);
      await this.cache?.delete(oldest);
    }
  }

  private remember(key: string, at: string, result: unknown): void {
    // One entry per distinct query, like the cache; a time step overwrites the previous one. Many
    // distinct queries (series of many edges) are pruned: expired ones first, then the oldest.
    const now = Date.now();
    if (this.local.size >= LOCAL_ENTRIES)
      for (const [k, e] of this.local) if (e.until <= now) this.local.delete(k);
    if (this.local.size >= LOCAL_ENTRIES)
      this.local.delete(this.local.keys().next().value!);
    this.local.delete(key);
    this.local.set(key, { at, result, until: now + LOCAL_MS });
  }
}
