"""Column-wise steps: drop, rename, change type."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import ClassVar

import numpy as np
import pandas as pd

from .. import labels as lb
from ..snippets import cast_column
from .base import REPORT_EXAMPLES, Step, StepError, list_code, lit, names, need_columns, require

CAST_TARGETS = ("numeric", "datetime", "category", "boolean", "string")


@dataclass
class DropColumns(Step):
    """Remove columns."""

    columns: list = field(default_factory=list)
    op: ClassVar[str] = "drop_columns"

    def __post_init__(self) -> None:
        self.columns = need_columns(self.columns, "choose at least one column to drop")

    def apply(self, df: pd.DataFrame) -> pd.DataFrame:
        require(df, self.columns)
        return df.drop(columns=self.columns)

    def to_code(self) -> str:
        return f"df = df.drop(columns={list_code(self.columns)})"

    def describe(self) -> str:
        return f"Drop columns {names(self.columns)}"


@dataclass
class Cast(Step):
    """Change column types; values that cannot be read become missing and are reported."""

    columns: list = field(default_factory=list)
    to: str = "numeric"
    op: ClassVar[str] = "cast"
    helpers: ClassVar[tuple] = (cast_column,)

    def __post_init__(self) -> None:
        self.columns = need_columns(self.columns, "choose at least one column to convert")
        if self.to not in CAST_TARGETS:
            raise StepError(f"cannot cast to {self.to!r}; use one of {', '.join(CAST_TARGETS)}")

    def apply(self, df: pd.DataFrame) -> pd.DataFrame:
        require(df, self.columns)
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
        return f"Convert {names(self.columns)} to {self.to}"


@dataclass
class Rename(Step):
    """Give columns new names: ``mapping`` {old: new} (or a list of [old, new] pairs)."""

    mapping: dict = field(default_factory=dict)
    op: ClassVar[str] = "rename"

    def __post_init__(self) -> None:
        pairs = self.mapping.items() if isinstance(self.mapping, dict) else self.mapping
        self.mapping = {lb.from_jsonable(k): v for k, v in pairs}
        if not self.mapping:
            raise StepError("choose a column to rename")
        for old, new in self.mapping.items():
            if not isinstance(new, str) or not new.strip():
                raise StepError(f"type a new name for column {lb.display_name(old)!r}")

    def apply(self, df: pd.DataFrame) -> pd.DataFrame:
        require(df, list(self.mapping))
        if isinstance(df.columns, pd.MultiIndex):
            raise StepError("renaming a column of a multi-level header is not supported yet; "
                            "flatten the header first")
        after = [self.mapping.get(c, c) for c in df.columns]
        clash = pd.Index(after)[pd.Index(after).duplicated()]
        if len(clash):
            raise StepError(f"renaming would give two columns named {clash[0]!r}")
        return df.rename(columns=self.mapping)

    def to_dict(self) -> dict:
        if all(isinstance(k, str) for k in self.mapping):
            return {"op": self.op, "mapping": dict(self.mapping)}
        return {"op": self.op, "mapping": [[lb.to_jsonable(k), v] for k, v in self.mapping.items()]}

    def to_code(self) -> str:
        body = ", ".join(f"{lit(k)}: {lit(v)}" for k, v in self.mapping.items())
        return f"df = df.rename(columns={{{body}}})"

    def describe(self) -> str:
        return "Rename " + ", ".join(f"{lb.display_name(k)} to {v}"
                                     for k, v in self.mapping.items())
