"""Column-wise steps: drop, rename, change type."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import ClassVar

import numpy as np
import pandas as pd

from .. import labels as lb
from ..snippets import cast_column
from .base import REPORT_EXAMPLES, Step, StepError, as_list, list_code, lit, names, require

CAST_TARGETS = ("numeric", "datetime", "category", "boolean", "string")


@dataclass
class DropColumns(Step):
    """Remove columns."""

    columns: list = field(default_factory=list)
    op: ClassVar[str] = "drop_columns"

    def __post_init__(self) -> None:
        self.columns = as_list(self.columns)
        if not self.columns:
            raise StepError("choose at least one column to drop")

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
        self.columns = as_list(self.columns)
        if not self.columns:
            raise StepError("choose at least one column to convert")
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
