#!/usr/bin/env bash
# Everything a fresh Debian machine with Node 20 needs to build, test and run NN Builder.
# Idempotent: a second run only checks. Needs root (or sudo) for apt-get.
set -euo pipefail
cd "$(dirname "$0")/.."

# chromium: headless browser for the webview tests and to drive code-server;
# libkrb5-dev + ripgrep: code-server's native modules and its search binary (see docs/testing.md, "Why code-server").
apt_packages=(chromium libkrb5-dev ripgrep)
missing=()
for package in "${apt_packages[@]}"; do
  dpkg -s "$package" >/dev/null 2>&1 || missing+=("$package")
done
if [ ${#missing[@]} -gt 0 ]; then
  sudo_cmd=""
  [ "$(id -u)" -eq 0 ] || sudo_cmd="sudo"
  echo "setup: installing Debian packages: ${missing[*]}"
  $sudo_cmd apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo_cmd apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi

echo "setup: installing npm packages"
# onnxruntime-node's install script would download GPU builds; its CPU binaries, all the tests use, ship in the package
ONNXRUNTIME_NODE_INSTALL=skip npm ci --no-audit --no-fund --loglevel=error

if [ -f scripts/install-code-server.sh ]; then
  bash scripts/install-code-server.sh
fi

# The project's Python environment (.venv: PyTorch CPU, NumPy, onnx). The ONNX export tests run the onnx package's
# checker from it (scripts/check-onnx.py), so set-up fails when it cannot be made; the bench's PyTorch rows and the
# scripts that compute reference fixtures use it too.
bash scripts/python-env.sh || { echo "setup: the Python environment (.venv) could not be made: the ONNX export tests need it; check that pip reaches its index, then run bash scripts/python-env.sh" >&2; exit 1; }
