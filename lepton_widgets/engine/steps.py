"""Cleaning steps: each one applies to a frame, prints its own pandas code and has a JSON form.

A step never modifies the frame it is given. Columns are addressed by their real labels
(tuples for MultiIndex columns); generated code quotes every label with ``repr``.
"""

from __future__ import annotations

import math
from collections.abc import Hashable, Sequence
from dataclasses import dataclass, field, fields
from typing import ClassVar

import numpy as np
import pandas as pd

from . import labels as lb
from .kinds import column_kind
from .snippets import cast_column, fill_missing


class StepError(ValueError):
    """A step cannot run on this frame; the message names the column and the problem."""


FILL_STRATEGIES = ("mean", "median", "mode", "constant", "ffill", "bfill", "interpolate")
NUMERIC_ONLY = ("mean", "median", "interpolate")
CAST_TARGETS = ("numeric", "datetime", "category", "boolean", "string")
KEEP = ("first", "last", False)
HOW = ("any", "all")
REPORT_EXAMPLES = 5


def _cols(columns: Sequence[Hashable] | Hashable | None) -> list[Hashable]:
    if columns is None:
        return []
    if isinstance(columns, (str, tuple)) or not isinstance(columns, Sequence):
        return [columns]
    return list(columns)


def _require(df: pd.DataFrame, columns: list[Hashable]) -> None:
    try:
        lb.require(df, columns)
    except lb.ColumnError as exc:
        raise StepError(str(exc)) from None


def lit(value: object) -> str:
    """Python source for a label or value (the exported code imports np and pd)."""
    if isinstance(value, float) and not math.isfinite(value):
        return f"float({str(value)!r})"
    if isinstance(value, (pd.Timestamp, pd.Timedelta, pd.Period)):
        return "pd." + repr(value)
    if isinstance(value, tuple):
        return "(" + ", ".join(lit(v) for v in value) + ("," if len(value) == 1 else "") + ")"
    return repr(value)


def _list_code(columns: list[Hashable]) -> str:
    return "[" + ", ".join(lit(c) for c in columns) + "]"


def _names(columns: list[Hashable]) -> str:
    return ", ".join(lb.display_name(c) for c in columns)


@dataclass
class Step:
    """Base class: subclasses set ``op`` and implement ``apply``, ``to_code``, ``describe``."""

    op: ClassVar[str] = ""
    helpers: ClassVar[tuple] = ()  # snippets the generated code needs

    def apply(self, df: pd.DataFrame) -> pd.DataFrame:
        raise NotImplementedError

    def report(self, before: pd.DataFrame, after: pd.DataFrame) -> list[str]:
        """Notes about what the step could not do (unreadable values and the like)."""
        return []

    def to_code(self) -> str:
        raise NotImplementedError

    def describe(self) -> str:
        raise NotImplementedError

    def to_dict(self) -> dict:
        out: dict = {"op": self.op}
        for f in fields(self):
            value = getattr(self, f.name)
            if f.name in ("columns", "subset") and value is not None:
                value = [lb.to_jsonable(c) for c in value]
            out[f.name] = value
        return out

    @classmethod
    def from_dict(cls, data: dict) -> Step:
        params = {k: v for k, v in data.items() if k != "op"}
        for key in ("columns", "subset"):
            if params.get(key) is not None:
                params[key] = [lb.from_jsonable(c) for c in _cols(params[key])]
        return cls(**params)


@dataclass
class DropColumns(Step):
    """Remove columns."""

    columns: list = field(default_factory=list)
    op: ClassVar[str] = "drop_columns"

    def __post_init__(self) -> None:
        self.columns = _cols(self.columns)
        if not self.columns:
            raise StepError("choose at least one column to drop")

    def apply(self, df: pd.DataFrame) -> pd.DataFrame:
        _require(df, self.columns)
        return df.drop(columns=self.columns)

    def to_code(self) -> str:
        return f"df = df.drop(columns={_list_code(self.columns)})"

    def describe(self) -> str:
        return f"Drop columns {_names(self.columns)}"


@dataclass
class DropDuplicates(Step):
    """Remove repeated rows, judged on all columns or on ``subset``."""

    subset: list | None = None
    keep: str | bool = "first"
    op: ClassVar[str] = "drop_duplicates"

    def __post_init__(self) -> None:
        self.subset = _cols(self.subset) or None
        if self.keep not in KEEP:
            raise StepError(f"keep must be 'first', 'last' or False, not {self.keep!r}")

    def apply(self, df: pd.DataFrame) -> pd.DataFrame:
        if self.subset:
            _require(df, self.subset)
        try:
            return df.drop_duplicates(subset=self.subset, keep=self.keep)
        except TypeError as exc:  # lists or dicts in cells are not hashable
            bad = [lb.display_name(c) for c in (self.subset or df.columns)
                   if column_kind(df[c]) == "nested"]
            raise StepError(f"cannot compare rows: column {', '.join(bad) or '?'} holds "
                            "lists or dicts; choose a subset without it") from exc

    def to_code(self) -> str:
        subset = _list_code(self.subset) if self.subset else "None"
        return f"df = df.drop_duplicates(subset={subset}, keep={self.keep!r})"

    def describe(self) -> str:
        on = f" on {_names(self.subset)}" if self.subset else ""
        return f"Drop duplicate rows{on} (keep {self.keep or 'none'})"


