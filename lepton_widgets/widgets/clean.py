"""Clean tab: build a step, preview what it changes, add it, undo and redo."""

from __future__ import annotations

import pandas as pd
import traitlets as t

from ..engine import labels as lb
from ..engine import transport
from ..engine.kinds import column_kind
from ..engine.session import Session
from ..engine.steps import CAST_TARGETS, FILL_STRATEGIES, Step, StepError, make_step
from ._base import Panel, static_file


def _typed_value(text: object, s: pd.Series, kind: str) -> object:
    """The constant typed in the UI, as the column needs it."""
    if not isinstance(text, str):
        return text
    text = text.strip()
    if not text:
        raise StepError("type the value to fill with")
    if kind == "numeric":
        try:
            return int(text)  # exact, even beyond 2**53
        except ValueError:
            pass
        try:
            number = float(text)
        except ValueError:
            raise StepError(f"{text!r} is not a number") from None
        if pd.api.types.is_integer_dtype(s.dtype):
            if not number.is_integer():
                raise StepError(f"column {s.name!r} holds whole numbers; {text!r} is not one")
            return int(number)
        return number
    if kind == "datetime":
        try:
            return pd.Timestamp(text)
        except ValueError:
            raise StepError(f"{text!r} is not a date; write it like 2021-05-11") from None
    if kind == "timedelta":
        try:
            return pd.Timedelta(text)
        except ValueError:
            raise StepError(f"{text!r} is not a duration; write it like '1 days'") from None
    if kind == "boolean":
        lowered = text.strip().lower()
        if lowered in ("true", "false"):
            return lowered == "true"
        raise StepError(f"{text!r} is not true or false")
    return text


class CleanPanel(Panel):
    """Cleaning steps for the Studio's session."""

    _esm = static_file("clean.js")

    columns = t.List(t.Dict()).tag(sync=True)
    """Current columns: one {name, kind} each."""
    steps = t.List(t.Dict()).tag(sync=True)
    """The recipe so far: one {op, description} per step."""
    can_undo = t.Bool(False).tag(sync=True)
    can_redo = t.Bool(False).tag(sync=True)
    preview = t.Dict().tag(sync=True)
    """Effect of the step being built: rows/columns before and after, cells changed, notes."""
    notes = t.List(t.Unicode()).tag(sync=True)
    """Notes from the last step added (values that could not be read, ...)."""
    fill_strategies = t.List(t.Unicode(), list(FILL_STRATEGIES)).tag(sync=True)
    cast_targets = t.List(t.Unicode(), list(CAST_TARGETS)).tag(sync=True)

    def __init__(self, session: Session, **kwargs) -> None:
        super().__init__(**kwargs)
        self.session = session
        self.refresh()

    def refresh(self) -> None:
        df = self.session.current
        names = lb.display_names(df.columns)
        with self.hold_sync():
            self.columns = [{"name": n, "kind": column_kind(df.iloc[:, i])}
                            for i, n in enumerate(names[: transport.MAX_LISTED_COLUMNS])]
            self.steps = [{"op": s.op, "description": s.describe()}
                          for s in self.session.recipe.steps]
            self.can_undo = self.session.recipe.can_undo
            self.can_redo = self.session.recipe.can_redo

    def step_from_ui(self, spec: dict) -> Step:
        """A step from the browser's form (display names -> real column labels)."""
        df = self.session.current
        params = {k: v for k, v in spec.items() if k not in ("op", "columns")}
        names = spec.get("columns") or []
        labels = [lb.by_display_name(df, n) for n in names]
        op = spec.get("op", "")
        if op == "fill_missing" and params.get("strategy") == "constant":
            if not labels:
                raise StepError("choose at least one column to fill")
            lb.require(df, labels)
            first = df[labels[0]]
            kinds = {column_kind(df[c]) for c in labels}
            params["value"] = _typed_value(params.get("value"), first,
                                           kinds.pop() if len(kinds) == 1 else "text")
        elif "value" in params:
            params.pop("value")
        if op == "drop_duplicates":
            keep = params.pop("keep", "first")
            return make_step(op, subset=labels or None, keep=False if keep == "none" else keep,
                             **params)
        return make_step(op, columns=labels or None, **params)

    def _msg_preview(self, content: dict) -> None:
        self.preview = {}
        self.error = ""
        step = self.step_from_ui(content["step"])
        self.preview = self.session.preview(step)

    def _msg_add(self, content: dict) -> None:
        self.error = ""
        step = self.step_from_ui(content["step"])
        self.notes = self.session.add_step(step)
        self.preview = {}

    def _msg_undo(self, _content: dict) -> None:
        self.error = ""
        self.session.undo()
        self.notes = []

    def _msg_redo(self, _content: dict) -> None:
        self.error = ""
        self.session.redo()
