"""Column labels: display names, JSON round trips and lookups that name the problem."""

from __future__ import annotations

from collections import Counter
from collections.abc import Hashable, Iterable

import pandas as pd

from .errors import ColumnError

__all__ = ["ColumnError", "by_display_name", "display_name", "display_names", "from_jsonable",
           "require", "to_jsonable"]


def display_name(label: Hashable) -> str:
    """Text shown for a column label: tuples from MultiIndex columns are joined with '.'."""
    if isinstance(label, tuple):
        return ".".join(str(part) for part in label)
    return str(label)


def display_names(columns: pd.Index) -> list[str]:
    """Unique display names for every column, in order.

    Labels that collide once turned into text (duplicates, ``1`` and ``"1"``) get a
    ``" (2)"``-style suffix, so every column stays visible and addressable by position.
    """
    names = [display_name(c) for c in columns]
    seen: Counter[str] = Counter()
    taken = set(names)
    out = []
    for name in names:
        seen[name] += 1
        if seen[name] == 1:
            out.append(name)
            continue
        k = seen[name]
        while f"{name} ({k})" in taken:
            k += 1
        out.append(f"{name} ({k})")
        taken.add(out[-1])
    return out


def to_jsonable(label: Hashable) -> object:
    """A label as JSON can carry it (tuples become lists)."""
    if isinstance(label, tuple):
        return [to_jsonable(p) for p in label]
    if hasattr(label, "item") and not isinstance(label, (str, bytes)):
        return label.item()  # numpy scalars
    return label


def from_jsonable(value: object) -> Hashable:
    """Inverse of :func:`to_jsonable`."""
    if isinstance(value, list):
        return tuple(from_jsonable(v) for v in value)
    return value  # type: ignore[return-value]


def require(df: pd.DataFrame, columns: Iterable[Hashable]) -> None:
    """Raise :class:`ColumnError` naming the first column that is absent or duplicated."""
    counts = Counter(df.columns)
    for col in columns:
        if col not in counts:
            raise ColumnError(f"column {display_name(col)!r} is not in the data")
        if counts[col] > 1:
            raise ColumnError(
                f"column {display_name(col)!r} appears {counts[col]} times; "
                "rename the duplicates before using it in a step"
            )


def by_display_name(df: pd.DataFrame, name: str) -> Hashable:
    """The real label behind a display name (as the UI sends it)."""
    for label, shown in zip(df.columns, display_names(df.columns), strict=False):
        if shown == name:
            return label
    raise ColumnError(f"column {name!r} is not in the data")
