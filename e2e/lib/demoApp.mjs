// @ts-check
/*
 * Starts the demo Backstage for browser tests the way it runs in production: the app is built
 * once (`backstage-cli package build`) and served by the backend's app plugin on one port. On a
 * 2-core CI machine this is steadier and lighter than the dev server (no Rspack watcher and
 * dev server next to Chromium: ~0.5 GB instead of ~2 GB while the browser runs).
 *
 * The backend runs as one plain Node process (the CLI's TypeScript loader, without its file
 * watcher), so edits in the work tree cannot restart it in the middle of a run, and it is stopped
 * by its own process group id.
 */
import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import {
  createWriteStream,
  existsSync,
  readFileSync,
  readdirSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { createRequire } from 'node:module';
import { join, relative } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';

export const ROOT = new URL('../..', import.meta.url).pathname.replace(
  /\/$/,
  '',
);
const require = createRequire(join(ROOT, 'package.json'));

/** Files whose content decides the built app: its sources, the plugins it bundles, the lock file. */
function appInputsHash() {
  const hash = createHash('sha256');
  const walk = (/** @type {string} */ dir) => {
    for (const name of readdirSync(dir).sort()) {
      if (name === 'node_modules' || name === 'dist' || name.startsWith('.'))
        continue;
      const path = join(dir, name);
      if (statSync(path).isDirectory()) walk(path);
      else hash.update(relative(ROOT, path)).update(readFileSync(path));
    }
  };
  for (const dir of ['packages/app', 'plugins/mesh', 'plugins/mesh-common'])
    walk(join(ROOT, dir));
  hash.update(readFileSync(join(ROOT, 'package-lock.json')));
  return hash.digest('hex');
}

/** Runs a command to completion, its output into a log file; rejects on a non-zero exit. */
function run(
  /** @type {string} */ command,
  /** @type {string[]} */ args,
  /** @type {{cwd: string, log: string}} */ options,
) {
  return new Promise((resolve, reject) => {
    const out = createWriteStream(options.log);
    const child = spawn(command, args, {
      cwd: options.cwd,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    child.stdout.pipe(out);
    child.stderr.pipe(out);
    child.on('error', reject);
    child.on('close', code =>
      code === 0
        ? resolve(undefined)
        : reject(
            new Error(
              `${command} ${args.join(' ')} exited with ${code}; see ${
                options.log
              }`,
            ),
          ),
    );
  });
}

/** Builds packages/app unless the last build was made from the same inputs. */
export async function buildApp(
  /** @type {{ artifacts: string, log: (m: string) => void }} */ {
    artifacts,
    log,
  },
) {
  const stamp = join(ROOT, 'packages/app/dist/.e2e-inputs');
  const inputs = appInputsHash();
  if (existsSync(stamp) && readFileSync(stamp, 'utf8') === inputs) {
    log('app build is up to date');
    return;
  }
  const started = Date.now();
  await run('npx', ['backstage-cli', 'package', 'build'], {
    cwd: join(ROOT, 'packages/app'),
    log: join(artifacts, 'app-build.log'),
  });
  writeFileSync(stamp, inputs);
  log(`built the app in ${((Date.now() - started) / 1000).toFixed(1)} s`);
}

/** Polls until `check` resolves true or the time is up. */
async function waitFor(
  /** @type {() => Promise<boolean>} */ check,
  /** @type {number} */ timeoutMs,
  /** @type {string} */ what,
) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (await check().catch(() => false)) return;
    await sleep(500);
  }
  throw new Error(`Timed out after ${timeoutMs / 1000} s waiting for ${what}`);
}

/** A guest token, as the sign-in page gets one. */
export async function guestToken(/** @type {string} */ baseUrl) {
  const response = await fetch(`${baseUrl}/api/auth/guest/refresh`, {
    headers: { 'X-Requested-With': 'XMLHttpRequest' },
  });
  if (!response.ok) throw new Error(`guest sign-in failed: ${response.status}`);
  return (await response.json()).backstageIdentity.token;
}

/**
 * Starts the backend serving the built app on `port` and waits until the catalog has read the
 * demo entities. Returns the base URL and a `stop` that ends the backend's whole process group.
 */
export async function startBackend(
  /** @type {{ port: number, artifacts: string, log: (m: string) => void }} */ {
    port,
    artifacts,
    log,
  },
) {
  const baseUrl = `http://localhost:${port}`;
  const config = join(artifacts, 'app-config.e2e.yaml');
  writeFileSync(
    config,
    [
      '# Written by e2e/lib/demoApp.mjs: the demo on its own port, serving the built app.',
      'app:',
      `  baseUrl: ${baseUrl}`,
      'backend:',
      `  baseUrl: ${baseUrl}`,
      '  listen:',
      `    port: ${port}`,
      '  cors:',
      `    origin: ${baseUrl}`,
      '',
    ].join('\n'),
  );
  const output = createWriteStream(join(artifacts, 'backend.log'));
  const started = Date.now();
  const child = spawn(
    process.execPath,
    [
      '--enable-source-maps',
      '--require',
      require.resolve('@backstage/cli-node/config/nodeTransform.cjs'),
      'src/index.ts',
      '--config',
      join(ROOT, 'app-config.yaml'),
      '--config',
      config,
    ],
    {
      cwd: join(ROOT, 'packages/backend'),
      // Its own process group, so that stopping it also stops anything it spawned.
      detached: true,
      stdio: ['ignore', 'pipe', 'pipe'],
      env: {
        ...process.env,
        NODE_ENV: 'development',
        ESBK_TSCONFIG_PATH: join(ROOT, 'tsconfig.json'),
      },
    },
  );
  child.stdout?.pipe(output);
  child.stderr?.pipe(output);
  const exited = new Promise(resolve => child.once('exit', resolve));

  const stop = async () => {
    if (child.exitCode !== null || child.pid === undefined) return;
    try {
      process.kill(-child.pid, 'SIGTERM');
    } catch {
      return;
    }
    const timeout = sleep(10_000).then(() => 'timeout');
    if ((await Promise.race([exited, timeout])) === 'timeout')
      process.kill(-child.pid, 'SIGKILL');
  };

  try {
    await waitFor(
      async () => (await fetch(`${baseUrl}/.backstage/health/v1/readiness`)).ok,
      120_000,
      'the backend to be ready',
    );
    const token = await guestToken(baseUrl);
    await waitFor(
      async () =>
        (
          await fetch(
            `${baseUrl}/api/catalog/entities/by-name/group/default/bookinfo-team`,
            { headers: { Authorization: `Bearer ${token}` } },
          )
        ).ok,
      60_000,
      'the catalog to read the demo entities',
    );
    await waitFor(
      async () => (await fetch(baseUrl)).ok,
      10_000,
      'the app to be served',
    );
  } catch (error) {
    await stop();
    throw error;
  }
  log(
    `backend ready on ${baseUrl} in ${((Date.now() - started) / 1000).toFixed(
      1,
    )} s`,
  );
  return { baseUrl, stop };
}
