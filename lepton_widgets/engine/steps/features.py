"""Feature steps on the frame itself: scale numbers, encode categories, split dates.

Like every step they compute their statistics on the data they are applied to. For a model,
the Features tab puts the same transforms inside the Pipeline instead, fitted on the
training split only (see ``models/pipeline.py``).
"""

from __future__ import annotations

from collections.abc import Hashable
from dataclasses import dataclass, field
from typing import ClassVar

import pandas as pd

from .. import labels as lb
from ..feature_snippets import add_date_parts, encode_values, encoding_levels, one_hot, scale_column
from ..kinds import column_kind
from .base import Step, StepError, lit, names, need_columns, require

SCALE_METHODS = ("standard", "minmax", "robust")
ENCODE_METHODS = ("onehot", "ordinal", "frequency")
DATE_PARTS = ("year", "quarter", "month", "day", "weekday", "day_of_year", "hour", "minute",
              "second")
ENCODABLE = ("categorical", "text", "boolean", "mixed", "numeric")
MAX_ONEHOT = 20  # default cap on one-hot columns per encoded column


def _flat(df: pd.DataFrame, what: str) -> None:
    if isinstance(df.columns, pd.MultiIndex):
        raise StepError(f"{what} on a multi-level header is not supported yet; flatten the "
                        "header first")


def _new_names(df: pd.DataFrame, names_: list[str], removed: Hashable | None = None) -> None:
    """StepError when a column the step would add exists already (or twice)."""
    taken = {lb.display_name(c) for c in df.columns if c != removed}
    clash = [n for n in names_ if n in taken] or [n for n in names_ if names_.count(n) > 1]
    if clash:
        raise StepError(f"a column named {clash[0]!r} already exists; rename it first")


@dataclass
class Scale(Step):
    """Rescale numeric columns: standard (mean 0, std 1), minmax (0 to 1) or robust
    (median 0, interquartile range 1), by their finite values."""

    columns: list = field(default_factory=list)
    method: str = "standard"
    op: ClassVar[str] = "scale"
    helpers: ClassVar[tuple] = (scale_column,)

    def __post_init__(self) -> None:
        self.columns = need_columns(self.columns, "choose at least one numeric column")
        if self.method not in SCALE_METHODS:
            raise StepError(f"unknown scaling {self.method!r}; use one of "
                            f"{', '.join(SCALE_METHODS)}")

    def apply(self, df: pd.DataFrame) -> pd.DataFrame:
        require(df, self.columns)
        out = df.copy(deep=False)
        for c in self.columns:
            s = df[c]
            if column_kind(s) != "numeric" or s.dtype == object:
                raise StepError(f"column {lb.display_name(c)!r} is {column_kind(s)}; scaling "
                                "needs a numeric column (change its type first)")
            out[c] = scale_column(s, self.method)
        return out

    def to_code(self) -> str:
        return "\n".join(f"df[{lit(c)}] = scale_column(df[{lit(c)}], {self.method!r})"
                         for c in self.columns)

    def describe(self) -> str:
        how = {"standard": "to mean 0 and std 1", "minmax": "to 0-1",
               "robust": "by median and IQR"}[self.method]
        return f"Scale {names(self.columns)} {how}"


