#!/usr/bin/env bash
# Create or refresh the project's virtual environment in .venv (sourced by the other scripts).
# Installs the package in editable mode with the dev extra; the hatch build hook runs npm
# to build the front end into lepton_widgets/static/.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
VENV="$ROOT/.venv"
PY="${PYTHON:-python3}"

need_apt() { command -v apt-get >/dev/null 2>&1 && [ "$(id -u)" = 0 ]; }

if ! command -v npm >/dev/null 2>&1; then
  if need_apt; then
    echo "[lepton] installing Node.js and npm from Debian"
    apt-get update -qq && apt-get install -y -qq nodejs npm >/dev/null
  else
    echo "[lepton] Node.js and npm are needed to build the front end; install them first" >&2
    exit 1
  fi
fi

if [ ! -x "$VENV/bin/python" ]; then
  echo "[lepton] creating $VENV"
  "$PY" -m venv "$VENV"
  "$VENV/bin/pip" install -q --upgrade pip 2>&1 | grep -v '^WARNING: Location' || true
fi

# Full install when the dependency list changed; otherwise only rebuild the package + JS.
stamp="$VENV/.lepton-deps"
want="$(cat "$ROOT/pyproject.toml" "$ROOT/js/package.json" | sha256sum | cut -d' ' -f1)"
if [ ! -f "$stamp" ] || [ "$(cat "$stamp")" != "$want" ]; then
  echo "[lepton] installing lepton-widgets[dev] into .venv (about a minute the first time)"
  "$VENV/bin/pip" install -q -e "$ROOT[dev]" 2>&1 | grep -v '^WARNING: Location' || true
  echo "$want" > "$stamp"
else
  "$VENV/bin/pip" install -q --no-deps -e "$ROOT" 2>&1 | grep -v '^WARNING: Location' || true
fi
"$VENV/bin/python" -c "import lepton_widgets.widgets.studio" \
  || { echo "[lepton] the install did not complete; see the messages above" >&2; exit 1; }
