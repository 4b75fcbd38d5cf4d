#!/usr/bin/env bash
# Quick start, command 2: installs what is needed and runs the whole test suite (type check and all
# packages' tests). CI runs exactly this (.ci/run).
set -euo pipefail
source "$(dirname "$0")/node-env.sh"
install_deps
# Integration tests run a real Prometheus server.
ensure_debian_package prometheus /usr/bin/prometheus || true
cd "$ROOT"

echo "== Type check (tsc)"
npx tsc --noEmit

echo "== Tests (backstage-cli repo test)"
report="$(mktemp -d)/jest.json"
status=0
CI=true npx backstage-cli repo test --json --outputFile="$report" || status=$?
# Jest's own summary is not a line CI reads; print the plain one.
node -e '
  const r = require(process.argv[1]);
  console.log(`${r.numPassedTests} passed, ${r.numFailedTests} failed, ${r.numPendingTests} skipped`);
  if (r.numTotalTests === 0) { console.error("No test ran"); process.exit(1); }
' "$report" || status=1
exit $status
