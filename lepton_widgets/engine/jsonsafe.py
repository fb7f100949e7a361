"""Turn numpy/pandas scalars into plain JSON values (NaN -> None, times -> ISO text)."""

from __future__ import annotations

import datetime as dt
import decimal
import math

import numpy as np
import pandas as pd


def scalar(value: object) -> object:
    """One value as JSON can hold it; anything unusual becomes its text."""
    if value is None or value is pd.NA or value is pd.NaT:
        return None
    if isinstance(value, (bool, np.bool_)):
        return bool(value)
    if isinstance(value, (int, np.integer)):
        return int(value)
    if isinstance(value, (float, np.floating)):
        f = float(value)
        return f if math.isfinite(f) else None
    if isinstance(value, str):
        return value
    if isinstance(value, (pd.Timestamp, dt.datetime, dt.date, dt.time)):
        return value.isoformat()
    if isinstance(value, (pd.Timedelta, dt.timedelta)):
        return str(pd.Timedelta(value))
    if isinstance(value, np.datetime64):
        return None if np.isnat(value) else str(pd.Timestamp(value).isoformat())
    if isinstance(value, decimal.Decimal):
        return float(value) if value.is_finite() else None
    return str(value)


def tree(value: object) -> object:
    """Apply :func:`scalar` through dicts, lists and tuples."""
    if isinstance(value, dict):
        return {str(k): tree(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [tree(v) for v in value]
    if isinstance(value, np.ndarray):
        return [tree(v) for v in value.tolist()]
    return scalar(value)
