#!/usr/bin/env bash
# Runs a benchmark: scripts/bench.sh <name>  (telemetry, …). Figures go to stdout.
set -euo pipefail
source "$(dirname "$0")/node-env.sh"
install_deps
name="${1:?usage: scripts/bench.sh <telemetry|inventory|memory|istio|decode|load|scale>}"
case "$name" in
  telemetry)
    ensure_debian_package prometheus /usr/bin/prometheus || true
    cd "$ROOT/plugins/mesh-backend"
    exec node --max-old-space-size=4096 -r @backstage/cli/config/nodeTransform.cjs bench/telemetryBench.ts ;;
  inventory)
    cd "$ROOT/plugins/mesh-backend"
    exec node --expose-gc --max-old-space-size=4096 -r @backstage/cli/config/nodeTransform.cjs bench/inventoryBench.ts ;;
  istio)
    cd "$ROOT/plugins/mesh-backend"
    exec node --max-old-space-size=4096 -r @backstage/cli/config/nodeTransform.cjs bench/istioConfigBench.ts ;;
  decode)
    cd "$ROOT/plugins/mesh-backend"
    exec node --max-old-space-size=4096 -r @backstage/cli/config/nodeTransform.cjs bench/decodeBench.ts ;;
  memory)
    cd "$ROOT/plugins/mesh-backend"
    exec node --expose-gc --max-old-space-size=4096 -r @backstage/cli/config/nodeTransform.cjs bench/memoryBench.ts ;;
  scale)
    ensure_debian_package prometheus /usr/bin/prometheus || true
    ensure_debian_package postgresql /usr/bin/pg_ctlcluster || true
    ensure_debian_package redis-server /usr/bin/redis-server || true
    # The backends' allocator (plugins/mesh-backend/README.md, "Sizing a replica").
    ensure_debian_package libjemalloc2 "/usr/lib/$(uname -m)-linux-gnu/libjemalloc.so.2" || true
    cd "$ROOT/plugins/mesh-backend"
    exec node --expose-gc --max-old-space-size=4096 -r @backstage/cli/config/nodeTransform.cjs bench/scaleBench.ts ;;
  load)
    ensure_debian_package prometheus /usr/bin/prometheus || true
    cd "$ROOT/packages/backend"
    exec node -r @backstage/cli/config/nodeTransform.cjs bench/loadBench.ts ;;
  *) echo "unknown benchmark '$name'" >&2; exit 2 ;;
esac
