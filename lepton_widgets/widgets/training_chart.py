"""The live training chart: train and validation loss and the main metric, per epoch.

The network's loop reports each epoch from the worker thread; the chart keeps every record
but redraws at most ``1 / every`` times a second, on the kernel's event loop, with all
marks changed inside one ``hold_sync`` so the browser gets one batch per redraw.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable

import bqplot as bq
import numpy as np

LAYOUT = {"width": "100%", "min_width": "420px", "height": "320px"}
COLORS = ["#3266cc", "#dc3912"]  # train, validation
METRIC_COLOR = "#109618"
MAX_TICKS = 10
METRIC_LABELS = {"accuracy": "validation accuracy", "r2": "validation R²"}


class TrainingChart:
    """A bqplot figure of a network's learning curves that fills while it trains.

    Parameters
    ----------
    every : float
        Least seconds between two redraws (0.25: at most 4 a second).
    """

    def __init__(self, every: float = 0.25) -> None:
        self.every = every
        self.history: list[dict] = []
        self.redraws = 0  # marks updated since the last reset (throttling is tested)
        self._lock = threading.Lock()
        self._last = 0.0
        self._pending = False
        sx, sy, sm = bq.LinearScale(), bq.LinearScale(), bq.LinearScale()
        self._epochs_axis = bq.Axis(scale=sx, label="epoch", side="bottom", tick_format="d")
        # one mark per curve: bqplot squeezes a (2, 1) y to (2,), which breaks one epoch
        self.train = bq.Lines(x=np.array([]), y=np.array([]), scales={"x": sx, "y": sy},
                              colors=COLORS[:1], labels=["train loss"], display_legend=True,
                              marker="circle", marker_size=24)
        self.val = bq.Lines(x=np.array([]), y=np.array([]), scales={"x": sx, "y": sy},
                            colors=COLORS[1:], labels=["validation loss"],
                            display_legend=True, marker="circle", marker_size=24)
        self.metric = bq.Lines(x=np.array([]), y=np.array([]), scales={"x": sx, "y": sm},
                               colors=[METRIC_COLOR], labels=["validation accuracy"],
                               display_legend=True, line_style="dashed")
        self.figure = bq.Figure(
            marks=[self.train, self.val, self.metric],
            axes=[self._epochs_axis,
                  bq.Axis(scale=sy, label="loss", side="left", label_offset="50px"),
                  bq.Axis(scale=sm, label="metric", side="right", label_offset="45px",
                          tick_format=".3f")],
            title="Training: waiting for the first epoch", layout=LAYOUT,
            legend_location="top-right",
            fig_margin={"top": 50, "bottom": 50, "left": 70, "right": 70},
        )
        self.figure.add_class("lw-training-chart")

    def reset(self, title: str = "Training") -> None:
        """Empty the curves before a new fit."""
        with self._lock:
            self.history = []
            self._last = 0.0
        self._title = title
        self.flush()
        self.figure.title = f"{title}: waiting for the first epoch"
        self.redraws = 0

    def push(self, record: dict, on_main: Callable[[Callable[[], None]], None]) -> None:
        """Keep one epoch's record (any thread); schedule a redraw unless one is due soon."""
        with self._lock:
            self.history.append(dict(record))
            now = time.monotonic()
            if self._pending or now - self._last < self.every:
                return
            self._last, self._pending = now, True
        on_main(self.flush)

    def flush(self) -> None:
        """Redraw from every record so far (on the kernel's event loop)."""
        with self._lock:
            rows = list(self.history)
            self._pending = False
        column = lambda key: np.array([np.nan if r.get(key) is None else r[key]  # noqa: E731
                                       for r in rows], dtype="float64")
        x = column("epoch")
        has_val = bool(rows) and rows[-1].get("val_loss") is not None
        marks = (self.train, self.val, self.metric)
        with self.figure.hold_sync(), marks[0].hold_sync(), marks[1].hold_sync(), \
                marks[2].hold_sync():
            self.train.x, self.train.y = x, column("train_loss")
            step = max(1, -(-len(rows) // MAX_TICKS))  # whole epochs only, at most 10 ticks
            self._epochs_axis.tick_values = np.arange(1, len(rows) + 1, step, dtype="float64")
            empty = np.array([])
            self.val.x, self.val.y = (x, column("val_loss")) if has_val else (empty, empty)
            self.metric.x, self.metric.y = (x, column("metric")) if has_val else (empty, empty)
            if has_val:
                name = rows[-1]["metric_name"]
                self.metric.labels = [METRIC_LABELS.get(name, name)]
            if rows:
                last = rows[-1]
                extra = ("" if last.get("val_loss") is None else
                         f", validation loss {last['val_loss']:.4f}")
                self.figure.title = (f"{getattr(self, '_title', 'Training')}: epoch "
                                     f"{last['epoch']}, train loss {last['train_loss']:.4f}"
                                     f"{extra}")
        self.redraws += 1
