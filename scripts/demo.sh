#!/usr/bin/env bash
# Quick start, command 1: installs what is needed and starts Backstage on the embedded demo mesh —
# frontend on http://localhost:3000, backend on http://localhost:7007. Sign in as guest.
set -euo pipefail
source "$(dirname "$0")/node-env.sh"
install_deps
cd "$ROOT"
exec npx backstage-cli repo start --config "$ROOT/app-config.yaml"
