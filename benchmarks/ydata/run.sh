#!/usr/bin/env bash
# ydata-profiling needs pandas < 3: give it its own environment, then run the comparison.
set -euo pipefail
HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
VENV="$HERE/.venv-ydata"
if [ ! -x "$VENV/bin/python" ]; then
  python3 -m venv "$VENV"
  "$VENV/bin/pip" install -q "pandas<3" ydata-profiling setuptools 2>&1 | grep -v '^WARNING: Location' || true
fi
YDATA_PROFILING_NO_ANALYTICS=True "$VENV/bin/python" "$HERE/bench_ydata.py" "$@"
