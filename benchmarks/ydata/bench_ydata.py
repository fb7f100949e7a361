"""ydata-profiling (minimal mode) on the same 1,000,000 x 20 frame as bench_profile.py.

ydata-profiling needs pandas < 3, so it runs in its own environment: see run.sh. The bare
pandas baseline is timed in that same process, so the ratio is like for like.
"""

from __future__ import annotations

import os
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
os.environ.setdefault("YDATA_PROFILING_NO_ANALYTICS", "True")

from _frames import mixed_frame, pandas_baseline
from ydata_profiling import ProfileReport


def main() -> None:
    rows = int(sys.argv[1]) if len(sys.argv) > 1 else 1_000_000
    df = mixed_frame(rows)
    t0 = time.perf_counter()
    pandas_baseline(df)
    base = time.perf_counter() - t0
    t0 = time.perf_counter()
    report = ProfileReport(df, minimal=True, progress_bar=False)
    report.get_description()
    stats = time.perf_counter() - t0
    t0 = time.perf_counter()
    report.to_json()
    json_s = time.perf_counter() - t0
    print(f"ydata-profiling minimal on {rows:,} x {df.shape[1]}:")
    print(f"  pandas baseline {base:8.2f} s")
    print(f"  statistics      {stats:8.2f} s   x{stats / base:6.1f}")
    print(f"  + JSON report   {json_s:8.2f} s   total x{(stats + json_s) / base:6.1f}")


if __name__ == "__main__":
    main()
