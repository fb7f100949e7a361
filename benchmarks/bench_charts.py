"""Chart of 1,000,000 points: ours (reduced in the kernel) against a plain bqplot Scatter.

Payload = the bytes the front end receives for the figure (JSON state + binary buffers of
the figure, marks, scales and axes). Times: building the Figure from the frame, and building
plus serializing its state (what displaying it costs in the kernel).
Run: .venv/bin/python benchmarks/bench_charts.py [--rows N]
"""

from __future__ import annotations

import argparse

import bqplot as bq
import numpy as np
import pandas as pd
from _timing import compare

import lepton_widgets as lw
from lepton_widgets.widgets.chartfig import payload_bytes


def plain_scatter(df: pd.DataFrame) -> bq.Figure:
    sx, sy = bq.LinearScale(), bq.LinearScale()
    mark = bq.Scatter(x=df["x"].to_numpy(), y=df["y"].to_numpy(), scales={"x": sx, "y": sy})
    return bq.Figure(marks=[mark], axes=[bq.Axis(scale=sx), bq.Axis(scale=sy, side="left")])


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--rows", type=int, default=1_000_000)
    args = ap.parse_args()
    rng = np.random.default_rng(0)
    n = args.rows
    df = pd.DataFrame({"x": rng.normal(size=n), "y": rng.normal(size=n),
                       "t": pd.date_range("2020-01-01", periods=n, freq="s")})
    cases = {
        "plain bqplot Scatter (every point)": lambda: plain_scatter(df),
        "lw.chart scatter (sample, extremes kept)": lambda: lw.chart(df, "x", "y"),
        "lw.chart line over time (MinMaxLTTB)": lambda: lw.chart(df, "t", "y"),
        "lw.chart heat map (40 x 40 bins)": lambda: lw.chart(df, "x", "y", kind="heatmap"),
        "lw.chart histogram (40 bins)": lambda: lw.chart(df, "x"),
    }
    print(f"build a chart of {n:,} points (median of 5, ratio to the plain Scatter)")
    compare(cases, repeat=5)
    print("build and serialize the state that displaying it sends")
    compare({k: (lambda fn=fn: payload_bytes(fn())) for k, fn in cases.items()}, repeat=5)
    print("payload bytes")
    for name, fn in cases.items():
        print(f"  {name:<44} {payload_bytes(fn()):>12,}")


if __name__ == "__main__":
    main()
