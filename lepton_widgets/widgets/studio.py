"""The Studio: Data, Clean, Features, NLP, Model, Charts and Code tabs around one session."""

from __future__ import annotations

import ipywidgets as ipw
import pandas as pd

from ..engine.chartdata import ChartSpec
from ..engine.models import TrainResult
from ..engine.recipe import Recipe
from ..engine.session import Session
from ..engine.steps import Step
from .chartpanel import ChartsPanel
from .clean import CleanPanel
from .code import CodePanel
from .features import FeaturesPanel
from .grid import DataPanel
from .model import ModelPanel
from .nlp import NLPPanel

TABS = ("Data", "Clean", "Features", "NLP", "Model", "Charts", "Code")


class Studio(ipw.VBox):
    """Interactive panels around a DataFrame; the frame itself is never modified.

    Everything the panels do is available from Python too: :meth:`add_step`,
    :meth:`undo`, :meth:`train`, :attr:`recipe`, :attr:`code`.
    """

    def __init__(self, df: pd.DataFrame, recipe: Recipe | None = None,
                 page_size: int | None = None) -> None:
        self.session = Session(df, recipe)
        self.data_panel = DataPanel(self.session.current, on_fix=self.session.add_step,
                                    **({"page_size": page_size} if page_size else {}))
        self.clean_panel = CleanPanel(self.session)
        self.features_panel = FeaturesPanel(self.session)
        self.nlp_panel = NLPPanel(self.session)
        self.model_panel = ModelPanel(self.session)
        self.charts_panel = ChartsPanel(self.session, grid=self.data_panel)
        self.code_panel = CodePanel(code=self.session.code())
        self.charts_panel.on_code = self._show_code
        self.tabs = ipw.Tab(children=[self.data_panel, self.clean_panel, self.features_panel,
                                      self.nlp_panel, self.model_panel, self.charts_panel,
                                      self.code_panel],
                            titles=TABS)
        super().__init__([self.tabs])
        self.add_class("lepton-studio")
        self.session.subscribe(self._on_session)

    def _on_session(self, what: str) -> None:
        # each panel refreshes on its own: one failing never leaves the others stale
        if what == "data":
            self.data_panel.guarded(self.data_panel.set_frame, self.session.current)
            self.clean_panel.guarded(self.clean_panel.refresh)
            self.features_panel.guarded(self.features_panel.refresh)
            self.nlp_panel.controls.guarded(self.nlp_panel.refresh)
            self.model_panel.controls.guarded(self.model_panel.refresh)
            self.charts_panel.controls.guarded(self.charts_panel.refresh)
        elif what == "model" and self.session.result is not None:
            result = self.session.result
            controls = self.model_panel.controls
            controls.on_main(lambda: controls.guarded(self.model_panel.show_result, result))
        self.code_panel.on_main(self._show_code)

    def _show_code(self) -> None:
        code = self.code_panel
        code.guarded(setattr, code, "code", self.code)

    # --- the same actions from Python --------------------------------------------------
    @property
    def data(self) -> pd.DataFrame:
        """The current frame: the input with every recipe step applied."""
        return self.session.current

    @property
    def recipe(self) -> Recipe:
        return self.session.recipe

    @property
    def result(self) -> TrainResult | None:
        """The last trained model, or None."""
        return self.session.result

    @property
    def code(self) -> str:
        """The recipe and model code, then the bqplot code of the chart shown."""
        chart = self.chart_code
        return self.session.code() + (f"\n# --- chart ---\n{chart}\n" if chart else "")

    @property
    def chart_code(self) -> str:
        """bqplot code that rebuilds the Charts tab's chart from ``df`` (after transform)."""
        return self.charts_panel.code()

    def chart(self, x: str | None = None, y: str | None = None, kind: str = "auto",
              **options: object):
        """Draw a chart in the Charts tab (``color``, ``size``, ``agg``, ``log_x``,
        ``log_y``, ``title``) and return its bqplot Figure."""
        self.charts_panel.show(ChartSpec(kind=kind, x=x, y=y, **options))  # type: ignore[arg-type]
        return self.charts_panel.figure

    def add_step(self, step: Step | str, **params: object) -> list[str]:
        """Add a cleaning step (``studio.add_step("fill_missing", columns=["age"], ...)``)."""
        return self.session.add_step(step, **params)

    @property
    def findings(self) -> pd.DataFrame:
        """The Data tab's findings: text, score and the suggested step (``fix``)."""
        rows = self.data_panel.findings
        return pd.DataFrame([{k: f.get(k) for k in ("text", "score", "fix")} for f in rows],
                            columns=["text", "score", "fix"])

    def fix(self, finding: int | str) -> list[str]:
        """Add the step suggested for a finding: its row in :attr:`findings`, or its text.

        Findings are recomputed after each step, so rows move; the text stays stable."""
        texts = [f.get("text") for f in self.data_panel.findings]
        index = texts.index(finding) if isinstance(finding, str) and finding in texts else finding
        fixes = self.data_panel.fixes
        step = fixes[index] if isinstance(index, int) and 0 <= index < len(fixes) else None
        if step is None:
            raise ValueError(f"finding {finding!r} has no suggested step; see studio.findings")
        return self.session.add_step(step)

    def load_recipe(self, recipe: Recipe | str) -> None:
        """Use a recipe (or its JSON) on this data; every tab refreshes."""
        self.session.set_recipe(Recipe.from_json(recipe) if isinstance(recipe, str) else recipe)

    def undo(self) -> None:
        self.session.undo()

    def redo(self) -> None:
        self.session.redo()

    def train(self, target: str | None = None, model: str = "auto",
              params: dict | None = None) -> TrainResult:
        """Train now (blocking) and show the result in the Model tab."""
        self.model_panel.start(target or "", model, background=False, params=params)
        if self.model_panel.controls.status != "done":
            raise RuntimeError(self.model_panel.controls.error or
                               self.model_panel.controls.message)
        assert self.session.result is not None
        return self.session.result

    def update(self, df: pd.DataFrame) -> None:
        """Replace the data; the recipe replays on it and every tab refreshes."""
        self.session.set_source(df)

    def append(self, rows: pd.DataFrame) -> None:
        """Add rows at the end (live data)."""
        src = self.session.source
        default = isinstance(src.index, pd.RangeIndex) and src.index.start == 0
        self.session.set_source(pd.concat([src, rows], ignore_index=default))
