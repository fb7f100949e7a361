"""Grid pages of a 10,000,000-row frame: first page, a deep page, first sort, cached sort.

Run: .venv/bin/python benchmarks/bench_grid.py [--rows N]
"""

from __future__ import annotations

import argparse
import time

import numpy as np
import pandas as pd

from lepton_widgets.engine.transport import PageSource


def ms(fn) -> tuple[float, object]:
    t0 = time.perf_counter()
    out = fn()
    return (time.perf_counter() - t0) * 1000, out


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--rows", type=int, default=10_000_000)
    args = ap.parse_args()
    rng = np.random.default_rng(0)
    n = args.rows
    df = pd.DataFrame({"x": rng.normal(size=n), "k": rng.integers(0, 1000, size=n),
                       "when": pd.Timestamp("2020-01-01") + pd.to_timedelta(np.arange(n), "s"),
                       "label": pd.Categorical(rng.choice(["a", "b", "c"], size=n))})
    src = PageSource(df)
    print(f"grid pages of 50 rows x {df.shape[1]} columns on {n:,} rows")
    for name, fn in [
        ("first page", lambda: src.page(0, 50)),
        ("page in the middle", lambda: src.page(n // 2, 50)),
        ("last page", lambda: src.page(n - 50, 50)),
        ("first sort by x (computes the order)", lambda: src.page(0, 50, sort=(0, True))),
        ("same sort, another page (cached)", lambda: src.page(n // 3, 50, sort=(0, True))),
        ("first search for 'b' (computes the matches)", lambda: src.page(0, 50, query="b")),
        ("same search, another page (cached)", lambda: src.page(1000, 50, query="b")),
    ]:
        t, (_, data) = ms(fn)
        print(f"  {name:<40} {t:8.1f} ms   payload {len(data):,} bytes")


if __name__ == "__main__":
    main()
