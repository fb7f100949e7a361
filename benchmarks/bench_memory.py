"""Memory the Studio adds on top of the frame it shows (retained and peak, tracemalloc).

Run: .venv/bin/python benchmarks/bench_memory.py [--rows N]
"""

from __future__ import annotations

import argparse
import gc
import time
import tracemalloc

from _frames import mixed_frame

import lepton_widgets as lw


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--rows", type=int, default=1_000_000)
    args = ap.parse_args()
    df = mixed_frame(args.rows)
    size = df.memory_usage(deep=True).sum()
    gc.collect()
    tracemalloc.start()
    base = tracemalloc.get_traced_memory()[0]
    studio = lw.Studio(df)
    while studio.data_panel.profile_status == "computing":
        time.sleep(0.05)
    gc.collect()
    retained, peak = (m - base for m in tracemalloc.get_traced_memory())
    tracemalloc.stop()
    print(f"frame: {df.shape[0]:,} x {df.shape[1]}, {size / 2**20:,.0f} MiB")
    print(f"  Studio retains {retained / 2**20:8.1f} MiB  ({retained / size:.1%} of the frame)")
    print(f"  peak while profiling {peak / 2**20:8.1f} MiB  ({peak / size:.1%} of the frame)")


if __name__ == "__main__":
    main()
