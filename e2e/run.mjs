// @ts-check
/*
 * End-to-end run: builds the demo app, starts the backend serving it, runs the checks in headless
 * Chromium, and stops everything, also on failure or interruption. Writes screenshots and
 * `results.json` (passed/failed/skipped) to test-results/e2e; exits non-zero when a check failed.
 *
 *   node e2e/run.mjs                      # build (if the app changed), start on :7017, run
 *   E2E_BASE_URL=http://localhost:3000 node e2e/run.mjs   # against an app that is already running
 *
 * Without Chromium the run is skipped with a message, except in CI (CI=true), where it fails.
 */
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { checks as userChecks } from './checks.mjs';
import { graphChecks } from './graphChecks.mjs';
import { chromiumAvailable, CHROMIUM_PATH } from './lib/browser.mjs';
import { ROOT } from './lib/demoApp.mjs';
import { demoComponents, readableByGuest } from './lib/demoCatalog.mjs';
import { cleanupRegistry } from './lib/processes.mjs';
import { withFullHeightViewport } from './lib/fullHeight.mjs';
import { openSession } from './lib/session.mjs';

const ARTIFACTS = join(ROOT, 'test-results/e2e');
/** E2E_ONLY=<regex> runs only the checks whose name matches (for working on one check). */
const only = process.env.E2E_ONLY
  ? new RegExp(process.env.E2E_ONLY)
  : undefined;
const checks = [...userChecks, ...graphChecks].filter(
  check => !only || only.test(check.name),
);
const log = (/** @type {string} */ message) => console.log(`[e2e] ${message}`);

const cleanups = cleanupRegistry(log);

function writeResults(
  /** @type {{ passed: number, failed: number, skipped: number }} */ counts,
  /** @type {object[]} */ results,
  /** @type {number} */ started,
) {
  const durationSeconds = Math.round((Date.now() - started) / 100) / 10;
  writeFileSync(
    join(ARTIFACTS, 'results.json'),
    `${JSON.stringify(
      { ...counts, durationSeconds, checks: results },
      null,
      2,
    )}\n`,
  );
  log(
    `${counts.passed} passed, ${counts.failed} failed, ${counts.skipped} skipped in ${durationSeconds} s (artifacts: test-results/e2e)`,
  );
}

/** A screenshot of the whole page. */
const fullHeightScreenshot = (
  /** @type {import('playwright-core').Page} */ page,
  /** @type {string} */ path,
) =>
  withFullHeightViewport(page, () => page.screenshot({ path, fullPage: true }));

async function main() {
  const started = Date.now();
  rmSync(ARTIFACTS, { recursive: true, force: true });
  mkdirSync(ARTIFACTS, { recursive: true });

  if (!chromiumAvailable()) {
    const message = `Chromium not found at ${CHROMIUM_PATH} (Debian package chromium, or set CHROMIUM_PATH)`;
    if (process.env.CI === 'true') {
      log(`${message}: failing, as CI must run the browser checks`);
      writeResults(
        { passed: 0, failed: checks.length, skipped: 0 },
        [],
        started,
      );
      return 1;
    }
    log(`${message}: skipping the browser checks`);
    writeResults({ passed: 0, failed: 0, skipped: checks.length }, [], started);
    return 0;
  }

  /** @type {Array<{ name: string, status: 'passed' | 'failed' | 'skipped', seconds: number, error?: string }>} */
  const results = [];
  try {
    const session = await openSession({
      port: Number(process.env.E2E_PORT ?? 7017),
      artifacts: ARTIFACTS,
      log,
    });
    cleanups.add(session.close);
    const { page, baseUrl } = session;
    const components = demoComponents();

    let shots = 0;
    for (const check of checks) {
      const checkStarted = Date.now();
      const screenshot = async (/** @type {string} */ name) => {
        shots++;
        await fullHeightScreenshot(
          page,
          join(ARTIFACTS, `${String(shots).padStart(2, '0')}-${name}.png`),
        );
      };
      try {
        const readable = (/** @type {string[]} */ names) =>
          readableByGuest(baseUrl, names);
        await check.run({
          page,
          baseUrl,
          components,
          readableByGuest: readable,
          screenshot,
        });
        results.push({
          name: check.name,
          status: 'passed',
          seconds: (Date.now() - checkStarted) / 1000,
        });
        log(`✓ ${check.name}`);
      } catch (error) {
        // Playwright colours its call logs; the results file and CI logs want plain text.
        // eslint-disable-next-line no-control-regex
        const message = (
          error instanceof Error ? error.message : String(error)
        ).replace(/\u001b\[[0-9;]*m/g, '');
        results.push({
          name: check.name,
          status: 'failed',
          seconds: (Date.now() - checkStarted) / 1000,
          error: message,
        });
        log(
          `✗ ${check.name}\n    ${message
            .split('\n')
            .slice(0, 6)
            .join('\n    ')}`,
        );
        await screenshot('FAILED').catch(() => undefined);
      }
    }
  } catch (error) {
    // Setup failed (build, backend, browser): every check that did not run counts as failed.
    log(`setup failed: ${error instanceof Error ? error.stack : error}`);
    for (const check of checks.slice(results.length)) {
      results.push({
        name: check.name,
        status: 'failed',
        seconds: 0,
        error: 'not run: setup failed',
      });
    }
  } finally {
    await cleanups.cleanUp();
  }

  const count = (/** @type {string} */ status) =>
    results.filter(r => r.status === status).length;
  writeResults(
    {
      passed: count('passed'),
      failed: count('failed'),
      skipped: count('skipped'),
    },
    results,
    started,
  );
  return count('failed') > 0 ? 1 : 0;
}

process.exitCode = await main();
