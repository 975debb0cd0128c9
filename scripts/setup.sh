#!/usr/bin/env bash
# One-time set-up on a fresh machine: the Debian Chromium the browser tests drive (only where apt exists and
# Chromium is missing — on macOS/Windows the app itself needs none of it), then the exact dependency tree
# from package-lock.json. Safe to run again.
set -euo pipefail
cd "$(dirname "$0")/.."

if ! command -v chromium >/dev/null 2>&1 && command -v apt-get >/dev/null 2>&1; then
  echo "setup: installing Debian chromium for the browser tests"
  export DEBIAN_FRONTEND=noninteractive
  SUDO=""; [ "$(id -u)" -ne 0 ] && SUDO="sudo"
  $SUDO apt-get update -qq
  $SUDO apt-get install -y -qq chromium >/dev/null
fi

npm ci --no-audit --no-fund
