"""One Studio's state without any widget: the source frame, the recipe, the last model."""

from __future__ import annotations

from collections.abc import Callable

import pandas as pd

from .models import FeatureOptions, TrainResult, train
from .profile import Profile, profile
from .recipe import Recipe, diff_summary
from .steps import Step, StepError, make_step

Listener = Callable[[str], None]


class Session:
    """Holds the user's frame (never modified) and everything derived from it.

    Listeners get ``"data"`` when the current frame changes and ``"model"`` when a new
    model is trained.
    """

    def __init__(self, df: pd.DataFrame, recipe: Recipe | None = None) -> None:
        if not isinstance(df, pd.DataFrame):
            raise TypeError(f"expected a pandas DataFrame, got {type(df).__name__}")
        self.source = df
        self.recipe = recipe or Recipe()
        self.result: TrainResult | None = None
        self.features = FeatureOptions()  # how columns become model inputs
        self.replaced: Recipe | None = None  # the recipe the last load replaced
        self.notes: list[str] = []
        self._listeners: list[Listener] = []
        self._frames: list[pd.DataFrame] = []
        self._profile: Profile | None = None
        self._replay()

    # --- change notifications ------------------------------------------------------------
    def subscribe(self, fn: Listener) -> None:
        self._listeners.append(fn)

    def _emit(self, what: str) -> None:
        for fn in list(self._listeners):
            fn(what)

    # --- data ----------------------------------------------------------------------------
    @property
    def current(self) -> pd.DataFrame:
        """The source frame with every recipe step applied."""
        return self._frames[-1] if self._frames else self.source

    @property
    def profile(self) -> Profile:
        if self._profile is None:
            self._profile = profile(self.current)
        return self._profile

    def _replay(self) -> None:
        results = self.recipe.run(self.source)
        self._frames = [r.frame for r in results]
        self.notes = [n for r in results for n in r.notes]
        self._profile = None

    def set_source(self, df: pd.DataFrame) -> None:
        """Replace the data (live updates); the recipe replays on it."""
        self._swap(df, self.recipe)

    def _swap(self, source: pd.DataFrame, recipe: Recipe) -> None:
        """Use new data and/or a new recipe; if the replay fails, keep the old ones."""
        old = self.source, self.recipe
        self.source, self.recipe = source, recipe
        try:
            self._replay()
        except StepError:
            self.source, self.recipe = old
            self._replay()
            raise
        self._emit("data")

    def _run(self, step: Step) -> tuple[pd.DataFrame, list[str]]:
        try:
            after = step.apply(self.current)
            return after, step.report(self.current, after)
        except StepError:
            raise
        except Exception as exc:  # pandas refused: name the step at least
            raise StepError(f"{step.describe()}: {type(exc).__name__}: {exc}") from exc

    def set_recipe(self, recipe: Recipe) -> None:
        """Replace the recipe (a loaded one, say) and replay it on the source data.

        Raises :class:`StepError` naming the step and column when it does not fit the data;
        the old recipe stays in place then.
        """
        before = self.replaced
        self.replaced = self.recipe  # set first: listeners hear of the swap at once
        try:
            self._swap(self.source, recipe)
        except StepError:
            self.replaced = before
            raise

    def restore_recipe(self) -> None:
        """Go back to the recipe that :meth:`set_recipe` replaced."""
        if self.replaced is None:
            raise StepError("there is no earlier recipe to go back to")
        old, self.replaced = self.replaced, None
        self._swap(self.source, old)

    def preview(self, step: Step | str, **params: object) -> dict:
        """What ``step`` would change on the current frame, without adding it."""
        step = make_step(step, **params)
        after, notes = self._run(step)
        out = diff_summary(self.current, after)
        if len(after) == 0 and len(self.current):
            notes = [*notes, "no rows would be left"]
        out["notes"] = notes
        out["description"] = step.describe()
        return out

    def add_step(self, step: Step | str, **params: object) -> list[str]:
        """Apply and append a step; returns its notes. Nothing changes if it fails."""
        step = make_step(step, **params)
        after, notes = self._run(step)
        self.recipe.add(step)
        self._frames.append(after)
        self.notes += notes
        self._profile = None
        self._emit("data")
        return notes

    def undo(self) -> Step | None:
        step = self.recipe.undo()
        if step is not None:
            self._frames.pop()
            self._profile = None
            self._emit("data")
        return step

    def redo(self) -> Step | None:
        step = self.recipe.redo()
        if step is not None:
            self._replay()
            self._emit("data")
        return step

    # --- models --------------------------------------------------------------------------
    def train(self, target: str | None, model: str = "auto", **kwargs: object) -> TrainResult:
        """Train on the current frame; drivers are ranked here too, before listeners hear."""
        outer = kwargs.pop("on_progress", None)

        def progress(fraction: float, message: str) -> None:
            if callable(outer):
                outer(0.9 * fraction, message)

        kwargs.setdefault("features", self.features)
        result = train(self.current, target, model, on_progress=progress,  # type: ignore[arg-type]
                       **kwargs)
        result.notes += self._filled_target_notes(target)
        progress(1.0, "ranking what drives the target")
        result.drivers  # noqa: B018 - computed now, in the caller's (worker) thread
        self.result = result
        self._emit("model")
        return result

    def _filled_target_notes(self, target) -> list[str]:
        """Filling the target's gaps invents labels the model then learns: say so."""
        notes = []
        for i, step in enumerate(self.recipe.steps, 1):
            if step.op == "fill_missing" and target in getattr(step, "columns", []):
                notes.append(f"step {i} filled missing {target!r} values ({step.describe()}); "
                             "the model learns those invented values too: consider dropping "
                             "those rows instead")
        return notes

    def code(self) -> str:
        """The recipe as ``transform(df)`` and, once trained, the model code after it."""
        parts = [self.recipe.to_code(), "", "df = transform(df)  # df: your DataFrame", ""]
        if self.result is not None:
            parts += ["# --- model ---", self.result.to_code("df")]
        return "\n".join(parts)
