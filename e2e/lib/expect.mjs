// @ts-check
/*
 * The few assertions the checks need. playwright-core has no test runner (its `expect` lives in
 * @playwright/test), so locators are awaited with Playwright's own waiting and plain values are
 * compared with node:assert.
 */
import assert from 'node:assert/strict';

const TIMEOUT_MS = 30_000;

/** @param {any} actual */
export function expect(actual) {
  const isLocator =
    actual &&
    typeof actual.waitFor === 'function' &&
    typeof actual.innerText === 'function';
  if (isLocator) {
    /** @type {import('playwright-core').Locator} */
    const locator = actual;
    return {
      /** Waits until the element is visible. */
      toBeVisible: () =>
        locator.waitFor({ state: 'visible', timeout: TIMEOUT_MS }),
      /** Waits until the element is in the page (visible or not: a flat chart line has no height). */
      toBeAttached: () =>
        locator.waitFor({ state: 'attached', timeout: TIMEOUT_MS }),
      /** Waits until the element's text contains `text`. */
      async toContainText(/** @type {string} */ text) {
        await locator.waitFor({ state: 'visible', timeout: TIMEOUT_MS });
        const deadline = Date.now() + TIMEOUT_MS;
        let seen = '';
        while (Date.now() < deadline) {
          seen = await locator.innerText();
          if (seen.includes(text)) return;
          await new Promise(resolve => setTimeout(resolve, 250));
        }
        assert.fail(
          `expected text containing ${JSON.stringify(
            text,
          )}, got ${JSON.stringify(seen.slice(0, 300))}`,
        );
      },
    };
  }
  return {
    toBe: (/** @type {any} */ expected) => assert.equal(actual, expected),
    toEqual: (/** @type {any} */ expected) =>
      assert.deepEqual(actual, expected),
    toContain: (/** @type {any} */ item) =>
      assert.ok(
        actual.includes(item),
        `expected ${JSON.stringify(
          String(actual).slice(0, 200),
        )}… to contain ${JSON.stringify(item)}`,
      ),
    toBeGreaterThan: (/** @type {number} */ bound) =>
      assert.ok(actual > bound, `expected ${actual} > ${bound}`),
    toBeLessThan: (/** @type {number} */ bound) =>
      assert.ok(actual < bound, `expected ${actual} < ${bound}`),
  };
}
