"""What kind of data a column holds, as the profile and the model builder see it."""

from __future__ import annotations

import numpy as np
import pandas as pd
from pandas.api import types as pdt

KINDS = (
    "numeric", "boolean", "categorical", "datetime", "timedelta",
    "text", "mixed", "nested", "other",
)

# A string column is "categorical" when it repeats itself this much, else "text".
CATEGORICAL_MAX_LEVELS = 50
CATEGORICAL_MAX_SHARE = 0.2

_NESTED = (list, dict, set, tuple, np.ndarray)  # arrays in cells: images, vectors


def _string_kind(s: pd.Series, distinct: int | None = None) -> str:
    count = int(s.count())
    if count == 0:
        return "text"
    if distinct is None:
        distinct = int(s.nunique(dropna=True))
    if distinct <= CATEGORICAL_MAX_LEVELS or distinct <= CATEGORICAL_MAX_SHARE * count:
        return "categorical"
    return "text"


def _object_kind(s: pd.Series, distinct: int | None = None) -> str:
    inferred = pd.api.types.infer_dtype(s, skipna=True)
    if inferred == "string":
        return _string_kind(s, distinct)
    if inferred == "boolean":
        return "boolean"
    if inferred in ("integer", "floating", "mixed-integer-float", "decimal"):
        return "numeric"
    if inferred in ("date", "datetime", "datetime64"):
        return "datetime"
    if inferred == "timedelta":
        return "timedelta"
    if inferred in ("mixed", "mixed-integer"):
        sample = s.dropna()
        if any(isinstance(v, _NESTED) for v in sample.iloc[:1000]):
            return "nested"
        return "mixed"
    return "other"  # empty, bytes, period, interval, complex objects


def column_kind(s: pd.Series, distinct: int | None = None) -> str:
    """Classify one column into one of :data:`KINDS` (``distinct``: its known count of
    distinct values, saving a pass over a string column)."""
    dtype = s.dtype
    if pdt.is_bool_dtype(dtype):
        return "boolean"
    if isinstance(dtype, pd.CategoricalDtype):
        return "categorical"
    if pdt.is_datetime64_any_dtype(dtype) or isinstance(dtype, pd.PeriodDtype):
        return "datetime"
    if pdt.is_timedelta64_dtype(dtype):
        return "timedelta"
    if pdt.is_numeric_dtype(dtype) and not pdt.is_complex_dtype(dtype):
        return "numeric"
    if pdt.is_string_dtype(dtype) and not pdt.is_object_dtype(dtype):
        return _string_kind(s, distinct)
    if pdt.is_object_dtype(dtype):
        return _object_kind(s, distinct)
    return "other"
