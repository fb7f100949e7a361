"""Row-wise steps: duplicates, filters, sorting, outliers."""

from __future__ import annotations

from dataclasses import dataclass
from typing import ClassVar

import pandas as pd

from .. import labels as lb
from ..kinds import column_kind
from .base import Step, StepError, as_list, list_code, names, require

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
