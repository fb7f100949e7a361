#!/usr/bin/env bash
# Set everything up, then open JupyterLab on the quickstart notebook (bundled titanic data).
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
bash scripts/env.sh
extra=()
[ "$(id -u)" = 0 ] && extra+=(--allow-root)  # JupyterLab refuses root without it
exec .venv/bin/jupyter lab --ip=127.0.0.1 --ServerApp.root_dir="$ROOT" \
  --LabApp.default_url=/lab/tree/notebooks/01-quickstart.ipynb "${extra[@]}" "$@"
