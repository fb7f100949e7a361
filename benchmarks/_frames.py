"""Benchmark frames built from numpy and pandas only (shared with other environments)."""

from __future__ import annotations

import numpy as np
import pandas as pd


def mixed_frame(rows: int, seed: int = 0) -> pd.DataFrame:
    rng = np.random.default_rng(seed)
    cols = {}
    for i in range(8):
        x = rng.normal(size=rows) * (i + 1)
        x[rng.random(rows) < 0.05] = np.nan
        cols[f"float_{i}"] = x
    for i in range(4):
        cols[f"int_{i}"] = rng.integers(0, 10 ** (i + 1), size=rows)
    for i in range(4):
        levels = np.array([f"level_{j}" for j in range(5 * (i + 1))])
        cols[f"cat_{i}"] = pd.Series(levels[rng.integers(0, len(levels), size=rows)])
    cols["bool_0"] = rng.random(rows) < 0.3
    cols["date_0"] = pd.Timestamp("2020-01-01") + pd.to_timedelta(
        rng.integers(0, 10**8, size=rows), unit="s")
    cols["text_0"] = pd.Series([f"id-{k}" for k in rng.integers(0, rows, size=rows)])
    cols["lognormal_0"] = rng.lognormal(size=rows)
    return pd.DataFrame(cols)


def pandas_baseline(df: pd.DataFrame) -> None:
    df.describe(include="all")
    df.isna().sum()
    df.nunique()
