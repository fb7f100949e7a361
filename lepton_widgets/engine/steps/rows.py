"""Row-wise steps: duplicates, filters, sorting, outliers."""

from __future__ import annotations

import math
from collections.abc import Hashable
from dataclasses import dataclass, field
from typing import ClassVar

import pandas as pd

from .. import codec
from .. import labels as lb
from ..kinds import column_kind
from ..snippets import as_mask, clip_to, outlier_bounds
from .base import Step, StepError, as_list, list_code, lit, names, need_columns, require, shown

KEEP = ("first", "last", False)


@dataclass
class DropDuplicates(Step):
    """Remove repeated rows, judged on all columns or on ``subset``."""

    subset: list | None = None
    keep: str | bool = "first"
    op: ClassVar[str] = "drop_duplicates"

    def __post_init__(self) -> None:
        self.subset = as_list(self.subset) or None
        if self.keep not in KEEP:
            raise StepError(f"keep must be 'first', 'last' or False, not {self.keep!r}")

    def apply(self, df: pd.DataFrame) -> pd.DataFrame:
        if self.subset:
            require(df, self.subset)
        try:
            return df.drop_duplicates(subset=self.subset, keep=self.keep)
        except TypeError as exc:  # lists or dicts in cells are not hashable
            bad = [lb.display_name(c) for c in (self.subset or df.columns)
                   if column_kind(df[c]) == "nested"]
            raise StepError(f"cannot compare rows: column {', '.join(bad) or '?'} holds "
                            "lists or dicts; choose a subset without it") from exc

    def to_code(self) -> str:
        subset = list_code(self.subset) if self.subset else "None"
        return f"df = df.drop_duplicates(subset={subset}, keep={self.keep!r})"

    def describe(self) -> str:
        on = f" on {names(self.subset)}" if self.subset else ""
        return f"Drop duplicate rows{on} (keep {self.keep or 'none'})"


# Filter conditions: op -> (pandas expression on a column `s` and value `v`, its code).
# Both columns of the table are the same operation, so the Studio and the code agree.
CONDITIONS: dict[str, tuple] = {
    "==": (lambda s, v: s == v, "{s} == {v}"),
    "!=": (lambda s, v: (s != v) & s.notna(), "({s} != {v}) & {s}.notna()"),
    "<": (lambda s, v: s < v, "{s} < {v}"),
    "<=": (lambda s, v: s <= v, "{s} <= {v}"),
    ">": (lambda s, v: s > v, "{s} > {v}"),
    ">=": (lambda s, v: s >= v, "{s} >= {v}"),
    "isna": (lambda s, v: s.isna(), "{s}.isna()"),
    "notna": (lambda s, v: s.notna(), "{s}.notna()"),
    "in": (lambda s, v: s.isin(v), "{s}.isin({v})"),
    "not in": (lambda s, v: ~s.isin(v) & s.notna(), "~{s}.isin({v}) & {s}.notna()"),
    "between": (lambda s, v: s.between(v[0], v[1]), "{s}.between({v0}, {v1})"),
    "contains": (lambda s, v: s.str.contains(v, regex=False, na=False),
                 "{s}.str.contains({v}, regex=False, na=False)"),
    "startswith": (lambda s, v: s.str.startswith(v, na=False), "{s}.str.startswith({v}, na=False)"),
}
NO_VALUE = ("isna", "notna")


