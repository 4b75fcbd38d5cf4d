#!/usr/bin/env node
/*
 * Emits the graph layout web worker into the published build of @mesh-portal/plugin-mesh; runs
 * in the package's `prepack`, after `backstage-cli package build`.
 *
 * Why: the source starts the worker with `new Worker(new URL('./layout.worker.ts',
 * import.meta.url))`, which the adopter's bundler (Rspack/webpack in backstage-cli) turns into a
 * worker chunk served from the app's own origin (allowed by Backstage's default
 * Content-Security-Policy, unlike a Blob URL). The package build only emits modules reachable from
 * the entry points, so dist/ has neither the worker nor any `.ts` file. This script bundles the
 * worker (its npm dependencies stay imports, resolved by the adopter's bundler like every other
 * import of the package) to dist/lib/layout.worker.esm.js and points the runner at it.
 * See docs/design-decisions.md ("Layout worker").
 */
import esbuild from 'esbuild';
import fs from 'node:fs';
import path from 'node:path';

const pkgDir = path.resolve(process.argv[2] ?? '.');
const distLib = path.join(pkgDir, 'dist', 'lib');
const runnerFile = path.join(distLib, 'layoutRunner.esm.js');
const WORKER_OUT = 'layout.worker.esm.js';
const SOURCE_URL = 'new URL("./layout.worker.ts", import.meta.url)';
const DIST_URL = `new URL("./${WORKER_OUT}", import.meta.url)`;

if (!fs.existsSync(runnerFile)) {
  throw new Error(
    `${runnerFile} is missing: run \`backstage-cli package build\` in ${pkgDir} first`,
  );
}

await esbuild.build({
  entryPoints: [path.join(pkgDir, 'src', 'lib', 'layout.worker.ts')],
  outfile: path.join(distLib, WORKER_OUT),
  bundle: true,
  packages: 'external',
  format: 'esm',
  platform: 'browser',
  target: 'es2022',
  sourcemap: true,
  logLevel: 'warning',
});

const runner = fs.readFileSync(runnerFile, 'utf8');
const uses = runner.split(SOURCE_URL).length - 1;
if (uses === 1) {
  fs.writeFileSync(runnerFile, runner.replace(SOURCE_URL, DIST_URL));
} else if (!runner.includes(DIST_URL)) {
  throw new Error(
    `${runnerFile}: expected exactly one ${SOURCE_URL} (found ${uses}); ` +
      'the worker start in src/lib/layoutRunner.ts and this script must agree',
  );
}
console.log(
  `layout worker: dist/lib/${WORKER_OUT} emitted, runner points at it`,
);
