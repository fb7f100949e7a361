"""bqplot figures built from small, kernel-side reduced data."""

from __future__ import annotations

import bqplot as bq
import numpy as np

from ..engine.sampling import MAX_CHART_POINTS, sample_points

FIG_LAYOUT = {"width": "100%", "min_width": "420px", "height": "380px"}


def predicted_vs_actual(y_true, y_pred, title: str = "Predicted vs actual",
                        max_points: int = MAX_CHART_POINTS) -> bq.Figure:
    """Scatter of predictions against actual values with the y = x line."""
    x, y, sampled = sample_points(y_true, y_pred, max_points)
    if x.size == 0:
        raise ValueError("no finite (actual, predicted) pairs to plot")
    lo = float(min(x.min(), y.min()))
    hi = float(max(x.max(), y.max()))
    sx, sy = bq.LinearScale(min=lo, max=hi), bq.LinearScale(min=lo, max=hi)
    points = bq.Scatter(x=x, y=y, scales={"x": sx, "y": sy}, default_size=16,
                        opacity=[0.6], colors=["#3266cc"])
    diagonal = bq.Lines(x=np.array([lo, hi]), y=np.array([lo, hi]),
                        scales={"x": sx, "y": sy}, colors=["#999"], line_style="dashed")
    if sampled:
        title = f"{title} (sample of {x.size:,} of {np.size(y_true):,} points)"
    return bq.Figure(
        marks=[diagonal, points],
        axes=[bq.Axis(scale=sx, label="actual", side="bottom"),
              bq.Axis(scale=sy, label="predicted", side="left")],
        title=title, layout=FIG_LAYOUT, fig_margin={"top": 50, "bottom": 50, "left": 60,
                                                    "right": 20},
    )


def confusion_figure(classes: list, matrix: list[list[int]],
                     title: str = "Confusion matrix (rows: actual, columns: predicted)"
                     ) -> bq.Figure:
    """Heat map of a confusion matrix with the counts written in the cells."""
    labels = [str(c) for c in classes]
    sr, sc = bq.OrdinalScale(reverse=True), bq.OrdinalScale()  # first class on top
    # light to mid blue: the counts (black text) stay readable on every cell
    color = bq.ColorScale(colors=["#f7fbff", "#6baed6"], min=0.0)
    grid = bq.GridHeatMap(row=labels, column=labels,
                          color=np.asarray(matrix, dtype="float64"),
                          scales={"row": sr, "column": sc, "color": color},
                          display_format=".0f", font_style={"font-size": "14px"})
    return bq.Figure(
        marks=[grid],
        axes=[bq.Axis(scale=sc, label="predicted", side="bottom"),
              bq.Axis(scale=sr, label="actual", side="left", label_offset="70px")],
        title=title, layout=FIG_LAYOUT, padding_y=0.0,
        fig_margin={"top": 50, "bottom": 50, "left": 110, "right": 20},
    )
