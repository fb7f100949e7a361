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
              bq.Axis(scale=sy, label="predicted", side="left", label_offset="55px")],
        title=title, layout=FIG_LAYOUT, fig_margin={"top": 50, "bottom": 50, "left": 75,
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


PALETTE = ["#3266cc", "#dc3912", "#ff9900", "#109618", "#990099", "#0099c6", "#dd4477",
           "#66aa00", "#b82e2e", "#316395"]
HALF_LAYOUT = {"width": "48%", "min_width": "320px", "height": "320px"}


def curves_figure(curves: list[dict], kind: str) -> bq.Figure:
    """ROC (``kind="roc"``) or precision-recall curves, one line per class."""
    sx, sy = bq.LinearScale(min=0.0, max=1.0), bq.LinearScale(min=0.0, max=1.0)
    marks = []
    if kind == "roc":
        marks.append(bq.Lines(x=np.array([0.0, 1.0]), y=np.array([0.0, 1.0]),
                              scales={"x": sx, "y": sy}, colors=["#999"],
                              line_style="dashed"))
    score = "auc" if kind == "roc" else "ap"
    for i, c in enumerate(curves):
        marks.append(bq.Lines(
            x=np.asarray(c["x"], dtype="float64"), y=np.asarray(c["y"], dtype="float64"),
            scales={"x": sx, "y": sy}, colors=[PALETTE[i % len(PALETTE)]],
            labels=[f"class {c['label']} ({score.upper()} {c[score]:.2f})"], display_legend=True))
    x_label, y_label, title = (("false positive rate", "true positive rate", "ROC curve")
                               if kind == "roc" else
                               ("recall", "precision", "Precision-recall curve"))
    return bq.Figure(marks=marks, title=title, layout=HALF_LAYOUT,
                     axes=[bq.Axis(scale=sx, label=x_label, side="bottom"),
                           bq.Axis(scale=sy, label=y_label, side="left")],
                     legend_location="bottom-right",
                     fig_margin={"top": 40, "bottom": 50, "left": 60, "right": 20})


def residuals_figure(y_true, y_pred, max_points: int = MAX_CHART_POINTS) -> bq.Figure:
    """Residuals (actual - predicted) against predicted values, with the zero line."""
    truth, pred = np.asarray(y_true, dtype="float64"), np.asarray(y_pred, dtype="float64")
    x, y, sampled = sample_points(pred, truth - pred, max_points)
    sx, sy = bq.LinearScale(), bq.LinearScale()
    zero = bq.Lines(x=np.array([x.min(), x.max()]), y=np.array([0.0, 0.0]),
                    scales={"x": sx, "y": sy}, colors=["#999"], line_style="dashed")
    points = bq.Scatter(x=x, y=y, scales={"x": sx, "y": sy}, default_size=14,
                        opacity=[0.6], colors=["#dc3912"])
    title = "Residuals" + (f" (sample of {x.size:,} of {truth.size:,})" if sampled else "")
    return bq.Figure(marks=[zero, points], title=title, layout=HALF_LAYOUT,
                     axes=[bq.Axis(scale=sx, label="predicted", side="bottom"),
                           bq.Axis(scale=sy, label="actual - predicted", side="left",
                                   label_offset="55px")],
                     fig_margin={"top": 40, "bottom": 50, "left": 75, "right": 20})


def clusters_figure(points: np.ndarray, labels, max_points: int = MAX_CHART_POINTS
                    ) -> bq.Figure:
    """Rows on their first two principal components, coloured by cluster."""
    labels = np.asarray(labels)
    idx = np.arange(len(labels))
    if len(idx) > max_points:
        idx = np.sort(np.random.default_rng(0).choice(idx, max_points, replace=False))
    sx, sy = bq.LinearScale(), bq.LinearScale()
    marks = []
    for i, k in enumerate(sorted(set(labels.tolist()))):
        chosen = idx[labels[idx] == k]
        name = "noise" if k == -1 else f"cluster {k}"
        marks.append(bq.Scatter(x=points[chosen, 0].astype("float64"),
                                y=points[chosen, 1].astype("float64"),
                                scales={"x": sx, "y": sy}, default_size=18, opacity=[0.7],
                                colors=["#bbb" if k == -1 else PALETTE[i % len(PALETTE)]],
                                labels=[name], display_legend=True))
    title = "Clusters on the first two principal components" + (
        f" (sample of {len(idx):,} of {len(labels):,})" if len(idx) < len(labels) else "")
    return bq.Figure(marks=marks, title=title, layout=FIG_LAYOUT,
                     axes=[bq.Axis(scale=sx, label="component 1", side="bottom"),
                           bq.Axis(scale=sy, label="component 2", side="left")],
                     fig_margin={"top": 50, "bottom": 50, "left": 60, "right": 20})


def _board_values(rows: list[dict]) -> tuple[str, list[str], np.ndarray]:
    """(score name, model labels, scores) of leaderboard rows, best first."""
    key = next((k for r in rows for k in r if k.startswith("cv_") and k != "cv_std"), "")
    scored = [r for r in rows if isinstance(r.get(key), (int, float))]
    scored.sort(key=lambda r: -r[key])
    return key, [str(r.get("label") or r.get("model")) for r in scored], np.array(
        [float(r[key]) for r in scored], dtype="float64")


def leaderboard_figure(rows: list[dict] | None = None) -> bq.Figure:
    """Bars of each candidate's cross-validated score; :func:`update_leaderboard` adds the
    candidates as they finish."""
    sx, sy = bq.OrdinalScale(), bq.LinearScale()
    bars = bq.Bars(x=[], y=np.zeros(0), scales={"x": sx, "y": sy}, colors=[PALETTE[0]],
                   tooltip=bq.Tooltip(fields=["x", "y"], formats=["", ".4f"],
                                      labels=["model", "score"]))
    fig = bq.Figure(marks=[bars], layout=HALF_LAYOUT, title="Leaderboard",
                    axes=[bq.Axis(scale=sx, side="bottom"),
                          bq.Axis(scale=sy, side="left", label="cross-validated score",
                                  label_offset="55px")],
                    fig_margin={"top": 40, "bottom": 50, "left": 75, "right": 20})
    update_leaderboard(fig, rows or [])
    return fig


def update_leaderboard(fig: bq.Figure, rows: list[dict]) -> None:
    """Show ``rows`` (best first), in one batched update."""
    key, labels, scores = _board_values(rows)
    bars = fig.marks[0]
    with bars.hold_sync(), fig.hold_sync():
        bars.x, bars.y = labels, scores
        fig.axes[1].label = key.removeprefix("cv_").replace("_", " ") + " (cross-validated)" \
            if key else "cross-validated score"
        fig.title = (f"Leaderboard: {len(labels)} model{'s' if len(labels) != 1 else ''}, best "
                     "first" if labels else "Leaderboard: waiting for the first model")
