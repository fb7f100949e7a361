"""NLP tab: text profile, keywords, sentiment and entities of a text column; results added
to the frame as recipe steps; text classifiers (TF-IDF + linear, text networks) trained
through the Model tab's train and compared on one leaderboard."""

from __future__ import annotations

import threading
import time
from concurrent.futures import Future, wait
from dataclasses import replace

import ipywidgets as ipw
import pandas as pd
import traitlets as t

from ..engine import jsonsafe, nlp
from ..engine import labels as lb
from ..engine.models import TrainingStopped
from ..engine.models.registry import missing_extra
from ..engine.nlp import board as nb
from ..engine.session import Session
from ..engine.steps import make_step
from . import nlp_charts
from ._base import WORKERS, Panel, static_file
from .training_chart import TrainingChart

CLASSIFIER = nb.CLASSIFIERS["tfidf_linear"]  # the "+ predicted label" step uses its C
ADD_STEPS = {"sentiment": "sentiment", "entities": "entity_counts", "keywords": "keywords",
             "prediction": "predict_label"}


class NLPControls(Panel):
    """Pickers, Analyze, progress, and the analysis as tables (charts sit below)."""

    _esm = static_file("nlp.js")

    columns = t.List(t.Unicode()).tag(sync=True)
    """Free-text columns (display names), the ones the profile calls ``text``."""
    groups = t.List(t.Unicode()).tag(sync=True)
    """Columns that can split texts into groups (2 to 20 values), e.g. a label."""
    column = t.Unicode("").tag(sync=True)
    """The text column analysed (or about to be)."""
    by = t.Unicode("").tag(sync=True)
    """The group column ('' for none)."""
    status = t.Unicode("idle").tag(sync=True)
    """idle | running | done | stopped | error"""
    progress = t.Float(0.0).tag(sync=True)
    message = t.Unicode("").tag(sync=True)
    result = t.Dict().tag(sync=True)
    """The last analysis (``engine.nlp.analyze``): profile, keywords, sentiment, entities."""
    classifier = t.Dict().tag(sync=True)
    """The last text classifier: {target, model, metrics: [[name, value]], per_class}."""
    choices = t.List(t.List(t.Unicode())).tag(sync=True)
    """The classifiers to pick from: [key, label, why_not] (why_not: the install line of
    one whose extra is missing, '' when it can be trained)."""
    model = t.Unicode("tfidf_linear").tag(sync=True)
    """The classifier picked (a key of ``engine.nlp.board.CLASSIFIERS``)."""
    board = t.List(t.Dict()).tag(sync=True)
    """Leaderboard of the classifiers trained for ``board_for``, best balanced accuracy
    first: {key, model, accuracy, balanced_accuracy, f1_macro, f1: [[class, F1]],
    seconds, test_rows, stopped}."""
    board_for = t.Unicode("").tag(sync=True)
    """What the board compares, e.g. "Label from SMS" ('' before the first run)."""
    added = t.List(t.Unicode()).tag(sync=True)
    """Columns the last "add to frame" created."""

    def __init__(self, owner: NLPPanel, **kwargs) -> None:
        super().__init__(**kwargs)
        self._owner = owner

    def _msg_analyze(self, content: dict) -> None:
        self._owner.analyze(str(content.get("column", "")), str(content.get("by", "")))

    def _msg_add(self, content: dict) -> None:
        self._owner.add_to_frame(str(content.get("what", "")), str(content.get("column", "")),
                                 top=int(content.get("top", 3) or 3),
                                 by=str(content.get("by", "")))

    def _msg_stop(self, _content: dict) -> None:
        self._owner.stop()

    def _msg_train(self, content: dict) -> None:
        self._owner.train_classifier(str(content.get("column", "")),
                                     str(content.get("by", "")),
                                     model=str(content.get("model", "") or "tfidf_linear"))


