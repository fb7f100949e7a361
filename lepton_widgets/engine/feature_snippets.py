"""Helpers of the feature steps (scale, encode, date parts), embedded verbatim in exported
code like those in ``snippets.py``: each function uses only ``np`` and ``pd``."""

from __future__ import annotations

import numpy as np
import pandas as pd

__all__ = ["add_date_parts", "encode_values", "encoding_levels", "one_hot", "scale_column"]


def scale_column(s, method):
    """Numbers rescaled by statistics of their finite values: standard (mean 0, std 1),
    minmax (0 to 1) or robust (median 0, interquartile range 1). Missing values stay
    missing, infinities stay infinite; a constant column is only shifted."""
    x = s.astype("float64")
    finite = x[np.isfinite(x)]
    if method == "standard":
        center, spread = finite.mean(), finite.std(ddof=0)
    elif method == "minmax":
        center, spread = finite.min(), finite.max() - finite.min()
    else:
        center, spread = finite.median(), finite.quantile(0.75) - finite.quantile(0.25)
    if not np.isfinite(spread) or spread == 0:
        spread = 1.0
    return (x - center) / spread


def encoding_levels(s):
    """The levels of a column, most frequent first (ties in the order of their text)."""
    counts = s.value_counts(dropna=True, sort=False)
    return sorted(counts.index, key=lambda v: (-counts[v], str(v))), counts


def encode_values(s, method):
    """A categorical column as numbers. ordinal: each level's position in sorted order (a
    categorical column keeps its own category order); frequency: each level's share of the
    rows. Missing values stay missing."""
    levels, counts = encoding_levels(s)
    if method == "frequency":
        mapping = {v: counts[v] / len(s) for v in levels}
    else:
        if isinstance(s.dtype, pd.CategoricalDtype):
            order = list(s.cat.categories)
        else:
            try:
                order = sorted(levels)
            except TypeError:  # mixed types: order by type, then text
                order = sorted(levels, key=lambda v: (type(v).__name__, str(v)))
        mapping = {v: float(i) for i, v in enumerate(order)}
    return s.astype(object).map(mapping).astype("float64")


def one_hot(df, label, name, max_levels):
    """Column ``label`` replaced, in its place, by a 0/1 column ``name_level`` for each of
    its ``max_levels`` most frequent levels, plus ``name_other`` for the rest when there are
    more. A missing value is 0 everywhere."""
    s = df[label]
    levels, _ = encoding_levels(s)
    kept = levels[:max_levels]
    new = {f"{name}_{v}": s.eq(v).fillna(False).astype("int8") for v in kept}
    if len(levels) > max_levels:
        new[f"{name}_other"] = (s.notna() & ~s.isin(kept)).astype("int8")
    at = df.columns.get_loc(label)
    return pd.concat([df.iloc[:, :at], pd.DataFrame(new, index=df.index), df.iloc[:, at + 1:]],
                     axis=1)


def add_date_parts(df, label, name, parts):
    """Parts of date column ``label`` (local times for zoned dates) as whole-number columns
    ``name_part`` right after it; missing dates give missing parts. weekday: 0 = Monday."""
    s = df[label]
    if isinstance(s.dtype, pd.PeriodDtype):
        s = s.dt.to_timestamp()
    t = pd.to_datetime(s, errors="coerce")
    attrs = {"year": "year", "quarter": "quarter", "month": "month", "day": "day",
             "weekday": "day_of_week", "day_of_year": "day_of_year", "hour": "hour",
             "minute": "minute", "second": "second"}
    new = pd.DataFrame({f"{name}_{p}": getattr(t.dt, attrs[p]).astype("Int64") for p in parts},
                       index=df.index)
    at = df.columns.get_loc(label) + 1
    return pd.concat([df.iloc[:, :at], new, df.iloc[:, at:]], axis=1)
