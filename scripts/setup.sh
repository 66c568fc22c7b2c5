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
npm ci --no-audit --no-fund --loglevel=error

if [ -f scripts/install-code-server.sh ]; then
  bash scripts/install-code-server.sh
fi

# The project's Python environment (.venv: PyTorch CPU, NumPy) for the bench's PyTorch rows and the scripts that
# compute reference fixtures. No test needs it, so a failure here (pip without its index) leaves the rest set up.
bash scripts/python-env.sh || echo "setup: the Python environment could not be made; only the bench's PyTorch rows and scripts/reference/ need it"
