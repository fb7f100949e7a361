"""Charts tab: a chart builder (anywidget controls) above a bqplot Figure.

The chart follows the recipe and live data (throttled, batched redraws); a brush on it
filters the Data grid (a view filter, never a recipe step) until it is cleared.
"""

from __future__ import annotations

import time
from collections.abc import Callable

import bqplot as bq
import ipywidgets as ipw
import numpy as np
import traitlets as t

from ..engine import transport
from ..engine.chartdata import (
    AGGREGATIONS,
    KINDS,
    ChartData,
    ChartSpec,
    chart_data,
    names,
    rows_in_categories,
    rows_in_range,
)
from ..engine.session import Session
from ..engine.steps import make_step
from . import chartfig
from ._base import Panel, static_file

REDRAW_SECONDS = 0.1  # at most ~10 chart updates a second
BRUSH_LABEL = "brushed on chart"


class ChartControls(Panel):
    """Pickers for the chart (kind, x, y, colour, size, aggregation, log axes, title)."""

    _esm = static_file("charts.js")

    columns = t.List(t.Dict()).tag(sync=True)
    """Columns a chart can use: {name, type} with type number, date or category."""
    kinds = t.List(t.Unicode(), ["auto", *KINDS]).tag(sync=True)
    """Chart kinds offered ("auto" picks one from the column types)."""
    aggregations = t.List(t.Unicode(), list(AGGREGATIONS)).tag(sync=True)
    spec = t.Dict(ChartSpec().to_dict()).tag(sync=True)
    """The chart asked for: {kind, x, y, color, size, agg, log_x, log_y, title}."""
    drawn = t.Unicode("").tag(sync=True)
    """The kind actually drawn (what "auto" chose)."""
    note = t.Unicode("").tag(sync=True)
    """What the chart shows when it is not every row (a sample, bins, an aggregate)."""
    brushed = t.Unicode("").tag(sync=True)
    """The brush's selection in words ("1,234 of 53,940 rows"); empty when none."""
    select_mode = t.Bool(True).tag(sync=True)
    """True: dragging on the chart selects rows for the Data tab; False: the mouse shows
    tooltips instead (a brush takes the pointer events)."""

    def __init__(self, on_spec: Callable[[dict], None], on_export: Callable[[str], None],
                 on_clear: Callable[[], None], on_filter_step: Callable[[], None],
                 **kwargs) -> None:
        super().__init__(**kwargs)
        self._on_spec, self._on_export = on_spec, on_export
        self._on_clear, self._on_filter_step = on_clear, on_filter_step

    def _msg_draw(self, content: dict) -> None:
        self._on_spec(dict(content.get("spec") or {}))

    def _msg_export(self, content: dict) -> None:
        self._on_export(str(content.get("format", "png")))

    def _msg_clear(self, _content: dict) -> None:
        self._on_clear()

    def _msg_filter_step(self, _content: dict) -> None:
        self._on_filter_step()


def clean_spec(raw: dict, columns: list[str]) -> ChartSpec:
    """A ChartSpec from the browser's pickers (empty picks are None), names checked."""
    s = ChartSpec()
    for k in ("x", "y", "color", "size"):
        v = raw.get(k) or None
        if v is not None and str(v) not in columns:
            raise ValueError(f"column {v!r} is not in the data")
        setattr(s, k, None if v is None else str(v))
    s.kind = str(raw.get("kind") or "auto")
    s.agg = str(raw.get("agg") or "count")
    s.log_x, s.log_y = bool(raw.get("log_x")), bool(raw.get("log_y"))
    s.title = str(raw.get("title") or "")[:200]
    return s


