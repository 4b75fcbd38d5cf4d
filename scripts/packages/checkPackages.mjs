// @ts-check
/*
 * Proves on the PUBLISHED form of the plugin packages (built, packed tarballs) what adopters rely
 * on: the tarball carries dist/, README, config.d.ts + its compiled schema (backend) and no test
 * harness or TypeScript sources; every package that run-time code or the public types import is a
 * declared dependency (never a devDependency such as supertest, ajv, msw or backend-test-utils);
 * and the frontend's layout worker starts from an adopter's bundle under Backstage's default
 * Content-Security-Policy (scripts/packages/workerInAdopterBundle.mjs).
 *
 *   node scripts/packages/checkPackages.mjs [--skip-tsc] [--keep-tarballs dir]   # exits 1 on any finding
 *
 * `--keep-tarballs` packs into `dir` and leaves the tarballs there (the adopter test installs them).
 */
import { execFileSync } from 'node:child_process';
import {
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
} from 'node:fs';
import { builtinModules } from 'node:module';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { packPlugins } from './packPlugins.mjs';
import { checkWorkerInAdopterBundle } from './workerInAdopterBundle.mjs';

/** Never a run-time dependency of a published plugin: test and build tooling. */
const DEV_ONLY =
  /^(supertest|ajv|ajv-formats|msw|jest|@testing-library\/.*|@backstage\/(backend-test-utils|test-utils|frontend-test-utils|backend-defaults|cli|dev-utils|frontend-dev-utils))$/;
/** Test harness and sources that must stay out of the tarball. */
const HARNESS =
  /(__testUtils__|testUtils|\/hostile\/|\/parity\/|\.test\.|^dev\/|^bench\/|^src\/)/;
const BUILTINS = new Set(builtinModules.flatMap(m => [m, `node:${m}`]));

/** @param {string} dir @returns {string[]} paths relative to dir */
function walk(dir, base = dir) {
  return readdirSync(dir).flatMap(entry => {
    const full = join(dir, entry);
    return statSync(full).isDirectory()
      ? walk(full, base)
      : [relative(base, full)];
  });
}

/** Bare package names a JS or declaration file imports, requires or re-exports. */
function importedPackages(/** @type {string} */ text) {
  const specifiers = [
    ...text.matchAll(
      /(?:\bfrom\s*|\bimport\s*\(?\s*|\brequire\s*\(\s*)['"]([^'"]+)['"]/g,
    ),
  ].map(m => m[1]);
  return specifiers
    .filter(s => !s.startsWith('.') && !s.startsWith('/'))
    .map(s =>
      (s.startsWith('@')
        ? s.split('/').slice(0, 2)
        : s.split('/').slice(0, 1)
      ).join('/'),
    );
}

/** @returns {string[]} findings for one unpacked package */
function checkUnpacked(
  /** @type {string} */ dir,
  /** @type {string} */ sourceDir,
) {
  const findings = [];
  const files = walk(dir);
  const pkg = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8'));
  const role = pkg.backstage?.role;
  const has = (/** @type {string} */ f) => files.includes(f);
  if (pkg.private) findings.push('package.json is private');
  if (!has('README.md')) findings.push('README.md missing');
  if (!files.some(f => f.startsWith('dist/'))) findings.push('dist/ missing');
  for (const key of ['main', 'module', 'types']) {
    if (pkg[key] && !has(pkg[key].replace(/^\.\//, '')))
      findings.push(
        `${key} points at ${pkg[key]}, which is not in the tarball`,
      );
  }
  if (role === 'backend-plugin') {
    if (!has('config.d.ts')) findings.push('config.d.ts missing');
    if (!has(pkg.configSchema ?? 'config.schema.json'))
      findings.push('the compiled config schema is missing');
  }
  for (const f of files.filter(f => HARNESS.test(f) || /\.tsx?$/.test(f)))
    if (!f.endsWith('.d.ts'))
      findings.push(`test harness or source in the tarball: ${f}`);

  const declared = new Set([
    ...Object.keys(pkg.dependencies ?? {}),
    ...Object.keys(pkg.peerDependencies ?? {}),
  ]);
  for (const name of declared)
    if (DEV_ONLY.test(name))
      findings.push(`dev-only package ${name} is a run-time dependency`);
  const source = JSON.parse(
    readFileSync(join(sourceDir, 'package.json'), 'utf8'),
  );
  const devOnly = new Set(Object.keys(source.devDependencies ?? {}));
  for (const f of files.filter(f => /\.(c|m)?js$|\.d\.ts$/.test(f))) {
    const text = readFileSync(join(dir, f), 'utf8');
    for (const name of new Set(importedPackages(text))) {
      if (BUILTINS.has(name) || name === pkg.name || declared.has(name))
        continue;
      findings.push(
        `${f} imports ${name}, ${
          devOnly.has(name) ? 'a devDependency' : 'which is not a dependency'
        }`,
      );
    }
    for (const m of text.matchAll(
      /new URL\(\s*['"]([^'"]+)['"]\s*,\s*import\.meta\.url\s*\)/g,
    )) {
      const target = join(f, '..', m[1]);
      if (!has(target))
        findings.push(`${f} references ${m[1]}, which is not in the tarball`);
    }
  }
  for (const f of files.filter(f => f.endsWith('.map'))) {
    const { sources = [] } = JSON.parse(readFileSync(join(dir, f), 'utf8'));
    for (const s of sources)
      if (/__testUtils__|\.test\./.test(s))
        findings.push(`${f} maps test harness ${s}`);
  }
  return findings;
}

async function main() {
  const work = mkdtempSync(join(tmpdir(), 'mesh-packages-'));
  const log = (/** @type {string} */ m) => console.log(`[packages] ${m}`);
  let failed = 0;
  try {
    const keep = process.argv.indexOf('--keep-tarballs');
    const packs = packPlugins({
      outDir: keep > 0 ? process.argv[keep + 1] : join(work, 'tarballs'),
      skipTsc: process.argv.includes('--skip-tsc'),
      log,
    });
    for (const pack of packs) {
      const unpacked = join(work, pack.name.replace('/', '+'));
      execFileSync('mkdir', ['-p', unpacked]);
      execFileSync('tar', [
        '-xzf',
        pack.tarball,
        '-C',
        unpacked,
        '--strip-components=1',
      ]);
      const findings = checkUnpacked(unpacked, pack.dir);
      failed += findings.length;
      log(
        `${pack.name}: ${findings.length ? 'FAILED' : 'ok'} (${
          walk(unpacked).length
        } files)`,
      );
      for (const f of findings) log(`  ✗ ${f}`);
      if (pack.name === '@mesh-portal/plugin-mesh' && findings.length === 0) {
        const problem = await checkWorkerInAdopterBundle({
          unpacked,
          sourceDir: pack.dir,
          work,
          log,
        });
        if (problem) {
          failed++;
          log(`  ✗ ${problem}`);
        }
      }
    }
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
  log(failed ? `${failed} finding(s)` : 'all packages publishable');
  process.exit(failed ? 1 : 0);
}

await main();
