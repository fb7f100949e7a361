"""An ordered list of steps: apply, undo/redo, JSON, and export as plain pandas code."""

from __future__ import annotations

import inspect
import json
from dataclasses import dataclass, field

import numpy as np
import pandas as pd

from .._version import __version__
from .labels import display_name
from .steps import Step, StepError, make_step

FORMAT_VERSION = 1


@dataclass
class StepResult:
    """What one step did: the frame after it and the notes it reported."""

    frame: pd.DataFrame
    notes: list[str] = field(default_factory=list)


class Recipe:
    """Cleaning steps in order. ``apply`` never modifies the frame it is given.

    Examples
    --------
    >>> r = Recipe().add("fill_missing", columns=["age"], strategy="median")
    >>> clean = r.apply(df)            # doctest: +SKIP
    >>> print(r.to_code())             # doctest: +SKIP
    """

    def __init__(self, steps: list[Step] | None = None) -> None:
        self.steps: list[Step] = list(steps or [])
        self._redo: list[Step] = []

    def __len__(self) -> int:
        return len(self.steps)

    def __repr__(self) -> str:
        lines = [f"{i}. {s.describe()}" for i, s in enumerate(self.steps, 1)]
        return "Recipe(" + ("\n  " + "\n  ".join(lines) + "\n" if lines else "") + ")"

    def add(self, step: str | Step, **params: object) -> Recipe:
        """Append a step (a :class:`Step` or an op name with its parameters)."""
        self.steps.append(make_step(step, **params))
        self._redo.clear()
        return self

    def undo(self) -> Step | None:
        """Remove the last step; it can be brought back with :meth:`redo`."""
        if not self.steps:
            return None
        step = self.steps.pop()
        self._redo.append(step)
        return step

    def redo(self) -> Step | None:
        """Bring back the step removed last by :meth:`undo`."""
        if not self._redo:
            return None
        step = self._redo.pop()
        self.steps.append(step)
        return step

    @property
    def can_undo(self) -> bool:
        return bool(self.steps)

    @property
    def can_redo(self) -> bool:
        return bool(self._redo)

    def apply(self, df: pd.DataFrame) -> pd.DataFrame:
        """A new frame with every step applied in order."""
        return self.run(df)[-1].frame if self.steps else df.copy(deep=False)

    def run(self, df: pd.DataFrame) -> list[StepResult]:
        """Apply step by step, keeping each intermediate frame and its notes.

        Raises :class:`StepError` naming the step number, the column and the problem.
        """
        results = []
        current = df
        for i, step in enumerate(self.steps, 1):
            try:
                after = step.apply(current)
                notes = step.report(current, after)
            except Exception as exc:  # a StepError names the column; others get the step
                raise StepError(f"step {i} ({step.describe()}): {exc}") from exc
            results.append(StepResult(after, notes))
            current = after
        return results

    # --- formats -------------------------------------------------------------------------
    def to_dict(self) -> dict:
        return {"version": FORMAT_VERSION, "steps": [s.to_dict() for s in self.steps]}

    def to_json(self, indent: int | None = 2) -> str:
        """The recipe as JSON: ``{"version": 1, "steps": [{"op": ..., ...}]}``."""
        try:
            return json.dumps(self.to_dict(), indent=indent)
        except TypeError as exc:
            raise StepError(f"this recipe cannot be saved as JSON ({exc}); column labels and "
                            "values must be text, numbers or booleans") from None

    @classmethod
    def from_dict(cls, data: dict) -> Recipe:
        if not isinstance(data, dict) or not isinstance(data.get("steps", []), list):
            raise StepError('not a lepton recipe: expected {"version": 1, "steps": [...]}')
        version = data.get("version")
        if version != FORMAT_VERSION:
            raise StepError(f"unsupported recipe version {version!r} (this is {FORMAT_VERSION})")
        steps = []
        for i, s in enumerate(data.get("steps", []), 1):
            try:
                steps.append(make_step(s["op"], **{k: v for k, v in s.items() if k != "op"}))
            except StepError as exc:
                raise StepError(f"step {i} of the recipe: {exc}") from None
            except (KeyError, TypeError, ValueError, AttributeError) as exc:
                raise StepError(f"step {i} of the recipe is malformed ({type(exc).__name__}: "
                                f"{exc})") from None
        return cls(steps)

    @classmethod
    def from_json(cls, text: str) -> Recipe:
        """Inverse of :meth:`to_json`."""
        try:
            data = json.loads(text)
        except (json.JSONDecodeError, TypeError) as exc:
            raise StepError(f"not a lepton recipe: this is not JSON ({exc})") from None
        return cls.from_dict(data)

    def to_code(self) -> str:
        """Self-contained Python source defining ``transform(df)`` that reproduces ``apply``."""
        helpers: list = []
        for step in self.steps:
            helpers.extend(h for h in step.helpers if h not in helpers)
        body = ["    df = df.copy()"]
        for i, step in enumerate(self.steps, 1):
            body.append(f"    # {i}. {_comment(step.describe())}")
            body.extend("    " + line for line in step.to_code().splitlines())
        body.append("    return df")
        parts = [
            f'"""Generated by lepton-widgets {__version__}: replays a cleaning recipe."""',
            "import datetime  # noqa: F401",
            "",
            "import numpy as np  # noqa: F401",
            "import pandas as pd  # noqa: F401",
            "",
            "",
            "def transform(df: pd.DataFrame) -> pd.DataFrame:",
            '    """Apply the recipe to a copy of ``df`` and return it."""',
            *body,
        ]
        if helpers:
            parts += ["", "", "# --- helpers used by the steps above " + "-" * 40]
            for h in helpers:
                parts += ["", "", inspect.getsource(h).rstrip()]
        return "\n".join(parts) + "\n"


