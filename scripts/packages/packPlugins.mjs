// @ts-check
/*
 * Builds the three plugin packages the way they are published and packs them:
 * `tsc` (declarations into dist-types) → `backstage-cli package build` → `npm pack` (its
 * `prepack` rewrites package.json for publishing and, for the frontend, emits the layout worker).
 *
 *   node scripts/packages/packPlugins.mjs [outDir] [--skip-tsc]
 *
 * Prints the size of each tarball; used by scripts/packages/checkPackages.mjs.
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, statSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
export const PLUGIN_DIRS = ['mesh-common', 'mesh-backend', 'mesh'].map(name =>
  join(ROOT, 'plugins', name),
);

const run = (/** @type {string} */ cwd, /** @type {string[]} */ args) =>
  execFileSync('npx', args, { cwd, stdio: ['ignore', 'inherit', 'inherit'] });

/**
 * @param {{ outDir: string, skipTsc?: boolean, log?: (m: string) => void }} options
 * @returns {Array<{ dir: string, name: string, tarball: string, bytes: number }>}
 */
export function packPlugins({ outDir, skipTsc = false, log = console.log }) {
  mkdirSync(outDir, { recursive: true });
  if (!skipTsc) {
    log('tsc (declarations for the package builds)');
    run(ROOT, ['tsc']);
  }
  return PLUGIN_DIRS.map(dir => {
    log(`backstage-cli package build: ${dir}`);
    run(dir, ['backstage-cli', 'package', 'build']);
    const [packed] = JSON.parse(
      execFileSync(
        'npm',
        ['pack', '--json', '--pack-destination', outDir, '--loglevel', 'warn'],
        { cwd: dir, encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'] },
      ).replace(/^[^[]*/, ''), // lifecycle output of prepack/postpack precedes the JSON
    );
    const tarball = join(outDir, packed.filename);
    const bytes = statSync(tarball).size;
    log(`${packed.name}: ${packed.filename} ${(bytes / 1024).toFixed(1)} KiB`);
    return { dir, name: packed.name, tarball, bytes };
  });
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const args = process.argv.slice(2);
  const outDir = resolve(args.find(a => !a.startsWith('--')) ?? 'dist-packs');
  packPlugins({ outDir, skipTsc: args.includes('--skip-tsc') });
}
