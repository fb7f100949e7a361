#!/usr/bin/env bash
# Run the whole test suite: JS units, then pytest (engine, widgets, magic, notebooks and
# real-browser tests in JupyterLab + headless Debian Chromium). Sets everything up first.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
bash scripts/env.sh

if [ ! -x /usr/bin/chromium ]; then
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
    echo "[lepton] installing Debian's chromium for the browser tests"
    apt-get update -qq && apt-get install -y -qq chromium >/dev/null
  else
    echo "[lepton] /usr/bin/chromium is missing: the browser tests will be skipped" >&2
  fi
fi

echo "[lepton] JS unit tests"
(cd js && npm test --silent)
echo "[lepton] Python tests"
exec .venv/bin/python -m pytest "$@"