@dataclass
class Filter(Step):
    """Keep the rows that meet ``conditions`` (all of them, or any with ``how="any"``).

    Each condition is ``{"column": label, "op": one of CONDITIONS, "value": ...}``; rows
    where a comparison is missing (NA) are not kept. No user text is ever evaluated.
    """

    conditions: list = field(default_factory=list)
    how: str = "all"
    op: ClassVar[str] = "filter"
    helpers: ClassVar[tuple] = (as_mask,)

    def __post_init__(self) -> None:
        if not self.conditions:
            raise StepError("add at least one condition")
        if self.how not in ("all", "any"):
            raise StepError(f"how must be 'all' or 'any', not {self.how!r}")
        clean = []
        for cond in self.conditions:
            op = cond.get("op")
            if op not in CONDITIONS:
                raise StepError(f"unknown condition {op!r}; use one of {', '.join(CONDITIONS)}")
            value = cond.get("value")
            if op in ("in", "not in") and not isinstance(value, (list, tuple)):
                value = [value]
            if op == "between" and (not isinstance(value, (list, tuple)) or len(value) != 2):
                raise StepError("between needs two values: [low, high]")
            if op in ("in", "not in", "between"):
                value = list(value)
            clean.append({"column": lb.from_jsonable(cond.get("column")), "op": op,
                          "value": None if op in NO_VALUE else value})
        self.conditions = clean

    def apply(self, df: pd.DataFrame) -> pd.DataFrame:
        require(df, [c["column"] for c in self.conditions])
        mask = None
        for cond in self.conditions:
            fn = CONDITIONS[cond["op"]][0]
            try:
                part = as_mask(fn(df[cond["column"]], cond["value"]))
            except (TypeError, ValueError, AttributeError) as exc:
                raise StepError(f"cannot test column {lb.display_name(cond['column'])!r} "
                                f"{cond['op']} {cond['value']!r}: {exc}") from exc
            mask = part if mask is None else (mask & part if self.how == "all" else mask | part)
        return df[mask]

    def to_dict(self) -> dict:
        return {"op": self.op, "how": self.how, "conditions": codec.encode(self.conditions)}

    def _condition_code(self, cond: dict) -> str:
        value = cond["value"]
        v0, v1 = (lit(value[0]), lit(value[1])) if cond["op"] == "between" else ("", "")
        shown = "[" + ", ".join(lit(x) for x in value) + "]" if isinstance(value, list) else (
            lit(value))
        return "as_mask(" + CONDITIONS[cond["op"]][1].format(
            s=f"df[{lit(cond['column'])}]", v=shown, v0=v0, v1=v1) + ")"

    def to_code(self) -> str:
        joiner = " & " if self.how == "all" else " | "
        tests = [self._condition_code(c) for c in self.conditions]
        if len(tests) == 1:
            return f"df = df[{tests[0]}]"
        return "mask = (\n    " + f"\n    {joiner.strip()} ".join(tests) + "\n)\ndf = df[mask]"

    def describe(self) -> str:
        parts = [f"{lb.display_name(c['column'])} {c['op']}"
                 + ("" if c["op"] in NO_VALUE else f" {shown(c['value'])}")
                 for c in self.conditions]
        return "Keep rows where " + (" and " if self.how == "all" else " or ").join(parts)


@dataclass
class Sort(Step):
    """Sort rows by one or more columns (stable; missing values last)."""

    by: list = field(default_factory=list)
    ascending: bool | list = True
    op: ClassVar[str] = "sort"

    def __post_init__(self) -> None:
        self.by = as_list(self.by)
        if not self.by:
            raise StepError("choose at least one column to sort by")
        flags = self.ascending if isinstance(self.ascending, list) else [self.ascending]
        if not all(isinstance(f, bool) for f in flags):
            raise StepError(f"ascending must be true or false, not {self.ascending!r}")
        if isinstance(self.ascending, list) and len(self.ascending) != len(self.by):
            raise StepError("give one ascending flag per column")

    def apply(self, df: pd.DataFrame) -> pd.DataFrame:
        require(df, self.by)
        try:
            return df.sort_values(by=self.by, ascending=self.ascending, kind="stable",
                                  na_position="last")
        except TypeError as exc:
            raise StepError(f"cannot sort by {names(self.by)}: the values do not compare "
                            f"({exc})") from exc

    def to_code(self) -> str:
        return (f"df = df.sort_values(by={list_code(self.by)}, ascending={self.ascending!r}, "
                'kind="stable", na_position="last")')

    def describe(self) -> str:
        order = "ascending" if self.ascending is True else (
            "descending" if self.ascending is False else "mixed order")
        return f"Sort by {names(self.by)} ({order})"


