"""Missing values: fill them, or drop the rows that have them."""

from __future__ import annotations

import math
from collections.abc import Hashable
from dataclasses import dataclass, field
from typing import ClassVar

import numpy as np
import pandas as pd

from .. import labels as lb
from ..kinds import column_kind
from ..snippets import fill_missing
from .base import Step, StepError, as_list, list_code, lit, names, need_columns, require, shown

FILL_STRATEGIES = ("mean", "median", "mode", "constant", "ffill", "bfill", "interpolate")
NUMERIC_ONLY = ("mean", "median", "interpolate")
HOW = ("any", "all")


@dataclass
class FillMissing(Step):
    """Fill missing values by a statistic, a constant or a neighbour."""

    columns: list = field(default_factory=list)
    strategy: str = "median"
    value: object = None
    op: ClassVar[str] = "fill_missing"
    helpers: ClassVar[tuple] = (fill_missing,)

    def __post_init__(self) -> None:
        self.columns = need_columns(self.columns, "choose at least one column to fill")
        if self.strategy not in FILL_STRATEGIES:
            raise StepError(f"unknown fill strategy {self.strategy!r}; "
                            f"use one of {', '.join(FILL_STRATEGIES)}")
        if self.strategy == "constant" and (self.value is None or self.value == "" or (
                isinstance(self.value, float) and math.isnan(self.value))):
            raise StepError("type the value to fill with")
        if isinstance(self.value, np.generic):
            self.value = self.value.item()

    def apply(self, df: pd.DataFrame) -> pd.DataFrame:
        require(df, self.columns)
        out = df.copy(deep=False)
        for c in self.columns:
            s = df[c]
            kind = column_kind(s)
            if kind == "nested":
                raise StepError(f"column {lb.display_name(c)!r} holds lists or dicts; filling "
                                "them is not supported")
            if self.strategy in NUMERIC_ONLY and kind != "numeric":
                raise StepError(f"column {lb.display_name(c)!r} is {kind}, not "
                                f"numeric: {self.strategy} needs numbers; use mode or constant")
            if self.strategy == "constant":
                _check_constant(c, s, kind, self.value)
            try:
                out[c] = fill_missing(s, self.strategy, self.value)
            except Exception as exc:  # pandas refuses: say which column and why
                how = f"with {self.value!r}" if self.strategy == "constant" else (
                    f"by {self.strategy}")
                raise StepError(f"cannot fill column {lb.display_name(c)!r} {how}: "
                                f"{exc}") from exc
        return out

    def to_code(self) -> str:
        extra = f", {lit(self.value)}" if self.strategy == "constant" else ""
        return "\n".join(f"df[{lit(c)}] = fill_missing(df[{lit(c)}], {self.strategy!r}{extra})"
                         for c in self.columns)

    def describe(self) -> str:
        how = f"with {shown(self.value)}" if self.strategy == "constant" else (
            f"by {self.strategy}")
        return f"Fill missing {names(self.columns)} {how}"


def _check_constant(label: Hashable, s: pd.Series, kind: str, value: object) -> None:
    """A constant must suit the column, or pandas would change its dtype (or refuse)."""
    number = isinstance(value, (int, float)) and not isinstance(value, bool)
    text_dtype = pd.api.types.is_string_dtype(s.dtype) and s.dtype != object
    ok = {"numeric": number, "boolean": isinstance(value, bool),
          "datetime": isinstance(value, pd.Timestamp),
          "timedelta": isinstance(value, pd.Timedelta)}.get(
              kind, isinstance(value, str) or not text_dtype)
    if not ok:
        hint = "give " + {"numeric": "a number", "boolean": "true or false",
                          "datetime": "a date such as 2021-05-11",
                          "timedelta": "a duration such as 1 days"}.get(kind, "text")
        raise StepError(f"column {lb.display_name(label)!r} is {kind}: cannot fill it with "
                        f"{value!r}; {hint}")


@dataclass
class DropMissing(Step):
    """Drop rows with missing values in ``columns`` (all columns when empty)."""

    columns: list | None = None
    how: str = "any"
    op: ClassVar[str] = "drop_missing"

    def __post_init__(self) -> None:
        self.columns = as_list(self.columns) or None
        if self.how not in HOW:
            raise StepError(f"how must be 'any' or 'all', not {self.how!r}")

    def apply(self, df: pd.DataFrame) -> pd.DataFrame:
        if self.columns:
            require(df, self.columns)
        return df.dropna(subset=self.columns, how=self.how)

    def to_code(self) -> str:
        subset = list_code(self.columns) if self.columns else "None"
        return f"df = df.dropna(subset={subset}, how={self.how!r})"

    def describe(self) -> str:
        where = names(self.columns) if self.columns else "any column"
        return f"Drop rows missing {'all of' if self.how == 'all' else ''} {where}".replace(
            "  ", " ")


@dataclass
class DropMissingColumns(Step):
    """Drop every column whose share of missing values is above ``threshold`` (0-1)."""

    threshold: float = 0.5
    op: ClassVar[str] = "drop_missing_columns"

    def __post_init__(self) -> None:
        if not isinstance(self.threshold, (int, float)) or not 0 <= self.threshold <= 1:
            raise StepError(f"the threshold is a share between 0 and 1, not {self.threshold!r}")

    def apply(self, df: pd.DataFrame) -> pd.DataFrame:
        return df.loc[:, df.isna().mean().fillna(0.0).le(self.threshold).to_numpy()]

    def to_code(self) -> str:
        return f"df = df.loc[:, df.isna().mean().fillna(0.0).le({self.threshold!r}).to_numpy()]"

    def describe(self) -> str:
        return f"Drop columns missing in more than {self.threshold * 100:g}% of rows"


@dataclass
class ReplaceInfinite(Step):
    """Turn +inf and -inf into missing values (then fill or drop them like any gap)."""

    columns: list = field(default_factory=list)
    op: ClassVar[str] = "replace_infinite"

    def __post_init__(self) -> None:
        self.columns = need_columns(self.columns, "choose at least one numeric column")

    def apply(self, df: pd.DataFrame) -> pd.DataFrame:
        require(df, self.columns)
        out = df.copy(deep=False)
        for c in self.columns:
            if column_kind(df[c]) != "numeric":
                raise StepError(f"column {lb.display_name(c)!r} is {column_kind(df[c])}; "
                                "only numbers can be infinite")
            out[c] = df[c].replace([np.inf, -np.inf], np.nan)
        return out

    def to_code(self) -> str:
        return "\n".join(f"df[{lit(c)}] = df[{lit(c)}].replace([np.inf, -np.inf], np.nan)"
                         for c in self.columns)

    def describe(self) -> str:
        return f"Replace infinite values in {names(self.columns)} with missing"
