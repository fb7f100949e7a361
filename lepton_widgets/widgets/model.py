"""Model tab: choose target and model, train off the main thread, see metrics and a chart."""

from __future__ import annotations

import threading
from concurrent.futures import Future, wait

import ipywidgets as ipw
import traitlets as t

from ..engine import jsonsafe, transport
from ..engine import labels as lb
from ..engine.metrics import projection
from ..engine.models import TrainingStopped, TrainResult, choices
from ..engine.models.registry import MODELS, missing_extra, tunable
from ..engine.session import Session
from . import charts
from ._base import WORKERS, Panel, static_file
from .training_chart import TrainingChart

CLUSTERING = ""  # target value that means "no target: find clusters"


class ModelControls(Panel):
    """Target and model pickers, Train/Stop, progress, metrics, leaderboard and notes."""

    _esm = static_file("model.js")

    columns = t.List(t.Unicode()).tag(sync=True)
    """Columns that can be the target (display names)."""
    models = t.List(t.List()).tag(sync=True)
    """[key, label] of each model; "auto" compares several. A model whose extra is not
    installed says so in its label, with the install line."""
    settings = t.Dict().tag(sync=True)
    """Per model key, the settings a person may change: {name, type, optional, low, high,
    default} each."""
    target = t.Unicode(CLUSTERING).tag(sync=True)
    model = t.Unicode("auto").tag(sync=True)
    status = t.Unicode("idle").tag(sync=True)
    """idle | running | done | stopped | error"""
    progress = t.Float(0.0).tag(sync=True)
    message = t.Unicode("").tag(sync=True)
    task = t.Unicode("").tag(sync=True)
    chosen = t.Unicode("").tag(sync=True)
    """The model that was fitted (auto mode names its winner here)."""
    metrics = t.List(t.List()).tag(sync=True)
    """[name, value] pairs on the held-out test split."""
    leaderboard = t.List(t.Dict()).tag(sync=True)
    summary = t.List(t.Unicode()).tag(sync=True)
    """What drives the target, in sentences with the numbers behind them."""
    drivers = t.List(t.List()).tag(sync=True)
    """[feature, importance] ranked: the permutation importance on the test split."""
    confusion = t.Dict().tag(sync=True)
    """{classes, matrix} for classification."""
    per_class = t.List(t.Dict()).tag(sync=True)
    """Precision, recall, F1 and support of each class (classification)."""
    notes = t.List(t.Unicode()).tag(sync=True)

    def __init__(self, on_train, on_stop, **kwargs) -> None:
        super().__init__(**kwargs)
        self._on_train, self._on_stop = on_train, on_stop
        supervised = [[k, missing_extra(k) or v]
                      for k, v in choices("regression") + choices("classification")]
        self.settings = {k: tunable(k) for k, _ in choices()}
        self.models = [["auto", "Auto (compare by cross-validation)"],
                       *[m for i, m in enumerate(supervised) if m not in supervised[:i]],
                       *[[k, f"{v} (no target)"] for k, v in choices("clustering")]]


    def _msg_train(self, content: dict) -> None:
        self._on_train(content.get("target", CLUSTERING), content.get("model", "auto"),
                       params=content.get("params") or None)

    def _msg_stop(self, _content: dict) -> None:
        self._on_stop()


