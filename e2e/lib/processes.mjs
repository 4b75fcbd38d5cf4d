// @ts-check
/*
 * What the E2E runs share for the processes they start: commands run to completion into a log,
 * long-running servers in their own process group (stopped with everything they spawned),
 * polling until ready, the app config that puts a Backstage on one port, and the guest token.
 */
import { spawn } from 'node:child_process';
import { createWriteStream } from 'node:fs';
import { setTimeout as sleep } from 'node:timers/promises';

/**
 * Runs a command to completion, its output into a log file (appended); resolves with its stdout,
 * rejects on a non-zero exit.
 */
export function run(
  /** @type {string} */ command,
  /** @type {string[]} */ args,
  /** @type {{cwd: string, log: string, env?: NodeJS.ProcessEnv}} */ options,
) {
  return new Promise((resolve, reject) => {
    const out = createWriteStream(options.log, { flags: 'a' });
    out.write(`\n$ ${command} ${args.join(' ')}   (in ${options.cwd})\n`);
    const child = spawn(command, args, {
      cwd: options.cwd,
      env: options.env ?? process.env,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    /** @type {string[]} */
    const stdout = [];
    child.stdout.on('data', chunk => stdout.push(String(chunk)));
    child.stdout.pipe(out);
    child.stderr.pipe(out);
    child.on('error', reject);
    child.on('close', code =>
      code === 0
        ? resolve(stdout.join(''))
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

/**
 * Starts a long-running process in its own process group, its output into `log`. `stop` ends
 * the whole group (SIGTERM, then SIGKILL after 10 s).
 */
export function startGroup(
  /** @type {string} */ command,
  /** @type {string[]} */ args,
  /** @type {{cwd: string, log: string, env?: NodeJS.ProcessEnv}} */ options,
) {
  const output = createWriteStream(options.log, { flags: 'a' });
  const child = spawn(command, args, {
    cwd: options.cwd,
    detached: true,
    stdio: ['ignore', 'pipe', 'pipe'],
    env: options.env ?? process.env,
  });
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
  return { child, stop };
}

/** Polls until `check` resolves true or the time is up. */
export async function waitFor(
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

/** App config lines that serve a Backstage (backend and built app) on `port` only. */
export function onePortConfig(/** @type {number} */ port) {
  const baseUrl = `http://localhost:${port}`;
  return [
    'app:',
    `  baseUrl: ${baseUrl}`,
    'backend:',
    `  baseUrl: ${baseUrl}`,
    '  listen:',
    `    port: ${port}`,
    '  cors:',
    `    origin: ${baseUrl}`,
    '',
  ].join('\n');
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
 * Waits until a Backstage backend on `baseUrl` is ready, its catalog serves `entityPath` (e.g.
 * `component/default/productpage`) to the guest, and the app is served.
 */
export async function waitForBackstage(
  /** @type {string} */ baseUrl,
  /** @type {string} */ entityPath,
) {
  await waitFor(
    async () => (await fetch(`${baseUrl}/.backstage/health/v1/readiness`)).ok,
    180_000,
    'the backend to be ready',
  );
  const token = await guestToken(baseUrl);
  await waitFor(
    async () =>
      (
        await fetch(`${baseUrl}/api/catalog/entities/by-name/${entityPath}`, {
          headers: { Authorization: `Bearer ${token}` },
        })
      ).ok,
    60_000,
    `the catalog to read ${entityPath}`,
  );
  await waitFor(async () => (await fetch(baseUrl)).ok, 10_000, 'the app');
}

/** Stops registered cleanups in reverse order, also on SIGINT/SIGTERM. */
export function cleanupRegistry(/** @type {(m: string) => void} */ log) {
  /** @type {Array<() => Promise<void>>} */
  const cleanups = [];
  const cleanUp = async () => {
    while (cleanups.length)
      await cleanups
        .pop()?.()
        .catch(error => log(`cleanup failed: ${error}`));
  };
  for (const signal of /** @type {const} */ (['SIGINT', 'SIGTERM'])) {
    process.once(signal, async () => {
      log(`${signal}: stopping`);
      await cleanUp();
      process.exit(130);
    });
  }
  return {
    add: (/** @type {() => Promise<void>} */ fn) => cleanups.push(fn),
    cleanUp,
  };
}