class NLPPanel(ipw.VBox):
    """The NLP tab: controls above, bqplot keyword and sentiment charts below."""

    def __init__(self, session: Session, **kwargs) -> None:
        self.session = session
        self.controls = NLPControls(self)
        self.chart = ipw.Box(layout={"width": "100%", "flex_flow": "row wrap"})
        self.live = TrainingChart()
        self.training = ipw.Box(layout={"width": "100%"})  # a network's live loss chart
        super().__init__([self.controls, self.training, self.chart], **kwargs)
        self._job: Future | None = None
        self._token = object()
        self._stop = threading.Event()
        self._board_key: tuple = ()
        self._network = False  # the running job trains a network (Stop ends it mid-fit)
        self.results: dict = {}
        """The ``TrainResult`` of each classifier on the board, by key."""
        self.controls.choices = nb.classifier_choices()
        self.refresh()
        if self.controls.groups:  # group by the first label-like column to begin with
            self.controls.by = self.controls.by or self.controls.groups[0]

    def refresh(self) -> None:
        """New data: list the text and group columns again; an analysis already shown
        stays, marked as made on the earlier data."""
        df = self.session.current
        names = dict(zip(df.columns, lb.display_names(df.columns), strict=False))
        texts = nlp.text_columns(df)
        c = self.controls
        with c.hold_sync():
            c.columns = [names[x] for x in texts]
            c.groups = [names[x] for x in nlp.group_columns(df, exclude=texts)]
            if c.column not in c.columns:
                c.column = c.columns[0] if c.columns else ""
                if c.status != "running":
                    c.result, c.status, c.message = {}, "idle", ""
                    self.chart.children = []
            if c.by not in c.groups:  # gone with the new data; "" (no groups) stays chosen
                c.by = ""
            if c.result and c.status == "done":
                c.message = "the data changed since this analysis: Analyze again to update it"

    def _labels(self, column: str, by: str):
        df = self.session.current
        if not column:
            raise ValueError("this frame has no free-text column to analyse")
        label = lb.by_display_name(df, column)
        return label, (lb.by_display_name(df, by) if by else None)

    def analyze(self, column: str, by: str = "", background: bool = True) -> None:
        """Analyse ``column`` (split by ``by``) in a worker thread, or here."""
        if self._job is not None and not self._job.done():
            raise RuntimeError("an analysis or training is already running; wait for it")
        label, group = self._labels(column, by)
        c = self.controls
        with c.hold_sync():
            c.column, c.by, c.error = column, by, ""
            c.status, c.progress, c.message, c.result = "running", 0.0, "starting…", {}
        self.chart.children = []
        token = self._token = object()
        self._network = False
        df = self.session.current
        if background:
            self._job = WORKERS.submit(self._work, df, label, group, token)
        else:
            self._work(df, label, group, token)

    def stop(self) -> None:
        """End the running analysis (between its parts) or a network's training (after the
        current batch, keeping its best weights; a linear fit runs to its end)."""
        if self._job is None or self._job.done():
            return
        self._token = object()
        self._stop.set()
        with self.controls.hold_sync():
            self.controls.status = "stopped"
            self.controls.message = ("stopping after the current batch…"
                                     if self._network else "stopped")

    def wait(self, timeout: float | None = None) -> None:
        """Block until background work ends."""
        if self._job is not None:
            wait([self._job], timeout)

    def _work(self, df, label, group, token) -> None:
        c = self.controls

        def progress(fraction: float, message: str) -> None:
            def show() -> None:
                with c.hold_sync():
                    c.progress, c.message = fraction, message
            c.on_main(show)

        try:
            out = nlp.analyze(df, label, group, on_progress=progress,
                              should_stop=lambda: token is not self._token)
        except nlp.AnalysisStopped:
            return
        except Exception as exc:  # shown in the panel, never a traceback
            msg = str(exc)
            c.on_main(lambda: self._fail(msg))
            return
        if token is self._token:
            c.on_main(lambda: c.guarded(self._show, out))

    def _fail(self, message: str) -> None:
        with self.controls.hold_sync():
            self.controls.status, self.controls.error = "error", message
            self.controls.message = ""

    def _show(self, out: dict) -> None:
        c = self.controls
        with c.hold_sync():
            c.result, c.status, c.progress = out, "done", 1.0
            c.message = (f"analysed a sample of {out['sample']:,} of {out['rows']:,} rows "
                         "(counts and lengths use every row)" if out["sample"]
                         else f"analysed {out['rows']:,} rows")
        self.chart.children = nlp_charts.figures(out)

    @property
    def result(self) -> dict:
        """The last analysis (see ``lepton_widgets.engine.nlp.analyze``)."""
        return self.controls.result

    def add_to_frame(self, what: str, column: str = "", top: int = 3, by: str = "") -> list[str]:
        """Add ``sentiment``, ``entities``, ``keywords`` of ``column`` or a ``prediction``
        of the label ``by`` from it as a recipe step."""
        if what not in ADD_STEPS:
            raise ValueError(f"cannot add {what!r}; choose one of {', '.join(ADD_STEPS)}")
        by = by or self.controls.by
        if what == "prediction" and not by:
            raise ValueError("choose the label to predict (group by) first")
        label, target = self._labels(column or self.controls.column,
                                     by if what == "prediction" else "")
        params: dict = {"top": top} if what == "keywords" else {}
        if what == "prediction":
            params = {"target": target, "C": CLASSIFIER["params"]["C"]}
        step = make_step(ADD_STEPS[what], columns=[label], **params)
        before = set(self.session.current.columns)
        notes = self.session.add_step(step)
        c = self.controls
        c.added = [lb.display_name(x) for x in self.session.current.columns if x not in before]
        c.error = ""
        return notes

    def train_classifier(self, column: str = "", by: str = "", model: str = "tfidf_linear",
                         background: bool = True, params: dict | None = None) -> None:
        """Predict ``by`` from the text with classifier ``model`` (a key of
        ``engine.nlp.board.CLASSIFIERS``): the Model tab's training (the result shows there
        too, and in the Code tab), added to the leaderboard of ``column`` and ``by``.
        ``params`` change the model's settings, e.g. ``{"epochs": 3}`` for a network."""
        if self._job is not None and not self._job.done():
            raise RuntimeError("an analysis or training is already running; wait for it")
        if model not in nb.CLASSIFIERS:
            raise ValueError(f"no text classifier {model!r}; choose one of "
                             f"{', '.join(nb.CLASSIFIERS)}")
        spec = nb.CLASSIFIERS[model]
        if (why := missing_extra(spec["model"])) is not None:
            raise ValueError(why)
        by = by or self.controls.by
        if not by:
            raise ValueError("choose the label to predict (group by) first")
        column = column or self.controls.column
        _, target = self._labels(column, by)
        c = self.controls
        # another column, label, data (rows, recipe steps) or feature options: a new board
        key = (column, by, self.session.current.shape, self.session.recipe.to_json(),
               self.session.features)
        if key != self._board_key:
            self._board_key, self.results = key, {}
            c.board, c.board_for = [], f"{by} from {column}"
        with c.hold_sync():
            c.model, c.error, c.classifier = model, "", {}
            c.status, c.progress = "running", 0.0
            c.message = f"training {spec['label']} for {by}…"
        network = self._network = "text" not in spec
        if network:
            self.live.reset(spec["label"])
        self.training.children = [self.live.figure] if network else []
        features = (replace(self.session.features, text=spec["text"]) if "text" in spec
                    else self.session.features)  # a network reads the text itself
        self._stop.clear()
        if background:
            self._job = WORKERS.submit(self._train, model, target, features, params)
        else:
            self._train(model, target, features, params)

    def _train(self, key: str, target, features, params: dict | None = None) -> None:
        c = self.controls
        spec = nb.CLASSIFIERS[key]

        def progress(fraction: float, message: str) -> None:
            def show() -> None:
                if not self._stop.is_set():  # keep "stopping…" in view
                    with c.hold_sync():
                        c.progress, c.message = fraction, message
            c.on_main(show)

        def epoch(record: dict) -> None:
            self.live.push(record, c.on_main)

        started = time.perf_counter()
        try:
            result = self.session.train(target, spec["model"], features=features,
                                        params={**spec["params"], **(params or {})},
                                        on_progress=progress,
                                        should_stop=self._stop.is_set, on_epoch=epoch)
        except TrainingStopped:
            return  # stop() has said so already
        except Exception as exc:  # shown in the panel
            msg = str(exc)
            c.on_main(lambda: self._fail(msg))
            return
        finally:
            if self.live.history:
                c.on_main(self.live.flush)  # the last epochs, however recent
        row = nb.board_row(key, result, time.perf_counter() - started)
        shown = jsonsafe.tree({
            "target": lb.display_name(target), "model": spec["label"],
            "metrics": [[k, v] for k, v in result.metrics.items()],
            "per_class": [{**r, "class": str(r["class"])} for r in result.per_class]})

        def show() -> None:
            self.results[key] = result
            with c.hold_sync():
                c.classifier, c.progress = shown, 1.0
                c.board = nb.add_row(c.board, row)
                c.status = "stopped" if row["stopped"] else "done"
                c.message = (f"{spec['label']} for {shown['target']}: held-out test split "
                             f"({row['test_rows']:,} rows); also in the Model tab")
                if row["stopped"]:
                    why = next(n for n in result.notes if n.startswith("stopped by you"))
                    c.message = f"stopped early: {why}; {c.message}"
        c.on_main(show)

    @property
    def leaderboard(self) -> pd.DataFrame:
        """The classifiers trained for the current text column and label, best balanced
        accuracy first (one row each; ``f1 <class>`` columns per class)."""
        return nb.board_frame(self.controls.board)
