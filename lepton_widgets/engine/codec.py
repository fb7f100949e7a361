"""Typed values (dates, durations, periods, infinities) in and out of recipe JSON.

JSON has no dates: a value like ``pd.Timestamp("2021-05-11")`` is written as
``{"$timestamp": "2021-05-11T00:00:00"}`` and read back as the same Timestamp.
"""

from __future__ import annotations

import datetime as dt
import math

import numpy as np
import pandas as pd


def encode(value: object) -> object:
    """``value`` as JSON can carry it (tuples become lists)."""
    if isinstance(value, (list, tuple)):
        return [encode(v) for v in value]
    if isinstance(value, dict):
        return {k: encode(v) for k, v in value.items()}
    if value is pd.NaT or value is pd.NA:
        return None
    if isinstance(value, np.generic):
        value = value.item()
    if isinstance(value, pd.Timestamp):
        out: dict = {"$timestamp": value.isoformat()}
        if value.tz is not None:
            out["tz"] = str(value.tz)
        return out
    if isinstance(value, pd.Timedelta):
        return {"$timedelta": value.isoformat()}
    if isinstance(value, pd.Period):
        return {"$period": str(value), "freq": value.freqstr}
    if isinstance(value, dt.datetime):
        return encode(pd.Timestamp(value))
    if isinstance(value, dt.date):
        return {"$date": value.isoformat()}
    if isinstance(value, float) and not math.isfinite(value):
        return {"$float": str(value)}
    return value


def decode(value: object) -> object:
    """Inverse of :func:`encode` (lists stay lists)."""
    if isinstance(value, list):
        return [decode(v) for v in value]
    if not isinstance(value, dict):
        return value
    if "$timestamp" in value:
        stamp = pd.Timestamp(value["$timestamp"])
        return stamp.tz_convert(value["tz"]) if value.get("tz") and stamp.tz else stamp
    if "$timedelta" in value:
        return pd.Timedelta(value["$timedelta"])
    if "$period" in value:
        return pd.Period(value["$period"], freq=value.get("freq"))
    if "$date" in value:
        return dt.date.fromisoformat(value["$date"])
    if "$float" in value:
        return float(value["$float"])
    return {k: decode(v) for k, v in value.items()}
