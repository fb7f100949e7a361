"""Helpers that steps call and that exported code embeds verbatim.

Each function here must stay self-contained (only ``np`` and ``pd``): ``Recipe.to_code()``
copies its source into the generated module, so the Studio and the exported code run the
very same lines.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

__all__ = [
    "as_mask",
    "as_text",
    "cast_column",
    "clip_to",
    "date_cycle_names",
    "date_cycles",
    "date_part_names",
    "date_parts",
    "fill_missing",
    "fill_text",
    "info_for_classes",
    "info_for_numbers",
    "outlier_bounds",
    "signed_log",
]


def fill_missing(s, strategy, value=None):
    """Fill the gaps of one column; integer and categorical columns keep their dtype."""
    if strategy == "ffill":
        return s.ffill()
    if strategy == "bfill":
        return s.bfill()
    if strategy == "interpolate":
        return s.interpolate()
    if strategy == "mean":
        value = s.mean()
    elif strategy == "median":
        value = s.median()
    elif strategy == "mode":
        modes = s.mode(dropna=True)
        value = modes.iloc[0] if len(modes) else None
    if value is None or value is pd.NA or (isinstance(value, float) and np.isnan(value)):
        return s
    if pd.api.types.is_integer_dtype(s.dtype) and isinstance(value, (float, np.floating)):
        value = round(value)
    if isinstance(s.dtype, pd.CategoricalDtype) and value not in s.cat.categories:
        s = s.cat.add_categories([value])
    return s.fillna(value)


def cast_column(s, to):
    """Convert one column; values that cannot be read become missing."""
    if to == "numeric":
        return pd.to_numeric(s, errors="coerce")
    if to == "datetime":
        return pd.to_datetime(s, errors="coerce", format="mixed")
    if to == "category":
        return s.astype("category")
    if to == "string":
        return s.astype("string")
    if to == "boolean":
        if pd.api.types.is_bool_dtype(s.dtype):
            return s.astype("boolean")
        words = {"true": True, "t": True, "yes": True, "y": True, "1": True, "1.0": True,
                 "false": False, "f": False, "no": False, "n": False, "0": False, "0.0": False}
        text = s.astype("string").str.strip().str.lower()
        return text.map(words, na_action="ignore").astype("boolean")
    raise ValueError(f"unknown type {to!r}")


def as_text(X):
    """Categorical model inputs as text, missing values as the category 'missing'."""
    return X.astype(object).where(X.notna(), "missing").astype(str)


def outlier_bounds(s, method, factor):
    """(low, high) limits: quartiles -/+ factor x IQR, or mean -/+ factor x std.

    Integer columns get whole-number limits, computed from the smallest value so that
    integers beyond 2**53 keep their precision.
    """
    if pd.api.types.is_integer_dtype(s.dtype) and s.notna().any():
        base = int(s.min())
        shifted = pd.Series((s - base).to_numpy(dtype="float64", na_value=np.nan))
        lo, hi = outlier_bounds(shifted, method, factor)
        return base + int(np.ceil(lo)), base + int(np.floor(hi))
    if method == "iqr":
        q1, q3 = s.quantile(0.25), s.quantile(0.75)
        return q1 - factor * (q3 - q1), q3 + factor * (q3 - q1)
    return s.mean() - factor * s.std(), s.mean() + factor * s.std()


def as_mask(test):
    """A row test as plain True/False: missing (NA) answers count as False."""
    return test.fillna(False).astype(bool)


def clip_to(s, lo, hi):
    """Clip to [lo, hi] without touching values inside (integer columns stay integers)."""
    return s.mask(s < lo, lo).mask(s > hi, hi)


def date_parts(X):
    """Date columns as numbers: year, month, day, weekday (0 = Monday) and hour."""
    out = {}
    for col in X.columns:
        s = X[col]
        if isinstance(s.dtype, pd.PeriodDtype):
            s = s.dt.to_timestamp()
        t = pd.to_datetime(s, errors="coerce")
        if t.dt.tz is not None:
            t = t.dt.tz_localize(None)  # the local times people read
        for part, attr in (("year", "year"), ("month", "month"), ("day", "day"),
                           ("weekday", "day_of_week"), ("hour", "hour")):
            out[f"{col}_{part}"] = getattr(t.dt, attr).astype("float64")
    return pd.DataFrame(out, index=X.index)


def date_part_names(transformer, names):
    """Feature names of :func:`date_parts` (for get_feature_names_out)."""
    return [f"{c}_{p}" for c in names for p in ("year", "month", "day", "weekday", "hour")]


def signed_log(X):
    """log(1 + |x|) with the sign of x: tames long tails, keeps zero and negatives."""
    return np.sign(X) * np.log1p(np.abs(X))


def fill_text(s):
    """A text column for TF-IDF: missing values become empty text."""
    return s.fillna("").astype(str)


def info_for_classes(X, y):
    """Mutual information of each feature with a class target (seeded: it repeats)."""
    from sklearn.feature_selection import mutual_info_classif

    return mutual_info_classif(X, y, random_state=0)


def info_for_numbers(X, y):
    """Mutual information of each feature with a numeric target (seeded: it repeats)."""
    from sklearn.feature_selection import mutual_info_regression

    return mutual_info_regression(X, y, random_state=0)


def date_cycles(X):
    """Dates as the year plus sine/cosine of month, weekday and hour: December sits next to
    January, Sunday next to Monday, 23:00 next to midnight."""
    # (the first lines repeat date_parts on purpose: each snippet is exported on its own)
    out = {}
    for col in X.columns:
        s = X[col]
        if isinstance(s.dtype, pd.PeriodDtype):
            s = s.dt.to_timestamp()
        t = pd.to_datetime(s, errors="coerce")
        if t.dt.tz is not None:
            t = t.dt.tz_localize(None)
        out[f"{col}_year"] = t.dt.year.astype("float64")
        for part, values, period in (("month", t.dt.month - 1, 12),
                                     ("weekday", t.dt.day_of_week, 7), ("hour", t.dt.hour, 24)):
            angle = 2 * np.pi * values.astype("float64") / period
            out[f"{col}_{part}_sin"] = np.sin(angle)
            out[f"{col}_{part}_cos"] = np.cos(angle)
    return pd.DataFrame(out, index=X.index)


def date_cycle_names(transformer, names):
    """Feature names of :func:`date_cycles` (for get_feature_names_out)."""
    parts = ("year", "month_sin", "month_cos", "weekday_sin", "weekday_cos", "hour_sin",
             "hour_cos")
    return [f"{c}_{p}" for c in names for p in parts]
