"""The step contract and the helpers every step uses."""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Hashable, Sequence
from dataclasses import dataclass, fields
from typing import ClassVar

import pandas as pd

from .. import codec
from .. import labels as lb
from ..errors import StepError

__all__ = ["REPORT_EXAMPLES", "Step", "StepError", "as_list", "list_code", "lit", "names",
           "need_columns", "require", "shown"]

require = lb.require  # raises ColumnError, a StepError
REPORT_EXAMPLES = 5  # unreadable values quoted in a report


def as_list(columns: Sequence[Hashable] | Hashable | None) -> list[Hashable]:
    if columns is None:
        return []
    if isinstance(columns, (str, tuple)) or not isinstance(columns, Sequence):
        return [columns]
    return list(columns)


def need_columns(columns: object, message: str) -> list[Hashable]:
    """``columns`` as a list; StepError(message) when there are none."""
    out = as_list(columns)  # type: ignore[arg-type]
    if not out:
        raise StepError(message)
    return out


def lit(value: object) -> str:
    """Python source for a label or value (the exported code imports np and pd)."""
    if isinstance(value, float) and not math.isfinite(value):
        return f"float({str(value)!r})"
    if isinstance(value, pd.Timestamp) and value.tz is not None:
        zone = str(value.tz)
        stamp = f"pd.Timestamp({value.isoformat()!r})"
        return stamp if zone.startswith(("UTC", "+", "-")) else f"{stamp}.tz_convert({zone!r})"
    if isinstance(value, (pd.Timestamp, pd.Timedelta, pd.Period)):
        return "pd." + repr(value)
    if isinstance(value, dt.date) and not isinstance(value, dt.datetime):
        return f"datetime.date.fromisoformat({value.isoformat()!r})"
    if isinstance(value, tuple):
        return "(" + ", ".join(lit(v) for v in value) + ("," if len(value) == 1 else "") + ")"
    return repr(value)


def shown(value: object) -> str:
    """A value as a person reads it in a step's description (not Python syntax)."""
    if isinstance(value, (list, tuple)):
        return ", ".join(shown(v) for v in value)
    if isinstance(value, str):
        return f"'{value}'"
    if isinstance(value, pd.Timestamp):
        return str(value.date()) if value == value.normalize() and value.tz is None else str(
            value)
    return str(value)


def list_code(columns: list[Hashable]) -> str:
    return "[" + ", ".join(lit(c) for c in columns) + "]"


def names(columns: list[Hashable]) -> str:
    return ", ".join(lb.display_name(c) for c in columns)


@dataclass
class Step:
    """Base class: subclasses set ``op`` and implement ``apply``, ``to_code``, ``describe``."""

    op: ClassVar[str] = ""
    helpers: ClassVar[tuple] = ()  # snippets the generated code needs
    label_lists: ClassVar[tuple] = ("columns", "subset", "by")  # fields holding labels

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
            out[f.name] = codec.encode(getattr(self, f.name))
        return out

    @classmethod
    def from_dict(cls, data: dict) -> Step:
        params = {k: codec.decode(v) for k, v in data.items() if k != "op"}
        for key in cls.label_lists:
            if params.get(key) is not None:
                params[key] = [lb.from_jsonable(c) for c in as_list(params[key])]
        return cls(**params)
