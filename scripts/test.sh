#!/usr/bin/env bash
# Quick start, command 2: installs what is needed and runs the whole test suite (type check, all
# packages' tests, and the end-to-end browser checks). CI runs exactly this (.ci/run).
set -euo pipefail
source "$(dirname "$0")/node-env.sh"
install_deps
# Integration tests run a real Prometheus server; the end-to-end checks run Debian's Chromium; the
# adopter app and the mesh model's replicas test run on PostgreSQL, the replicas share Redis.
ensure_debian_package prometheus /usr/bin/prometheus || true
ensure_debian_package chromium /usr/bin/chromium || true
ensure_debian_package postgresql /usr/bin/pg_ctlcluster || true
ensure_debian_package redis-server /usr/bin/redis-server || true
cd "$ROOT"

echo "== Type check (tsc; also writes the declarations the package builds need to dist-types/)"
npx tsc

echo "== Format (prettier --check .; the code base is Prettier-formatted)"
npx prettier --check . --loglevel warn

echo "== Lint (backstage-cli repo lint; each package's .eslintrc.js says why a rule is relaxed)"
npx backstage-cli repo lint

echo "== API reports (report*.api.md of the three plugin packages; the type check above wrote dist-types/)"
# Fails when a package's public API changed without its report: run `npm run build:api-reports`
# and commit the report changes. Undocumented members and the common package's .ts entry point
# are not reported (-o ae-undocumented,ae-wrong-input-file-type, as Backstage's own repository).
npm run -s build:api-reports -- --ci

echo "== Unused dependencies (knip, published packages and root scripts; config: knip.jsonc)"
npx knip --dependencies -W . -W plugins/mesh -W plugins/mesh-backend -W plugins/mesh-common

echo "== Packages (build, npm pack, tarball contents, layout worker in an adopter bundle)"
# scripts/packages/checkPackages.mjs: dist/, README, config.d.ts, no test harness, no dev-only
# imports in run-time code or public types, the worker starting under Backstage's default CSP.
status=0
packages_failed=0
# The tarballs are kept for the adopter test at the end (packed once).
packs_dir="$(mktemp -d)"
trap 'rm -rf "$packs_dir"' EXIT
node scripts/packages/checkPackages.mjs --skip-tsc --keep-tarballs "$packs_dir" || packages_failed=1

echo "== Tests (backstage-cli repo test)"
report="$(mktemp -d)/jest.json"
CI=true npx backstage-cli repo test --json --outputFile="$report" || status=$?

echo "== End-to-end checks (e2e/run.mjs: built demo app + headless Chromium)"
# Starts the demo backend serving the built app, runs the browser checks, stops everything and
# writes test-results/e2e/results.json; without Chromium it skips (and fails in CI).
e2e_results="$ROOT/test-results/e2e/results.json"
rm -f "$e2e_results"
node e2e/run.mjs || status=$?

echo "== Adopter end-to-end test (e2e/adopter/run.mjs: the packed plugins in a fresh Backstage app)"
# Installs the tarballs into an app created outside the workspace, wires it with the README
# snippets, checks it in Chromium with and without a cluster configured, and writes
# test-results/e2e-adopter/results.json.
adopter_results="$ROOT/test-results/e2e-adopter/results.json"
rm -f "$adopter_results"
ADOPTER_TARBALLS="$packs_dir" node e2e/adopter/run.mjs || status=$?

# Jest's own summary is not a line CI reads; print one plain line with Jest, both E2E runs' and
# the package check's counts (the package check counts as one test).
node -e '
  const jest = require(process.argv[1]);
  const packagesFailed = Number(process.argv[4]);
  let passed = jest.numPassedTests + (1 - packagesFailed);
  let failed = jest.numFailedTests + packagesFailed;
  let skipped = jest.numPendingTests;
  for (const [name, file] of [["E2E", process.argv[2]], ["adopter E2E", process.argv[3]]]) {
    let counts = { passed: 0, failed: 1, skipped: 0 };
    try { counts = require(file); } catch { console.error(`The ${name} run wrote no results: counted as 1 failure`); }
    passed += counts.passed; failed += counts.failed; skipped += counts.skipped;
  }
  console.log(`${passed} passed, ${failed} failed, ${skipped} skipped`);
  if (jest.numTotalTests === 0) { console.error("No test ran"); process.exit(1); }
' "$report" "$e2e_results" "$adopter_results" "$packages_failed" || status=1
[ "$packages_failed" = 0 ] || status=1
exit $status
