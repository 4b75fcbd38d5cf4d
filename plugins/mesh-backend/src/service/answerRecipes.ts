/*
 * How a mesh model's shared answers (./sharedAnswers: the whole-mesh graph of a caller view, and
 * what is derived from it, such as the overview) are computed again for the model's next snapshot
 * before requests see it (./perSnapshot prepare, ../sources/model/TrafficModel install): the
 * first request after each refresh no longer waits for them (at 5,000 workloads a single user's
 * first overview after a refresh took 2.2 s). A recipe is kept per snapshot and answer key — the
 * key holds the caller view's digest, so what it computes is only ever read by callers who see
 * the same — and only for answers requests read: a recipe runs for the next snapshot, and that
 * snapshot gets a recipe of its own only when a request reads its answers, so views nobody asks
 * for any more stop costing anything after one refresh.
 */
import type { Reuse } from './sharedAnswers';

/** Recipes kept per snapshot: the most recently read views (each computes a few large answers). */
export const MAX_RECIPES = 2;

export class AnswerRecipe<A extends { reuse: Reuse }> {
  private readonly derived = new Map<string, (answer: A) => unknown>();

  constructor(private answerFor: (next: object) => Promise<A>) {}

  /** The latest request's way to the answer (its catalog links are the freshest of the view). */
  update(answerFor: (next: object) => Promise<A>): void {
    this.answerFor = answerFor;
  }

  /** Computes `name` from the next snapshot's answer too, as `compute` does from this one's. */
  derive(name: string, compute: (answer: A) => unknown): void {
    this.derived.set(name, compute);
  }

  /** Computes the answer and what is derived from it for `next`, kept as requests will ask. */
  async run(next: object): Promise<void> {
    const answer = await this.answerFor(next);
    for (const [name, compute] of this.derived)
      await answer.reuse(name, () => compute(answer));
  }
}

/** The recipes of each snapshot, by answer key, most recently read last. */
export class AnswerRecipes<A extends { reuse: Reuse }> {
  private readonly bySnapshot = new WeakMap<
    object,
    Map<string, AnswerRecipe<A>>
  >();

  /** The recipe of `key` for `snapshot`, made with `answerFor` or updated to it. */
  recipe(
    snapshot: object,
    key: string,
    answerFor: (next: object) => Promise<A>,
  ): AnswerRecipe<A> {
    let recipes = this.bySnapshot.get(snapshot);
    if (!recipes) this.bySnapshot.set(snapshot, (recipes = new Map()));
    let recipe = recipes.get(key);
    recipes.delete(key);
    if (recipe) recipe.update(answerFor);
    else recipe = new AnswerRecipe(answerFor);
    recipes.set(key, recipe);
    while (recipes.size > MAX_RECIPES)
      recipes.delete(recipes.keys().next().value!);
    return recipe;
  }

  /** Runs the recipes of `previous` for `next`; a failing one only costs its requests speed. */
  async prepare(next: object, previous: object): Promise<void> {
    for (const recipe of [...(this.bySnapshot.get(previous)?.values() ?? [])])
      await recipe.run(next).catch(() => undefined);
  }
}
