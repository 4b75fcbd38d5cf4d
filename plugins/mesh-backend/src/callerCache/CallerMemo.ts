/*
 * Catalog reads and permission decisions made as a caller, shared by that caller's requests
 * (issue 15: under load most of a request's cost was these round trips; README "Under load"):
 * - identical reads in flight at the same time join one call (nothing is ever stale: they would
 *   have got the same answer);
 * - within one request (Backstage's httpAuth hands out one credentials object per request, so the
 *   object is the request), an answer is reused for the rest of that request: resolving the entity
 *   asks for its `mesh.entity.read` decision, the answer's batch asks for it again;
 * - with a TTL (`mesh.callerCache.ttlSeconds`, default 0 = off), an answer is reused for that long.
 *   A change of the permission policy or of an entity then reaches the caller up to TTL late.
 * Keys always start with the caller (./callerKey). Failures are never kept: every waiter of a
 * failed call gets the failure (fail closed), and the next call tries again.
 */
export class CallerMemo {
  private readonly entries = new Map<
    string,
    { value: Promise<unknown>; settledAt?: number }
  >();

  constructor(
    private readonly ttlMs: number,
    /** A bound on entries kept (oldest first out); in-flight calls are never dropped. */
    private readonly maxEntries = 10_000,
    private readonly now: () => number = Date.now,
  ) {}

  /** Answers already given within a request (the credentials object), for the rest of it. */
  private readonly perRequest = new WeakMap<
    object,
    Map<string, Promise<unknown>>
  >();

  /**
   * The answer of `load` for this key: joined while in flight, reused for the TTL, and within
   * `request` (the caller's credentials object) for as long as that request holds it.
   */
  get<T>(key: string, load: () => Promise<T>, request?: object): Promise<T> {
    if (!request) return this.shared(key, load);
    let answers = this.perRequest.get(request);
    if (!answers) this.perRequest.set(request, (answers = new Map()));
    const known = answers.get(key);
    if (known) return known as Promise<T>;
    const value = this.shared(key, load);
    answers.set(key, value);
    value.catch(() => answers!.delete(key));
    return value;
  }

  private shared<T>(key: string, load: () => Promise<T>): Promise<T> {
    const entry = this.entries.get(key);
    if (
      entry &&
      (entry.settledAt === undefined ||
        this.now() - entry.settledAt < this.ttlMs)
    )
      return entry.value as Promise<T>;
    const value = load();
    const fresh: { value: Promise<unknown>; settledAt?: number } = { value };
    this.entries.delete(key);
    this.entries.set(key, fresh);
    const forget = () => {
      if (this.entries.get(key) === fresh) this.entries.delete(key);
    };
    value.then(() => {
      if (this.ttlMs <= 0) forget();
      else fresh.settledAt = this.now();
    }, forget);
    this.evict();
    return value;
  }

  /** How many answers are kept or in flight (for tests). */
  get size(): number {
    return this.entries.size;
  }

  /** Drops expired answers (oldest first: entries are kept in the order they were asked for), and the oldest settled ones over the bound. */
  private evict(): void {
    const now = this.now();
    for (const [key, entry] of this.entries) {
      if (entry.settledAt === undefined) continue;
      const expired = now - entry.settledAt >= this.ttlMs;
      if (!expired && this.entries.size <= this.maxEntries) return;
      this.entries.delete(key);
    }
  }
}
