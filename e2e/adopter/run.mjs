// @ts-check
/*
 * Adopter end-to-end test: the plugins installed the way an adopter installs them, into a Backstage
 * app that is not part of this workspace.
 *
 * 1. builds and `npm pack`s the plugin packages (sizes recorded);
 * 2. creates an app from e2e/adopter/template in a temporary directory outside the repository,
 *    installs the tarballs with `npm install --prefer-offline` (time recorded) and wires the
 *    plugins with the snippets read from the plugin READMEs;
 * 3. builds the frontend; starts a snapshot cluster's manifests and a real Prometheus scraping
 *    Istio metrics (./meshData.ts), configured with the README's config snippet;
 * 4. starts the app's backend serving the built app and runs ./checks.mjs in Chromium;
 * 5. restarts it with no cluster configured and checks the setup guidance and that no demo data
 *    is shown anywhere.
 *
 * Writes test-results/e2e-adopter/results.json (passed/failed/skipped, timings, tarball sizes),
 * which scripts/test.sh adds to its totals. Without Chromium or Prometheus the run is skipped with
 * a message, except in CI (CI=true), where it fails.
 *
 *   node e2e/adopter/run.mjs            # packs the plugins itself (tsc, build, npm pack)
 *   ADOPTER_TARBALLS=dir node e2e/adopter/run.mjs   # the tarballs scripts/test.sh packed
 *   ADOPTER_KEEP=1 node e2e/adopter/run.mjs   # keep the app directory for inspection
 *   ADOPTER_REUSE=/tmp/mesh-adopter-XXXX node e2e/adopter/run.mjs   # a kept app: skip pack + install
 */
import { spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import {
  chromiumAvailable,
  launchBrowser,
  signedInPage,
} from '../lib/browser.mjs';
import { configuredChecks, unconfiguredChecks } from './checks.mjs';
import {
  cleanupRegistry,
  guestToken,
  onePortConfig,
} from '../lib/processes.mjs';
import {
  buildFrontend,
  createAdopterApp,
  installApp,
  pluginTarballs,
  ROOT,
  startAdopterBackend,
} from './lib/adopterApp.mjs';
import { startPostgres } from './lib/postgres.mjs';
import {
  configFromSnippet,
  exportedNames,
  importedNames,
  readSnippets,
  sizingFromSnippet,
  snippet,
} from './lib/snippets.mjs';

const ARTIFACTS = join(ROOT, 'test-results/e2e-adopter');
const log = (/** @type {string} */ message) =>
  console.log(`[e2e:adopter] ${message}`);
const ALL_CHECKS = [
  'the README snippets apply and the legacy snippets name real exports',
  ...configuredChecks.map(c => c.name),
  ...unconfiguredChecks.map(c => c.name),
];

const cleanups = cleanupRegistry(log);

/** Starts ./meshData.ts from the workspace and resolves with its JSON line. */
function startMeshData(/** @type {string} */ manifestDir) {
  const child = spawn(
    process.execPath,
    [
      '--require',
      '@backstage/cli/config/nodeTransform.cjs',
      'e2e/adopter/meshData.ts',
      manifestDir,
    ],
    { cwd: ROOT, detached: true, stdio: ['ignore', 'pipe', 'inherit'] },
  );
  const stop = async () => {
    if (child.exitCode === null && child.pid)
      process.kill(-child.pid, 'SIGTERM');
  };
  cleanups.add(stop);
  return new Promise((resolve, reject) => {
    child.once('exit', code =>
      reject(new Error(`meshData.ts exited with ${code} before it was ready`)),
    );
    createInterface({ input: /** @type {any} */ (child.stdout) }).once(
      'line',
      line => resolve(JSON.parse(line)),
    );
  });
}

/** A free-enough port in the range the helpers' guide reserves for E2E runs (7100–7199). */
const pickPort = () =>
  Number(process.env.ADOPTER_PORT ?? 7100 + Math.floor(Math.random() * 100));

async function main() {
  const started = Date.now();
  rmSync(ARTIFACTS, { recursive: true, force: true });
  mkdirSync(ARTIFACTS, { recursive: true });
  /** @type {Array<{ name: string, status: 'passed' | 'failed' | 'skipped', seconds: number, error?: string }>} */
  const results = [];
  /** @type {Record<string, unknown>} */
  const figures = {};
  const write = () => {
    const count = (/** @type {string} */ status) =>
      results.filter(r => r.status === status).length;
    const counts = {
      passed: count('passed'),
      failed: count('failed'),
      skipped: count('skipped'),
    };
    const durationSeconds = Math.round((Date.now() - started) / 100) / 10;
    writeFileSync(
      join(ARTIFACTS, 'results.json'),
      `${JSON.stringify(
        { ...counts, durationSeconds, figures, checks: results },
        null,
        2,
      )}\n`,
    );
    log(
      `${counts.passed} passed, ${counts.failed} failed, ${counts.skipped} skipped in ${durationSeconds} s (artifacts: test-results/e2e-adopter)`,
    );
    return counts.failed > 0 ? 1 : 0;
  };

  const missing = [
    chromiumAvailable() ? undefined : 'Chromium (/usr/bin/chromium)',
  ].filter(Boolean);
  if (missing.length > 0) {
    const status = process.env.CI === 'true' ? 'failed' : 'skipped';
    log(`${missing.join(', ')} missing: the adopter checks are ${status}`);
    for (const name of ALL_CHECKS) results.push({ name, status, seconds: 0 });
    return write();
  }

  const reuse = process.env.ADOPTER_REUSE;
  const work = reuse ?? mkdtempSync(join(tmpdir(), 'mesh-adopter-'));
  if (!process.env.ADOPTER_KEEP && !reuse)
    cleanups.add(async () => rmSync(work, { recursive: true, force: true }));
  const appDir = join(work, 'app');
  const buildLog = join(ARTIFACTS, 'build.log');

  /** Runs one check, recording it; returns whether it passed. */
  const record = async (
    /** @type {string} */ name,
    /** @type {() => Promise<void>} */ fn,
  ) => {
    const checkStarted = Date.now();
    try {
      await fn();
      results.push({
        name,
        status: 'passed',
        seconds: (Date.now() - checkStarted) / 1000,
      });
      log(`✓ ${name}`);
      return true;
    } catch (error) {
      // eslint-disable-next-line no-control-regex
      const message = (
        error instanceof Error ? error.message : String(error)
      ).replace(/\u001b\[[0-9;]*m/g, '');
      results.push({
        name,
        status: 'failed',
        seconds: (Date.now() - checkStarted) / 1000,
        error: message,
      });
      log(`✗ ${name}\n    ${message.split('\n').slice(0, 6).join('\n    ')}`);
      return false;
    }
  };

  try {
    const snippets = {
      frontend: readSnippets(join(ROOT, 'plugins/mesh/README.md')),
      backend: readSnippets(join(ROOT, 'plugins/mesh-backend/README.md')),
    };

    if (!reuse) {
      log('building and packing the plugin packages');
      const packStarted = Date.now();
      const tarballs = pluginTarballs({
        dir: process.env.ADOPTER_TARBALLS,
        work,
        skipTsc: process.env.ADOPTER_TSC_DONE === '1',
        log: m => log(`  ${m}`),
      });
      figures.packSeconds = (Date.now() - packStarted) / 1000;
      figures.tarballBytes = Object.fromEntries(
        [...tarballs].map(([name, { bytes }]) => [name, bytes]),
      );
      for (const [name, { bytes }] of tarballs)
        log(`  ${name}: ${(bytes / 1024).toFixed(0)} KiB packed`);
      createAdopterApp({ dir: appDir, tarballs, snippets });
      log(
        `installing the adopter app in ${appDir} (npm install --prefer-offline)`,
      );
      figures.installSeconds = await installApp({ dir: appDir, log: buildLog });
      log(`  installed in ${figures.installSeconds} s`);
    }

    await record(ALL_CHECKS[0], async () => {
      // The legacy frontend system's snippets cannot run in this new-frontend-system app; their
      // imports must at least be real exports of the installed package.
      const exported = exportedNames(
        readFileSync(
          join(appDir, 'node_modules/@mesh-portal/plugin-mesh/dist/index.d.ts'),
          'utf8',
        ),
      );
      for (const name of ['legacy-entity-page', 'legacy-route-and-sidebar']) {
        const names = importedNames(
          snippet(snippets.frontend, name, 'plugins/mesh/README.md'),
          '@mesh-portal/plugin-mesh',
        );
        const unknown = names.filter(n => !exported.has(n));
        if (names.length === 0 || unknown.length > 0)
          throw new Error(
            `${name} imports ${
              unknown.join(', ') || 'nothing'
            } that the package does not export`,
          );
      }
    });

    figures.frontendBuildSeconds = await buildFrontend({
      dir: appDir,
      log: buildLog,
    });
    log(`built the adopter frontend in ${figures.frontendBuildSeconds} s`);

    const data = await startMeshData(join(work, 'cluster'));
    log(`snapshot manifests and Prometheus ready (${data.prometheusUrl})`);
    const meshYaml = configFromSnippet(
      snippet(
        snippets.backend,
        'config-snapshot',
        'plugins/mesh-backend/README.md',
      ),
      config => {
        const [cluster] = config.mesh.clusters;
        cluster.name = data.clusterName;
        cluster.snapshot.path = join(work, 'cluster');
        config.mesh.prometheus.url = data.prometheusUrl;
      },
    );

    const postgres = await startPostgres();
    cleanups.add(postgres.stop);
    const databaseEnv = {
      POSTGRES_HOST: postgres.connection.host,
      POSTGRES_PORT: String(postgres.connection.port),
      POSTGRES_USER: postgres.connection.user,
      POSTGRES_PASSWORD: 'unused-trust-auth',
    };
    const browser = await launchBrowser();
    cleanups.add(() => browser.close());
    let shots = 0;
    // The configured app's backend runs as the README's "Sizing a replica" snippet says.
    const sizing = sizingFromSnippet(
      snippet(
        snippets.backend,
        'sizing-a-replica',
        'plugins/mesh-backend/README.md',
      ),
    );
    const runChecks = async (
      /** @type {import('./checks.mjs').AdopterCheck[]} */ checks,
      /** @type {string} */ extraConfig,
      /** @type {{ env: Record<string, string>, nodeFlags: string[] } | undefined} */ deployment,
    ) => {
      const port = pickPort();
      const configFile = join(work, `app-config.${port}.yaml`);
      writeFileSync(
        configFile,
        `# Written by e2e/adopter/run.mjs: the app on its own port.\n${onePortConfig(
          port,
        )}${extraConfig}`,
      );
      const backend = await startAdopterBackend({
        dir: appDir,
        port,
        configFile,
        log: join(ARTIFACTS, 'backend.log'),
        env: { ...databaseEnv, ...deployment?.env },
        nodeFlags: deployment?.nodeFlags ?? [],
      });
      try {
        const token = await guestToken(backend.baseUrl);
        const page = await signedInPage(browser, backend.baseUrl);
        for (const check of checks) {
          const ok = await record(check.name, () =>
            check.run({
              page,
              baseUrl: backend.baseUrl,
              backendPid: backend.pid,
              deployment,
              token,
              fleetSize: data.fleetSize,
              screenshot: async name => {
                shots++;
                await page.screenshot({
                  path: join(
                    ARTIFACTS,
                    `${String(shots).padStart(2, '0')}-${name}.png`,
                  ),
                });
              },
            }),
          );
          if (!ok)
            await page
              .screenshot({
                path: join(
                  ARTIFACTS,
                  `${String(++shots).padStart(2, '0')}-FAILED.png`,
                ),
              })
              .catch(() => undefined);
        }
        await page.context().close();
      } finally {
        await backend.stop();
      }
    };
    await runChecks(configuredChecks, meshYaml, sizing);
    await runChecks(unconfiguredChecks, '', undefined);
  } catch (error) {
    log(`setup failed: ${error instanceof Error ? error.stack : error}`);
  } finally {
    await cleanups.cleanUp();
  }
  // Checks that did not run because setup failed count as failed.
  for (const name of ALL_CHECKS.filter(n => !results.some(r => r.name === n)))
    results.push({
      name,
      status: 'failed',
      seconds: 0,
      error: 'not run: setup failed',
    });
  return write();
}

process.exitCode = await main();
