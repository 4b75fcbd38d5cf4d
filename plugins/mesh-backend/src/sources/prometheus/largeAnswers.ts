/*
 * Which queries the worker thread sends itself (./fetchVectorJob): those whose last answer was
 * large (from `offThreadBytes` on). The mesh model asks the same queries every refresh (the time
 * is a parameter, not part of the query), so a mesh whose answers are large has them read off the
 * event loop from its second refresh on, and a small one never starts the worker for them; an
 * answer that has become small goes back to the event loop.
 */

/** Queries remembered at most (a model asks a few per window and namespace group). */
const MAX_QUERIES = 1000;

export class LargeAnswers {
  private readonly queries = new Set<string>();

  has(promql: string): boolean {
    return this.queries.has(promql);
  }

  /** The answer to `promql` was `large` or not. */
  answered(promql: string, large: boolean): void {
    this.queries.delete(promql);
    if (!large) return;
    this.queries.add(promql);
    if (this.queries.size > MAX_QUERIES)
      this.queries.delete(this.queries.values().next().value!);
  }
}