class ModelPanel(ipw.VBox):
    """The Model tab: controls above, the bqplot chart of the last result below."""

    def __init__(self, session: Session, **kwargs) -> None:
        self.session = session
        self.controls = ModelControls(on_train=self.start, on_stop=self.stop)
        self.chart = ipw.Box(layout={"width": "100%", "flex_flow": "row wrap"})
        self.live = TrainingChart()  # a network's learning curves, drawn while it trains
        self.board_figure = None  # Auto's leaderboard as bars, filled as candidates finish
        super().__init__([self.controls, self.chart], **kwargs)
        self._stop = threading.Event()
        self._job: Future | None = None
        self.refresh()

    def refresh(self) -> None:
        df = self.session.current
        self.controls.columns = lb.display_names(df.columns)[: transport.MAX_LISTED_COLUMNS]
        if self.controls.target and self.controls.target not in self.controls.columns:
            self.controls.target = CLUSTERING

    def stop(self) -> None:
        """Ask the running training to end after the current model (a network: after the
        current batch, keeping its best weights)."""
        self._stop.set()
        network = MODELS.get(self.controls.model, {}).get("needs") == "torch"
        self.controls.message = ("stopping after the current batch…" if network
                                 else "stopping after the current model…")

    def _target_label(self, name: str):
        return None if name == CLUSTERING else lb.by_display_name(self.session.current, name)

    def start(self, target: str, model: str = "auto", background: bool = True,
              params: dict | None = None) -> None:
        """Train in a worker thread (or here, with ``background=False``)."""
        if self._job is not None and not self._job.done():
            raise RuntimeError("a model is already training; press Stop first")
        c = self.controls
        label = self._target_label(target)
        with c.hold_sync():
            c.target, c.model = target, model
            c.status, c.progress, c.error = "running", 0.0, ""
            c.message = "starting…"
            c.metrics, c.drivers, c.leaderboard, c.per_class = [], [], [], []
            c.summary = []
            c.confusion, c.notes, c.task, c.chosen = {}, [], "", ""
        network = MODELS.get(model, {}).get("needs") == "torch"
        if network:
            self.live.reset(MODELS[model]["label"])
        self.board_figure = charts.leaderboard_figure() if model == "auto" else None
        self.chart.children = ([self.live.figure] if network else []) + (
            [self.board_figure] if self.board_figure is not None else [])
        self._stop.clear()
        if background:
            self._job = WORKERS.submit(self._work, label, model, params)
        else:
            self._work(label, model, params)

    def wait(self, timeout: float | None = None) -> None:
        """Block until background training ends."""
        if self._job is not None:
            wait([self._job], timeout)

    def _work(self, target, model: str, params: dict | None = None) -> None:
        def progress(fraction: float, message: str) -> None:
            def show() -> None:
                with self.controls.hold_sync():
                    self.controls.progress, self.controls.message = fraction, message
            self.controls.on_main(show)

        def board(rows: list[dict]) -> None:
            shown = jsonsafe.tree(rows)

            def update() -> None:
                self.controls.leaderboard = shown
                if self.board_figure is not None:
                    charts.update_leaderboard(self.board_figure, shown)
            self.controls.on_main(update)

        def epoch(record: dict) -> None:
            self.live.push(record, self.controls.on_main)

        try:
            self.session.train(target, model, on_progress=progress,
                               should_stop=self._stop.is_set, on_board=board, params=params,
                               on_epoch=epoch)
        except TrainingStopped as exc:
            msg = str(exc)
            self.controls.on_main(lambda: self._fail("stopped", msg))
        except Exception as exc:  # shown in the panel, never a traceback
            msg = str(exc)
            self.controls.on_main(lambda: self._fail("error", msg))
        finally:
            if self.live.history:
                self.controls.on_main(self.live.flush)  # the last epochs, however recent
        # a successful fit reaches show_result through the session's "model" event

    def _fail(self, status: str, message: str) -> None:
        with self.controls.hold_sync():
            self.controls.status = status
            self.controls.error = message if status == "error" else ""
            self.controls.message = message

    def show_result(self, result: TrainResult) -> None:
        """Fill metrics, leaderboard, drivers and the chart from a result."""
        c = self.controls
        with c.hold_sync():
            c.task, c.chosen = result.task, result.model
            c.metrics = [[k, jsonsafe.scalar(v)] for k, v in result.metrics.items()]
            c.leaderboard = jsonsafe.tree(result.leaderboard.to_dict("records"))
            c.drivers = [[str(f), jsonsafe.scalar(v)] for f, v in
                         zip(result.drivers["feature"], result.drivers["importance"], strict=False)]
            c.confusion = ({"classes": [str(x) for x in result.classes],
                            "matrix": result.confusion} if result.confusion else {})
            c.per_class = jsonsafe.tree([{**row, "class": str(row["class"])}
                                         for row in result.per_class])
            c.notes = list(result.notes)
            c.summary = result.driver_summary
            c.status, c.progress = "done", 1.0
            name, value = result.main_metric
            where = ("on all rows" if result.task == "clustering"
                     else "on the held-out test split")
            c.message = f"{result.model}: {name} {value:.3f} {where}"
        live = [self.live.figure] if MODELS.get(result.model, {}).get("needs") else []
        board = []
        if len(c.leaderboard) > 1:  # the bars drawn while Auto ran, with the final board
            self.board_figure = self.board_figure or charts.leaderboard_figure()
            charts.update_leaderboard(self.board_figure, c.leaderboard)
            board = [self.board_figure]
        self.chart.children = [*live, *self.figures(result), *board]

    @staticmethod
    def figures(result: TrainResult) -> list:
        """The charts for a result: what a person checks first for its kind of task."""
        if result.task == "regression":
            return [charts.predicted_vs_actual(result.y_test, result.y_pred,
                                               title=f"{result.target}: predicted vs actual"),
                    charts.residuals_figure(result.y_test, result.y_pred)]
        if result.task == "classification":
            figs = [charts.confusion_figure(result.classes, result.confusion)]
            figs += [charts.curves_figure(result.curves[k], k) for k in ("roc", "pr")
                     if result.curves.get(k)]
            return figs
        points = projection(result.pipeline[:-1].transform(result.X_test))
        return [charts.clusters_figure(points, result.y_pred)]
