/*
 * Coalescing and caching of Prometheus queries. Concurrent identical queries (same PromQL, same
 * evaluation time) share one request in flight; finished results are kept in Backstage's
 * CacheService for a short TTL, so a page refreshed by many users costs Prometheus one query set
 * per time step.
 */
import { CacheService } from '@backstage/backend-plugin-api';
import { createHash } from 'crypto';
import { PrometheusClient, QueryResult, RangeResult } from './PrometheusClient';

export interface QueryStats {
  /** Queries sent to Prometheus. */
  sent: number;
  /** Queries answered by joining one already in flight. */
  coalesced: number;
  /** Queries answered from the cache. */
  cached: number;
}

export class CachedPrometheus {
  readonly stats: QueryStats = { sent: 0, coalesced: 0, cached: 0 };
  private readonly inFlight = new Map<string, Promise<unknown>>();

  constructor(private readonly client: PrometheusClient, private readonly cache?: CacheService) {}

  get displayUrl(): string {
    return this.client.displayUrl;
  }

  async query(promql: string, time: Date, ttlMs: number): Promise<QueryResult> {
    return this.shared(`query\n${time.getTime()}\n${promql}`, ttlMs, () => this.client.query(promql, time));
  }

  async queryRange(promql: string, start: Date, end: Date, stepSeconds: number, ttlMs: number): Promise<RangeResult> {
    return this.shared(`range\n${start.getTime()}\n${end.getTime()}\n${stepSeconds}\n${promql}`, ttlMs, () =>
      this.client.queryRange(promql, start, end, stepSeconds),
    );
  }

  private async shared<T>(what: string, ttlMs: number, send: () => Promise<T>): Promise<T> {
    const key = createHash('sha256').update(`${this.client.displayUrl}\n${what}`).digest('hex');
    const pending = this.inFlight.get(key) as Promise<T> | undefined;
    if (pending) {
      this.stats.coalesced++;
      return pending;
    }
    const run = (async () => {
      const cached = this.cache ? ((await this.cache.get(key)) as T | undefined) : undefined;
      if (cached) {
        this.stats.cached++;
        return cached;
      }
      this.stats.sent++;
      const result = await send();
      if (this.cache && ttlMs > 0) await this.cache.set(key, result as any, { ttl: ttlMs });
      return result;
    })();
    this.inFlight.set(key, run);
    try {
      return await run;
    } finally {
      this.inFlight.delete(key);
    }
  }
}