@dataclass
class Encode(Step):
    """Categories as numbers: one-hot (at most ``max_levels`` columns per column, the rest
    in ``<column>_other``), ordinal codes, or each level's frequency."""

    columns: list = field(default_factory=list)
    method: str = "onehot"
    max_levels: int = MAX_ONEHOT
    op: ClassVar[str] = "encode"

    def __post_init__(self) -> None:
        self.columns = need_columns(self.columns, "choose at least one column to encode")
        if self.method not in ENCODE_METHODS:
            raise StepError(f"unknown encoding {self.method!r}; use one of "
                            f"{', '.join(ENCODE_METHODS)}")
        if isinstance(self.max_levels, bool) or not isinstance(self.max_levels, int) or not (
                1 <= self.max_levels <= 1000):
            raise StepError(f"the level cap must be a whole number from 1 to 1000, not "
                            f"{self.max_levels!r}")

    @property
    def helpers(self) -> tuple:  # type: ignore[override]
        return (encoding_levels, one_hot if self.method == "onehot" else encode_values)

    def _check(self, df: pd.DataFrame, c: Hashable) -> None:
        kind = column_kind(df[c])
        if kind not in ENCODABLE:
            raise StepError(f"column {lb.display_name(c)!r} is {kind}; encoding needs "
                            "categories, text, booleans or numbers")

    def apply(self, df: pd.DataFrame) -> pd.DataFrame:
        require(df, self.columns)
        if self.method == "onehot":
            _flat(df, "one-hot encoding")
        out = df
        for c in self.columns:
            self._check(out, c)
            if self.method == "onehot":
                levels, _ = encoding_levels(out[c])
                name = lb.display_name(c)
                new = [f"{name}_{v}" for v in levels[: self.max_levels]]
                _new_names(out, new + [f"{name}_other"] * (len(levels) > self.max_levels),
                           removed=c)
                out = one_hot(out, c, name, self.max_levels)
            else:
                out = out.copy(deep=False) if out is df else out
                out[c] = encode_values(out[c], self.method)
        return out

    def report(self, before: pd.DataFrame, after: pd.DataFrame) -> list[str]:
        notes = []
        if self.method == "onehot":
            for c in self.columns:
                n = int(before[c].nunique(dropna=True))
                if n > self.max_levels:
                    name = lb.display_name(c)
                    rest = n - self.max_levels
                    notes.append(f"{name} has {n:,} levels: one-hot kept the "
                                 f"{self.max_levels} most frequent; the other {rest:,} "
                                 f"{'is' if rest == 1 else 'are'} flagged in {name}_other")
        return notes

    def to_code(self) -> str:
        if self.method == "onehot":
            return "\n".join(f"df = one_hot(df, {lit(c)}, {lb.display_name(c)!r}, "
                             f"{self.max_levels!r})" for c in self.columns)
        return "\n".join(f"df[{lit(c)}] = encode_values(df[{lit(c)}], {self.method!r})"
                         for c in self.columns)

    def describe(self) -> str:
        how = {"onehot": f"one-hot (at most {self.max_levels} levels)",
               "ordinal": "ordinal codes", "frequency": "level frequencies"}[self.method]
        return f"Encode {names(self.columns)} as {how}"


@dataclass
class DateParts(Step):
    """Date columns split into whole-number parts (``<column>_year`` ...) next to them."""

    columns: list = field(default_factory=list)
    parts: list = field(default_factory=lambda: ["year", "month", "day", "weekday"])
    op: ClassVar[str] = "date_parts"
    helpers: ClassVar[tuple] = (add_date_parts,)

    def __post_init__(self) -> None:
        self.columns = need_columns(self.columns, "choose at least one date column")
        self.parts = [self.parts] if isinstance(self.parts, str) else list(self.parts or [])
        if not self.parts:
            raise StepError("choose at least one date part")
        bad = [p for p in self.parts if p not in DATE_PARTS]
        if bad:
            raise StepError(f"unknown date part {bad[0]!r}; use {', '.join(DATE_PARTS)}")

    def apply(self, df: pd.DataFrame) -> pd.DataFrame:
        require(df, self.columns)
        _flat(df, "date parts")
        out = df
        for c in self.columns:
            if column_kind(out[c]) != "datetime":
                raise StepError(f"column {lb.display_name(c)!r} is {column_kind(out[c])}, not "
                                "dates; change its type to datetime first")
            name = lb.display_name(c)
            _new_names(out, [f"{name}_{p}" for p in self.parts])
            out = add_date_parts(out, c, name, self.parts)
        return out

    def to_code(self) -> str:
        return "\n".join(f"df = add_date_parts(df, {lit(c)}, {lb.display_name(c)!r}, "
                         f"{list(self.parts)!r})" for c in self.columns)

    def describe(self) -> str:
        return f"Date parts ({', '.join(self.parts)}) of {names(self.columns)}"
