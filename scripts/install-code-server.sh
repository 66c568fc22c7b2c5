#!/usr/bin/env bash
# Installs code-server 4.100.3 (the server build of VS Code 1.100.3) into a cache folder outside the repo, so the
# integration tests and `npm start` can run the extension in a real VS Code without internet access.
# Idempotent: a marker file records a complete install; a second run exits at once.
# Needs the Debian packages libkrb5-dev and ripgrep (scripts/setup.sh installs them) and the npm registry.
set -euo pipefail

version=4.100.3
cache_root="${NN_BUILDER_CACHE:-$HOME/.cache/nn-builder}"
target="$cache_root/code-server-$version"
marker="$target/.install-complete"

if [ -f "$marker" ]; then
  echo "install-code-server: code-server $version already installed in $target"
  exit 0
fi

for tool in rg node npm; do
  if ! command -v "$tool" >/dev/null 2>&1; then
    echo "install-code-server: '$tool' is missing; run scripts/setup.sh (it installs ripgrep and libkrb5-dev)" >&2
    exit 1
  fi
done

echo "install-code-server: installing code-server $version into $target (takes a few minutes)"
mkdir -p "$target"
cd "$target"
[ -f package.json ] || echo '{ "name": "nn-builder-code-server", "private": true }' > package.json

npm_quiet=(--no-audit --no-fund --loglevel=error)
npm install --ignore-scripts "${npm_quiet[@]}" "code-server@$version"

vscode_dir="$target/node_modules/code-server/lib/vscode"
(
  cd "$vscode_dir"
  npm install --omit=dev --ignore-scripts "${npm_quiet[@]}"
  # @vscode/ripgrep would download its binary from the internet; use Debian's instead.
  mkdir -p node_modules/@vscode/ripgrep/bin
  cp "$(command -v rg)" node_modules/@vscode/ripgrep/bin/rg
  # Builds node-pty, spdlog, watcher and kerberos; `npx node-gyp` inside needs the auto-yes.
  npm_config_yes=true npm rebuild "${npm_quiet[@]}"
  ln -sfn node_modules node_modules.asar
  (cd bin/remote-cli && ln -sfn code-linux.sh code-server)
  (cd bin/helpers && ln -sfn browser-linux.sh browser.sh)
  (cd extensions && npm install --omit=dev "${npm_quiet[@]}")
)

# argon2's prebuilt binary was skipped by --ignore-scripts above.
npm_config_yes=true npm rebuild argon2 "${npm_quiet[@]}"

test -f "$target/node_modules/code-server/out/node/entry.js"
date -u +%Y-%m-%dT%H:%M:%SZ > "$marker"
echo "install-code-server: done ($target)"
