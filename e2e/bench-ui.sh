#!/usr/bin/env bash
# `npm run bench:ui`: layout and paint time of a 500-node graph in headless Chromium (e2e/bench-ui.mjs).
set -euo pipefail
source "$(dirname "$0")/../scripts/node-env.sh"
install_deps
ensure_debian_package chromium /usr/bin/chromium || true
cd "$ROOT"
exec node e2e/bench-ui.mjs