class ChartsPanel(ipw.VBox):
    """The Charts tab. ``grid`` is the Data tab's panel (brushing filters it)."""

    def __init__(self, session: Session, grid=None, **kwargs) -> None:
        self.session, self.grid = session, grid
        self.controls = ChartControls(on_spec=self._draw_from_ui, on_export=self.export,
                                      on_clear=self.clear_brush,
                                      on_filter_step=self.add_brush_as_step)
        self.holder = ipw.Box(layout={"width": "100%"})
        super().__init__([self.controls, self.holder], **kwargs)
        self.figure = None
        self.data: ChartData | None = None
        self.spec: ChartSpec | None = None
        self.on_code: Callable[[], None] | None = None  # the Studio refreshes its Code tab
        self._brush: tuple | None = None  # (x range, y range or None) or ("categories", [..])
        self._last = 0.0
        self._pending = False
        self._selector = None
        self.controls.observe(lambda _c: self.controls.guarded(self._apply_mode),
                              names="select_mode")
        self.refresh_columns()

    # --- drawing -------------------------------------------------------------------------
    def refresh_columns(self) -> None:
        self.controls.columns = names(self.session.current, transport.MAX_LISTED_COLUMNS)

    def _draw_from_ui(self, raw: dict) -> None:
        spec = clean_spec(raw, [c["name"] for c in self.controls.columns])
        self.show(spec)

    def show(self, spec: ChartSpec) -> None:
        """Draw ``spec`` on the current data (a new Figure only when its shape changes)."""
        df = self.session.current
        corr = self.session.profile.to_dict().get("correlations") if (
            spec.kind == "heatmap" and (spec.x is None or spec.y is None)) else None
        data = chart_data(df, spec, corr)
        p = chartfig.plan(data)
        self.clear_brush()
        if self.figure is None or not chartfig.update(self.figure, p):
            old, self.figure = self.figure, chartfig.build(p)
            old_selector, self._selector = self._selector, self.figure.interaction
            self._watch(self.figure)
            self._apply_mode()
            self.holder.children = [self.figure]
            if old is not None:
                chartfig.close(old, old_selector)
        self.data, self.spec = data, spec
        with self.controls.hold_sync():
            self.controls.spec = spec.to_dict()
            self.controls.drawn, self.controls.note = data.kind, data.note
            self.controls.error = ""
        if self.on_code is not None:
            self.on_code()

    def refresh(self) -> None:
        """The data changed (a recipe step, live data): redraw, at most ~10 times a second."""
        self.refresh_columns()
        if self.spec is None:
            return
        wait = REDRAW_SECONDS - (time.monotonic() - self._last)
        loop = self.controls._loop
        if wait > 0 and loop is not None and loop.is_running():
            if not self._pending:
                self._pending = True
                loop.call_later(wait, self._redraw)
            return
        self._redraw()

    def _redraw(self) -> None:
        self._pending, self._last = False, time.monotonic()
        names_now = {c["name"] for c in self.controls.columns}
        spec = self.spec
        if spec is None:
            return
        if any(getattr(spec, k) is not None and getattr(spec, k) not in names_now
               for k in ("x", "y", "color", "size")):
            self.controls.error = "a column of this chart is gone from the data; pick again"
            return
        self.controls.guarded(self.show, spec)

    def code(self) -> str:
        """bqplot code that rebuilds the chart shown (empty when there is none)."""
        return chartfig.code(self.data) if self.data is not None else ""

    def export(self, fmt: str) -> None:
        """Download the chart as PNG or SVG (the browser renders the file)."""
        if self.figure is None:
            raise ValueError("draw a chart first")
        name = "chart"
        if fmt == "svg":
            self.figure.save_svg(f"{name}.svg")
        elif fmt == "png":
            self.figure.save_png(f"{name}.png")
        else:
            raise ValueError(f"unknown export format {fmt!r}; use png or svg")

    # --- brushing ------------------------------------------------------------------------
    def _apply_mode(self) -> None:
        """Put the brush on the figure, or take it off so that tooltips show."""
        if self.figure is None:
            return
        if not self.controls.select_mode:
            self.clear_brush()
        self.figure.interaction = self._selector if self.controls.select_mode else None

    def _watch(self, fig) -> None:
        for mark in fig.marks:
            if mark.interactions.get("click") == "select":
                mark.observe(lambda c: self.controls.guarded(self._on_pick, c["new"]),
                             names="selected")
        sel = fig.interaction
        if sel is None:
            return
        sel.observe(lambda _c: self.controls.guarded(self._on_brush, sel),
                    names=["brushing", "selected", "selected_x", "selected_y"])

    def _on_brush(self, sel) -> None:
        if getattr(sel, "brushing", False):
            return  # wait for the drag to end: one grid update per brush
        if isinstance(sel, bq.interacts.BrushSelector):
            xr, yr = sel.selected_x, sel.selected_y
            rng = None if xr is None or yr is None or len(xr) < 2 else (
                _float_pair(xr), _float_pair(yr))
        else:
            xr = sel.selected
            rng = None if xr is None or len(xr) < 2 else (_float_pair(xr), None)
        self.brush(rng)

    def _on_pick(self, selected) -> None:
        if self.data is None or not self.controls.select_mode:
            return
        shown = self.data.arrays["x"]
        picked = [] if selected is None else [shown[int(i)] for i in selected
                                              if 0 <= int(i) < len(shown)]
        self.pick(picked or None)

    def pick(self, categories: list[str] | None) -> int:
        """Filter the Data grid to the rows in some of the chart's categories (clicked
        bars or boxes); None clears it. Returns rows kept."""
        df = self.session.current
        if not categories or self.spec is None or self.spec.x is None:
            return self.brush(None)
        mask = rows_in_categories(df, self.spec.x, categories)
        self._brush = ("categories", list(categories))
        return self._filter(mask)

    def _filter(self, mask: np.ndarray) -> int:
        kept = int(mask.sum())
        df = self.session.current
        if self.grid is not None:
            self.grid.set_row_filter(mask, BRUSH_LABEL)
        self.controls.brushed = f"{kept:,} of {len(df):,} rows"
        return kept

    def brush(self, ranges: tuple | None) -> int:
        """Filter the Data grid to the rows inside ``(x_range, y_range or None)``; None
        clears it. Ranges are in axis units (dates as epoch ms). Returns rows kept."""
        df = self.session.current
        if ranges is None or self.spec is None:
            self._brush = None
            if self.grid is not None:
                self.grid.set_row_filter(None)
            self.controls.brushed = ""
            return len(df)
        (x0, x1), yr = ranges
        mask = rows_in_range(df, self.spec.x, x0, x1)
        if yr is not None and self.spec.y is not None:
            mask = rows_in_range(df, self.spec.y, yr[0], yr[1], mask)
        self._brush = ranges
        return self._filter(mask)

    def clear_brush(self) -> None:
        if self.figure is not None:
            for mark in self.figure.marks:
                if mark.selected is not None:
                    mark.selected = None
        if self.figure is not None and self.figure.interaction is not None:
            sel = self.figure.interaction
            with sel.hold_trait_notifications():
                for k in ("selected", "selected_x", "selected_y"):
                    if sel.has_trait(k):
                        setattr(sel, k, None)
        if self._brush is not None or self.controls.brushed:
            self.brush(None)

    def add_brush_as_step(self) -> None:
        """Keep the brushed rows for good: a ``filter`` step with ``between`` conditions."""
        if self._brush is None or self.spec is None or self.data is None:
            raise ValueError("brush a range on the chart first")
        if self._brush[0] == "categories":
            values = self._brush[1]
            step = make_step("filter", conditions=[
                {"column": self.spec.x, "op": "in", "value": values}], how="all")
            self.brush(None)
            self.session.add_step(step)
            return
        (x0, x1), yr = self._brush
        conds = [self._between(self.spec.x, x0, x1, self.data.x_type)]
        if yr is not None:
            conds.append(self._between(self.spec.y, yr[0], yr[1], "number"))
        step = make_step("filter", conditions=conds, how="all")
        self.brush(None)
        self.session.add_step(step)

    def _between(self, name: str, lo: float, hi: float, kind: str) -> dict:
        lo, hi = min(lo, hi), max(lo, hi)
        if kind == "date":  # wall time; the step reads it in the column's own zone
            lo, hi = (str(np.datetime64(int(v), "ms")) for v in (lo, hi))
        return {"column": name, "op": "between", "value": [lo, hi]}


def _float_pair(v) -> tuple[float, float]:
    a = np.asarray(v)
    if a.dtype.kind == "M":
        a = a.astype("datetime64[ms]").astype("int64")
    a = a.astype("float64")
    return float(a[0]), float(a[-1])
