"""Clean tab: build a step, preview what it changes, add it, undo and redo."""

from __future__ import annotations

import traitlets as t

from ..engine import labels as lb
from ..engine import transport
from ..engine.forms import step_from_form
from ..engine.kinds import column_kind
from ..engine.recipe import Recipe
from ..engine.session import Session
from ..engine.steps import (
    CAST_TARGETS,
    CONDITIONS,
    DATE_PARTS,
    ENCODE_METHODS,
    FILL_STRATEGIES,
    OUTLIER_ACTIONS,
    OUTLIER_METHODS,
    SCALE_METHODS,
    TEXT_ACTIONS,
    Step,
    StepError,
)
from ._base import Panel, static_file


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
    replaced_steps = t.Int(0).tag(sync=True)
    """Steps of the recipe a load replaced (0: nothing to go back to)."""
    recipe_json = t.Unicode("").tag(sync=True)
    """The recipe as JSON, for the Save button (empty when it cannot be JSON)."""
    choices = t.Dict({
        "strategy": list(FILL_STRATEGIES), "to": list(CAST_TARGETS),
        "condition": list(CONDITIONS), "method": list(OUTLIER_METHODS),
        "action": list(OUTLIER_ACTIONS), "text_action": list(TEXT_ACTIONS),
        "scale_method": list(SCALE_METHODS), "encode_method": list(ENCODE_METHODS),
        "parts": list(DATE_PARTS),
    }).tag(sync=True)
    """The options of each select in the form (from the engine's step definitions)."""

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
            replaced = self.session.replaced
            self.replaced_steps = len(replaced) if replaced is not None else 0
            try:
                self.recipe_json = self.session.recipe.to_json()
            except StepError:
                self.recipe_json = ""

    def step_from_ui(self, form: dict) -> Step:
        """A step from the browser's form, checked against the current frame."""
        return step_from_form(self.session.current, form)

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

    def _msg_load(self, content: dict) -> None:
        """A recipe file chosen in the browser: replay it on this data."""
        self.error, self.notes = "", []
        try:
            recipe = Recipe.from_json(content.get("json", ""))
        except StepError:
            raise  # says what is wrong already
        except (ValueError, KeyError, TypeError) as exc:
            raise StepError(f"this file is not a lepton recipe: {exc}") from None
        self.session.set_recipe(recipe)
        self.notes = list(self.session.notes)

    def _msg_restore(self, _content: dict) -> None:
        self.error, self.notes = "", []
        self.session.restore_recipe()

    def _msg_undo(self, _content: dict) -> None:
        self.error = ""
        self.session.undo()
        self.notes = []

    def _msg_redo(self, _content: dict) -> None:
        self.error = ""
        self.session.redo()
