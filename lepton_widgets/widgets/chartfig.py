"""bqplot figures from reduced chart data, and the Python code that rebuilds them.

A chart is first described as a *plan* (scales, marks with their arguments, axes): the
same plan builds the Figure, updates a shown Figure in place (live data) and prints as
code, so the Code tab always matches what is drawn.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import bqplot as bq
import numpy as np

from ..engine.chartdata import ChartData
from .charts import PALETTE

LAYOUT = {"width": "100%", "min_width": "420px", "height": "420px"}
MARGIN = {"top": 50, "bottom": 55, "left": 75, "right": 30}
# JupyterLab theme variables, so that light and dark themes both read well
TEXT = "var(--jp-ui-font-color1, #222)"
BACKGROUND = "var(--jp-layout-color0, #fff)"
MAIN = PALETTE[0]
DATA_TRAITS = ("x", "y", "color", "size", "row", "column", "labels")


@dataclass
class MarkPlan:
    cls: str                                  # bqplot mark class name
    kwargs: dict                              # values, arrays included
    scales: dict                              # mark scale role -> plan scale name
    refs: dict = field(default_factory=dict)  # kwarg -> source expression for the code


@dataclass
class Plan:
    scales: dict          # name -> (bqplot scale class name, kwargs)
    marks: list[MarkPlan]
    axes: list[dict]      # {scale, label, side, ...}
    title: str
    selector: str | None  # "interval" (x range), "brush" (x and y), "click" (categories)
    figure: dict = field(default_factory=dict)
    brush_scales: tuple = ("x", "y")  # the scales a 2-D brush reads


def _dates(a: np.ndarray) -> np.ndarray:
    return a.astype("datetime64[ms]")  # exact: whole milliseconds as float64


def _x_scale(d: ChartData) -> tuple[str, dict]:
    if d.x_type == "date":
        return "DateScale", {}
    if d.x_type == "category":
        return "OrdinalScale", {}
    return ("LogScale" if d.spec.log_x else "LinearScale"), {}


def _y_scale(d: ChartData) -> tuple[str, dict]:
    return ("LogScale" if d.spec.log_y else "LinearScale"), {}


def _label(name: str | None, d: ChartData, axis: str = "x") -> str:
    if name is None:
        return ""
    if axis == "x" and d.tz:
        return f"{name} (time in {d.tz})"
    return name


def plan(d: ChartData) -> Plan:
    """Scales, marks and axes that draw ``d``."""
    s, a = d.spec, d.arrays
    x_ref = "a['x']" if d.x_type != "date" else "a['x'].astype('datetime64[ms]')"
    x_val = a.get("x")
    if x_val is not None and d.x_type == "date":
        x_val = _dates(x_val)
    scales = {"x": _x_scale(d), "y": _y_scale(d)}
    marks: list[MarkPlan] = []
    selector = None
    x_label, y_label = _label(s.x, d), _label(s.y, d, "y")
    tip = {"fields": ["x", "y"], "labels": [x_label or "x", y_label or "y"]}
    if d.kind == "scatter":
        selector = "brush"
        common = {"default_size": 16, "opacity": [0.7], "stroke": None}
        if a.get("color_type") == "category":
            groups = a["groups"]
            for i, g in enumerate(dict.fromkeys(groups.tolist())):
                pick = groups == g
                cond = f"a['groups'] == {g!r}"
                marks.append(MarkPlan("Scatter", {
                    **common, "x": x_val[pick], "y": a["y"][pick],
                    "colors": [PALETTE[i % len(PALETTE)]], "labels": [g],
                    "display_legend": True, "tooltip": tip},
                    {"x": "x", "y": "y"},
                    {"x": f"{x_ref}[{cond}]", "y": f"a['y'][{cond}]"}))
        else:
            kw = {**common, "x": x_val, "y": a["y"], "colors": [MAIN], "tooltip": tip}
            refs = {"x": x_ref, "y": "a['y']"}
            roles = {"x": "x", "y": "y"}
            if a.get("color_type") == "number":
                scales["color"] = ("ColorScale", {"scheme": "viridis"})
                kw["color"], refs["color"], roles["color"] = a["color"], "a['color']", "color"
                tip = {"fields": ["x", "y", "color"], "labels": [x_label, y_label, s.color]}
                kw["tooltip"] = tip
            if "size" in a:
                scales["size"] = ("LinearScale", {})
                kw["size"], refs["size"], roles["size"] = a["size"], "a['size']", "size"
            marks.append(MarkPlan("Scatter", kw, roles, refs))
    elif d.kind == "line":
        selector = "interval"
        marks.append(MarkPlan("Lines", {"x": x_val, "y": a["y"], "colors": [MAIN],
                                        "stroke_width": 1.5},
                              {"x": "x", "y": "y"}, {"x": x_ref, "y": "a['y']"}))
    elif d.kind == "histogram":
        selector = "interval"
        edges = a["edges"]
        centers = (edges[:-1] + edges[1:]) / 2
        ref = "(a['edges'][:-1] + a['edges'][1:]) / 2"
        if d.x_type == "date":
            centers, ref = _dates(np.round(centers)), f"np.round({ref}).astype('datetime64[ms]')"
        scales["y"] = ("LogScale" if s.log_y else "LinearScale", {} if s.log_y else {"min": 0.0})
        marks.append(MarkPlan("Bars", {"x": centers, "y": a["counts"], "colors": [MAIN],
                                       "padding": 0.05, "tooltip": {
                                           "fields": ["x", "y"],
                                           "labels": [x_label, "count"]}},
                              {"x": "x", "y": "y"}, {"x": ref, "y": "a['counts']"}))
        y_label = "count"
    elif d.kind == "bar":
        selector = "click"
        agg = a["agg"]
        y_label = "rows" if agg == "count" else f"{agg} of {s.y}"
        scales["y"] = ("LogScale", {}) if s.log_y else ("LinearScale", {"min": 0.0})
        marks.append(MarkPlan("Bars", {"x": a["x"], "y": a["y"], "colors": [MAIN],
                                       "tooltip": {"fields": ["x", "y"],
                                                   "labels": [x_label, y_label]}},
                              {"x": "x", "y": "y"}, {"x": "a['x']", "y": "a['y']"}))
    elif d.kind == "box":
        selector = "click"
        marks.append(MarkPlan("Boxplot", {"x": a["x"], "y": a["stats"], "box_fill_color": MAIN,
                                          "stroke": TEXT, "opacities": [0.8],
                                          "auto_detect_outliers": False},
                              {"x": "x", "y": "y"}, {"x": "a['x']", "y": "a['stats']"}))
        x_label = s.x or ""
    else:  # heatmap
        if "matrix" in a:
            scales = {"row": ("OrdinalScale", {"reverse": True}), "column": ("OrdinalScale", {}),
                      "color": ("ColorScale", {"colors": ["#3266cc", "#f7f7f7", "#dc3912"],
                                               "min": -1.0, "max": 1.0, "mid": 0.0})}
            marks.append(MarkPlan("GridHeatMap", {
                "row": a["names"], "column": a["names"], "color": a["matrix"],
                "display_format": ".2f", "font_style": {"font-size": "11px"}},
                {"row": "row", "column": "column", "color": "color"},
                {"row": "a['names']", "column": "a['names']", "color": "a['matrix']"}))
            axes = [{"scale": "column", "label": "", "side": "bottom"},
                    {"scale": "row", "label": "", "side": "left"}]
            return Plan(scales, marks, axes, s.title or "Correlation (Pearson)", None,
                        {"padding_y": 0.0, "fig_margin": {**MARGIN, "left": 120,
                                                          "bottom": 90}})
        xe, ye = a["x_edges"], a["y_edges"]
        xs = "DateScale" if d.x_type == "date" else "LinearScale"
        scales = {"column": (xs, {}), "row": ("LinearScale", {}),
                  "color": ("ColorScale", {"scheme": "Blues", "min": 0.0})}
        col = _dates(xe) if d.x_type == "date" else xe
        col_ref = "a['x_edges']" + (".astype('datetime64[ms]')" if d.x_type == "date" else "")
        marks.append(MarkPlan("GridHeatMap", {"row": ye, "column": col, "color": a["counts"],
                                              "stroke": None},
                              {"row": "row", "column": "column", "color": "color"},
                              {"row": "a['y_edges']", "column": col_ref,
                               "color": "a['counts']"}))
        axes = [{"scale": "column", "label": x_label, "side": "bottom"},
                {"scale": "row", "label": y_label, "side": "left", "label_offset": "55px"}]
        return Plan(scales, marks, axes, _title(d), "brush", {"padding_y": 0.0},
                    brush_scales=("column", "row"))
    axes = [{"scale": "x", "label": x_label, "side": "bottom"},
            {"scale": "y", "label": y_label, "side": "left", "label_offset": "55px"}]
    if "color" in scales and d.kind == "scatter":
        axes.append({"scale": "color", "label": s.color, "side": "right",
                     "orientation": "vertical"})
    out = Plan(scales, marks, axes, _title(d), selector)
    _axes(out)
    return out


def _title(d: ChartData) -> str:
    s = d.spec
    base = s.title or {"scatter": f"{s.y} by {s.x}", "line": f"{s.y} over {s.x}",
                       "histogram": f"{s.x or s.y}", "bar": f"{s.x}",
                       "box": f"{s.y} by {s.x}" if s.x else f"{s.y}",
                       "heatmap": f"{s.y} by {s.x}"}[d.kind]
    return f"{base}: {d.note}" if d.note else base


def _axes(p: Plan) -> None:
    """Log axes get ticks at 1, 2 and 5 of each decade (d3 labels every 1-9 otherwise)."""
    for ax in p.axes:
        if p.scales.get(ax["scale"], ("",))[0] != "LogScale":
            continue
        values = [np.asarray(m.kwargs[role], dtype="float64") for m in p.marks
                  for role, name in m.scales.items() if name == ax["scale"] and role in m.kwargs]
        v = np.concatenate(values) if values else np.array([])
        v = v[np.isfinite(v) & (v > 0)]
        if v.size:
            ax.update(tick_values=log_ticks(float(v.min()), float(v.max())),
                      tick_format=".3~s")


def log_ticks(lo: float, hi: float) -> np.ndarray:
    """1-2-5 values from ``lo`` to ``hi`` (at most about 12)."""
    decades = range(int(np.floor(np.log10(lo))), int(np.ceil(np.log10(hi))) + 1)
    steps = (1, 2, 5) if len(decades) <= 4 else (1,)
    ticks = np.array([t for k in decades for m in steps if lo <= (t := m * 10.0**k) <= hi])
    while ticks.size > 12:
        ticks = ticks[::2]
    return ticks if ticks.size >= 2 else np.array([lo, hi])


def _axis(ax: dict, scales: dict) -> bq.Axis:
    kw = {k: v for k, v in ax.items() if k not in ("scale", "orientation")}
    if ax.get("orientation"):
        return bq.ColorAxis(scale=scales[ax["scale"]], **kw)
    return bq.Axis(scale=scales[ax["scale"]], **kw)


def _mark(m: MarkPlan, scales: dict) -> bq.Mark:
    kw = dict(m.kwargs)
    if "tooltip" in kw:
        kw["tooltip"] = bq.Tooltip(**kw["tooltip"])
    return getattr(bq, m.cls)(scales={r: scales[n] for r, n in m.scales.items()}, **kw)


def build(p: Plan, select: bool = True) -> bq.Figure:
    """A Figure from a plan; with ``select``, a brush selector (or clickable bars) where the
    chart has one. A brush takes the mouse: tooltips show only while none is set."""
    scales = {n: getattr(bq, cls)(**kw) for n, (cls, kw) in p.scales.items()}
    marks = [_mark(m, scales) for m in p.marks]
    options = {"fig_margin": dict(MARGIN), **p.figure}
    fig = bq.Figure(marks=marks, axes=[_axis(a, scales) for a in p.axes], title=p.title,
                    layout=dict(LAYOUT), animation_duration=0,
                    title_style={"fill": TEXT}, background_style={"fill": BACKGROUND},
                    legend_text={"fill": TEXT}, legend_location="top-left", **options)
    if not select:
        pass
    elif p.selector == "interval":
        fig.interaction = bq.interacts.BrushIntervalSelector(scale=scales["x"], marks=marks,
                                                             color="#f90")
    elif p.selector == "brush":
        sx, sy = (scales[n] for n in p.brush_scales)
        fig.interaction = bq.interacts.BrushSelector(
            x_scale=sx, y_scale=sy, color="#f90",
            marks=[m for m in marks if not isinstance(m, bq.GridHeatMap)])
    elif p.selector == "click":  # click bars or boxes to pick categories (shift: several)
        for m in marks:
            m.interactions = {"click": "select"}
            m.unselected_style = {"opacity": "0.35"}
    fig.add_class("lepton-chart")
    fig.lepton_signature = signature(p)  # type: ignore[attr-defined]
    return fig


def close(fig: bq.Figure, selector=None) -> None:
    """Close a figure that is no longer shown and the widgets it alone holds (their comms
    would stay open otherwise)."""
    parts = [*fig.marks, *fig.axes, selector, fig.interaction, fig]
    scales = {id(sc): sc for m in fig.marks for sc in m.scales.values()}
    for w in [*parts, *(m.tooltip for m in fig.marks), *scales.values()]:
        if w is not None:
            w.close()


def signature(p: Plan) -> tuple:
    """What must match for a shown figure to take new data in place."""
    return (tuple((n, c, tuple(sorted(k.items()))) for n, (c, k) in p.scales.items()
                  if n not in ("x", "y") or c != "LinearScale"),
            tuple((m.cls, tuple(m.kwargs.get("labels") or ())) for m in p.marks),
            tuple((a["scale"], a["label"]) for a in p.axes), p.selector)


def update(fig: bq.Figure, p: Plan) -> bool:
    """Put a plan's data into a shown figure (one batched message per mark); False when
    the chart changed shape and needs a new Figure."""
    if getattr(fig, "lepton_signature", None) != signature(p) or len(fig.marks) != len(p.marks):
        return False
    with fig.hold_sync():
        for mark, m in zip(fig.marks, p.marks, strict=True):
            with mark.hold_sync():
                for k in DATA_TRAITS:
                    if k in m.kwargs and k != "labels":
                        setattr(mark, k, m.kwargs[k])
        fig.title = p.title
    return True


def figure(d: ChartData, select: bool = False) -> bq.Figure:
    """The bqplot Figure of reduced chart data (tooltips on; no selector unless asked)."""
    return build(plan(d), select)


def _kw_code(kwargs: dict, refs: dict) -> list[str]:
    out = []
    for k, v in kwargs.items():
        if k in refs:
            out.append(f"{k}={refs[k]}")
        elif k == "tooltip":
            out.append(f"tooltip=bq.Tooltip(fields={v['fields']!r}, labels={v['labels']!r})")
        elif isinstance(v, np.ndarray):
            continue
        else:
            out.append(f"{k}={v!r}")
    return out


def _literal(v: object) -> str:
    return f"np.array({v.tolist()!r})" if isinstance(v, np.ndarray) else repr(v)


def code(d: ChartData, frame: str = "df") -> str:
    """Python source that rebuilds the chart of ``d`` from ``frame`` with bqplot."""
    p = plan(d)
    spec = ", ".join(f"{k}={v!r}" for k, v in d.spec.to_dict().items()
                     if v not in (None, False, "") and not (k == "agg" and v == "count"))
    lines = ["import bqplot as bq",
             "import numpy as np",
             "from lepton_widgets.engine.chartdata import ChartSpec, chart_data",
             ""]
    if d.kind == "heatmap" and "matrix" in d.arrays:
        lines += ["import lepton_widgets as lw",
                  f"corr = lw.profile({frame}).to_dict()['correlations']",
                  f"a = chart_data({frame}, ChartSpec({spec}), corr).arrays"]
    else:
        lines.append(f"a = chart_data({frame}, ChartSpec({spec})).arrays  # reduced: "
                     + (d.note or "every row"))
    lines.append("")
    for n, (cls, kw) in p.scales.items():
        args = ", ".join(f"{k}={v!r}" for k, v in kw.items())
        lines.append(f"scale_{n} = bq.{cls}({args})")
    names = []
    for i, m in enumerate(p.marks):
        sc = ", ".join(f"{r!r}: scale_{n}" for r, n in m.scales.items())
        args = ", ".join([*_kw_code(m.kwargs, m.refs), f"scales={{{sc}}}"])
        lines.append(f"mark_{i} = bq.{m.cls}({args})")
        names.append(f"mark_{i}")
    axes = []
    for ax in p.axes:
        cls = "ColorAxis" if ax.get("orientation") else "Axis"
        kw = ", ".join(f"{k}={_literal(v)}" for k, v in ax.items()
                       if k not in ("scale", "orientation"))
        axes.append(f"bq.{cls}(scale=scale_{ax['scale']}, {kw})")
    lines.append("fig = bq.Figure(marks=[" + ", ".join(names) + "], axes=[" + ", ".join(axes)
                 + f"], title={p.title!r})")
    lines.append("fig")
    return "\n".join(lines)


def payload_bytes(fig: bq.Figure) -> int:
    """Bytes the front end receives for a figure: the JSON state plus binary buffers of
    the figure, its marks, scales, axes, tooltips and selector."""
    import json

    from ipywidgets.widgets.widget import _remove_buffers

    seen: set[int] = set()
    total = 0
    todo: list = [fig]
    while todo:
        w = todo.pop()
        if id(w) in seen:
            continue
        seen.add(id(w))
        state, _paths, buffers = _remove_buffers(w.get_state())
        total += len(json.dumps(state, default=str)) + sum(memoryview(b).nbytes
                                                           for b in buffers)
        for name in w.keys:
            v = getattr(w, name, None)
            for item in v if isinstance(v, (list, tuple)) else (
                    v.values() if isinstance(v, dict) else [v]):
                if isinstance(item, bq.Figure | bq.Mark | bq.Scale | bq.Axis | bq.Tooltip |
                              bq.interacts.Interaction):
                    todo.append(item)
    return total