def _comment(text: str) -> str:
    """Text safe inside a ``#`` comment: a column named "x\\nimport os" must stay a comment."""
    return "".join(ch if ch.isprintable() else repr(ch)[1:-1] for ch in text)


def diff_summary(before: pd.DataFrame, after: pd.DataFrame) -> dict:
    """Rows, columns and cells that changed between two frames (for step previews)."""
    out = {
        "rows_before": int(before.shape[0]),
        "rows_after": int(after.shape[0]),
        "columns_before": int(before.shape[1]),
        "columns_after": int(after.shape[1]),
        "cells_changed": 0,
        "columns_changed": [],
        "columns_removed": [display_name(c) for c in before.columns if c not in set(
            after.columns)][:50],
        "columns_added": [display_name(c) for c in after.columns if c not in set(
            before.columns)][:50],
    }
    if before.shape[0] != after.shape[0] or not before.index.equals(after.index):
        return out
    shared = [c for c in after.columns if c in set(before.columns)]
    if before.columns.has_duplicates or after.columns.has_duplicates:
        return out
    changed_cols = []
    total = 0
    for c in shared[:2000]:
        n = _cells_changed(before[c], after[c])
        if n:
            changed_cols.append(c)
            total += n
    out["cells_changed"] = total
    out["columns_changed"] = [display_name(c) for c in changed_cols][:50]
    return out


def _cells_changed(a: pd.Series, b: pd.Series) -> int:
    if a is b:
        return 0
    an, bn = a.isna().to_numpy(), b.isna().to_numpy()
    changed = an != bn
    both = ~an & ~bn
    av, bv = a.to_numpy(dtype=object)[both], b.to_numpy(dtype=object)[both]
    try:
        ne = np.asarray(av != bv, dtype=bool)
    except (TypeError, ValueError):  # values that refuse to compare: compare their text
        ne = np.array([str(x) != str(y) for x, y in zip(av, bv, strict=False)], dtype=bool)
    changed[both] = ne
    return int(changed.sum())