@dataclass
class FillMissing(Step):
    """Fill missing values by a statistic, a constant or a neighbour."""

    columns: list = field(default_factory=list)
    strategy: str = "median"
    value: object = None
    op: ClassVar[str] = "fill_missing"
    helpers: ClassVar[tuple] = (fill_missing,)

    def __post_init__(self) -> None:
        self.columns = _cols(self.columns)
        if not self.columns:
            raise StepError("choose at least one column to fill")
        if self.strategy not in FILL_STRATEGIES:
            raise StepError(f"unknown fill strategy {self.strategy!r}; "
                            f"use one of {', '.join(FILL_STRATEGIES)}")
        if self.strategy == "constant" and (self.value is None or self.value == "" or (
                isinstance(self.value, float) and math.isnan(self.value))):
            raise StepError("type the value to fill with")
        if isinstance(self.value, np.generic):
            self.value = self.value.item()

    def apply(self, df: pd.DataFrame) -> pd.DataFrame:
        _require(df, self.columns)
        out = df.copy(deep=False)
        for c in self.columns:
            s = df[c]
            kind = column_kind(s)
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
        how = f"with {self.value!r}" if self.strategy == "constant" else f"by {self.strategy}"
        return f"Fill missing {_names(self.columns)} {how}"


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
        self.columns = _cols(self.columns) or None
        if self.how not in HOW:
            raise StepError(f"how must be 'any' or 'all', not {self.how!r}")

    def apply(self, df: pd.DataFrame) -> pd.DataFrame:
        if self.columns:
            _require(df, self.columns)
        return df.dropna(subset=self.columns, how=self.how)

    def to_code(self) -> str:
        subset = _list_code(self.columns) if self.columns else "None"
        return f"df = df.dropna(subset={subset}, how={self.how!r})"

    def describe(self) -> str:
        where = _names(self.columns) if self.columns else "any column"
        return f"Drop rows missing {'all of' if self.how == 'all' else ''} {where}".replace(
            "  ", " ")


@dataclass
class Cast(Step):
    """Change column types; values that cannot be read become missing and are reported."""

    columns: list = field(default_factory=list)
    to: str = "numeric"
    op: ClassVar[str] = "cast"
    helpers: ClassVar[tuple] = (cast_column,)

    def __post_init__(self) -> None:
        self.columns = _cols(self.columns)
        if not self.columns:
            raise StepError("choose at least one column to convert")
        if self.to not in CAST_TARGETS:
            raise StepError(f"cannot cast to {self.to!r}; use one of {', '.join(CAST_TARGETS)}")

    def apply(self, df: pd.DataFrame) -> pd.DataFrame:
        _require(df, self.columns)
        out = df.copy(deep=False)
        for c in self.columns:
            try:
                out[c] = cast_column(df[c], self.to)
            except Exception as exc:  # pandas refuses: say which column and why
                raise StepError(f"cannot convert column {lb.display_name(c)!r} to "
                                f"{self.to}: {exc}") from exc
        return out

    def report(self, before: pd.DataFrame, after: pd.DataFrame) -> list[str]:
        notes = []
        for c in self.columns:
            lost = before[c].notna().to_numpy() & after[c].isna().to_numpy()
            n = int(lost.sum())
            if n:
                values = before[c][lost].iloc[:1000]
                examples = pd.unique(np.array([repr(v) for v in values], dtype=object))
                shown = ", ".join(examples[:REPORT_EXAMPLES])
                notes.append(f"{lb.display_name(c)}: {n:,} value{'s' if n > 1 else ''} could "
                             f"not be read as {self.to} ({shown}); now missing")
        return notes

    def to_code(self) -> str:
        return "\n".join(f"df[{lit(c)}] = cast_column(df[{lit(c)}], {self.to!r})"
                         for c in self.columns)

    def describe(self) -> str:
        return f"Convert {_names(self.columns)} to {self.to}"


STEPS: dict[str, type[Step]] = {
    cls.op: cls for cls in (DropColumns, DropDuplicates, FillMissing, DropMissing, Cast)
}


def make_step(op: str | Step, **params: object) -> Step:
    """A step from its op name and parameters (or the step itself)."""
    if isinstance(op, Step):
        return op
    if op not in STEPS:
        raise StepError(f"unknown step {op!r}; known: {', '.join(STEPS)}")
    try:
        return STEPS[op].from_dict({"op": op, **params})
    except TypeError as exc:
        raise StepError(f"bad parameters for {op}: {exc}") from exc
