"""Profile of a 1,000,000 x 20 mixed frame against the bare pandas baseline.

Baseline (DESIGN.md): describe(include="all") + isna().sum() + nunique().
Run: .venv/bin/python benchmarks/bench_profile.py [--rows N] [--repeat R]
"""

from __future__ import annotations

import argparse

from _frames import mixed_frame, pandas_baseline
from _timing import compare

import lepton_widgets as lw


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--rows", type=int, default=1_000_000)
    ap.add_argument("--repeat", type=int, default=3)
    args = ap.parse_args()
    df = mixed_frame(args.rows)
    print(f"profile: {df.shape[0]:,} x {df.shape[1]} mixed columns, median of {args.repeat}")
    compare({"pandas describe+isna+nunique (baseline)": lambda: pandas_baseline(df),
             "lepton_widgets.profile": lambda: lw.profile(df)}, repeat=args.repeat)


if __name__ == "__main__":
    main()