OUTLIER_METHODS = ("iqr", "zscore")
OUTLIER_ACTIONS = ("clip", "drop", "flag")


@dataclass
class ClipOutliers(Step):
    """Outliers beyond quartiles -/+ factor x IQR (or mean -/+ factor x std): clip them to
    the limits, drop their rows, or flag them in a new ``<column>_outlier`` column."""

    columns: list = field(default_factory=list)
    method: str = "iqr"
    factor: float = 1.5
    action: str = "clip"
    op: ClassVar[str] = "clip_outliers"
    helpers: ClassVar[tuple] = (outlier_bounds, clip_to, as_mask)

    def __post_init__(self) -> None:
        self.columns = need_columns(self.columns, "choose at least one numeric column")
        if self.method not in OUTLIER_METHODS:
            raise StepError(f"method must be 'iqr' or 'zscore', not {self.method!r}")
        if self.action not in OUTLIER_ACTIONS:
            raise StepError(f"action must be clip, drop or flag, not {self.action!r}")
        if isinstance(self.factor, bool) or not isinstance(self.factor, (int, float)) or not (
                math.isfinite(self.factor) and self.factor > 0):
            raise StepError(f"the factor must be a positive number, not {self.factor!r}")

    def _flag_name(self, label: Hashable) -> str:
        return f"{lb.display_name(label)}_outlier"

    def apply(self, df: pd.DataFrame) -> pd.DataFrame:
        require(df, self.columns)
        for c in self.columns:
            if column_kind(df[c]) != "numeric" or df[c].dtype == object:
                raise StepError(f"column {lb.display_name(c)!r} is {column_kind(df[c])}; "
                                "outliers are found in numeric columns")
        if self.action == "flag":
            flags = [self._flag_name(c) for c in self.columns]
            taken = set(lb.display_names(df.columns)) | {lb.display_name(c) for c in df.columns}
            clash = [f for f in flags if f in taken] or [f for f in flags if flags.count(f) > 1]
            if clash:
                raise StepError(f"a column named {clash[0]!r} already exists; rename it first")
        out = df.copy(deep=False)
        keep = pd.Series(True, index=df.index)
        for c in self.columns:
            lo, hi = outlier_bounds(df[c], self.method, self.factor)
            if self.action == "clip":
                out[c] = clip_to(df[c], lo, hi)
            elif self.action == "drop":
                keep &= ~as_mask((df[c] < lo) | (df[c] > hi))
            else:
                out[self._flag_name(c)] = as_mask((df[c] < lo) | (df[c] > hi))
        return out[keep] if self.action == "drop" else out

    def to_code(self) -> str:
        lines = ["keep = pd.Series(True, index=df.index)"] if self.action == "drop" else []
        for c in self.columns:
            col = f"df[{lit(c)}]"
            lines.append(f"lo, hi = outlier_bounds({col}, {self.method!r}, {self.factor!r})")
            outside = f"as_mask(({col} < lo) | ({col} > hi))"
            if self.action == "clip":
                lines.append(f"{col} = clip_to({col}, lo, hi)")
            elif self.action == "drop":
                lines.append(f"keep &= ~{outside}")
            else:
                lines.append(f"df[{lit(self._flag_name(c))}] = {outside}")
        if self.action == "drop":
            lines.append("df = df[keep]")
        return "\n".join(lines)

    def describe(self) -> str:
        limit = f"{self.factor:g} x IQR" if self.method == "iqr" else f"{self.factor:g} std"
        verb = {"clip": "Clip", "drop": "Drop rows with", "flag": "Flag"}[self.action]
        return f"{verb} outliers in {names(self.columns)} (beyond {limit})"
