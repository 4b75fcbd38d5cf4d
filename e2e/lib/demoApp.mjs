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
import { createHash } from 'node:crypto';
import {
  existsSync,
  readFileSync,
  readdirSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { createRequire } from 'node:module';
import { join, relative } from 'node:path';
import {
  onePortConfig,
  run,
  startGroup,
  waitForBackstage,
} from './processes.mjs';

export { guestToken } from './processes.mjs';

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
    `# Written by e2e/lib/demoApp.mjs: the demo on its own port, serving the built app.\n${onePortConfig(
      port,
    )}`,
  );
  const started = Date.now();
  const { stop } = startGroup(
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
      log: join(artifacts, 'backend.log'),
      env: {
        ...process.env,
        NODE_ENV: 'development',
        ESBK_TSCONFIG_PATH: join(ROOT, 'tsconfig.json'),
      },
    },
  );
  try {
    await waitForBackstage(baseUrl, 'group/default/bookinfo-team');
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
