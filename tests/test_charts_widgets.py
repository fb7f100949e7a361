"""The Charts tab without a browser: builder messages, brushing the grid, live data."""

from __future__ import annotations

import time

import bqplot as bq
import numpy as np
import pandas as pd
import pytest

import lepton_widgets as lw
from lepton_widgets.widgets import chartfig
from lepton_widgets.widgets.chartpanel import REDRAW_SECONDS


def ui(panel, spec: dict) -> None:
    """What charts.js sends when the pickers change."""
    panel.controls._dispatch(panel.controls, {"type": "draw", "spec": spec}, [])


@pytest.fixture
def diamonds():
    return lw.datasets.load("diamonds")


def test_builder_from_the_ui_and_errors_in_words(diamonds):
    s = lw.Studio(diamonds)
    charts = s.charts_panel
    names = [c["name"] for c in charts.controls.columns]
    assert names[:2] == ["carat", "cut"]
    assert {c["name"]: c["type"] for c in charts.controls.columns}["cut"] == "category"
    ui(charts, {"kind": "auto", "x": "cut", "y": "price"})
    assert charts.controls.drawn == "box"
    assert isinstance(charts.figure.marks[0], bq.Boxplot)
    assert charts.controls.note.startswith("quartiles of price (53,940 values)")
    ui(charts, {"kind": "bar", "x": "cut", "y": "price", "agg": "mean", "log_y": True,
                "title": "<b>mean</b>"})
    assert charts.controls.drawn == "bar"
    assert isinstance(charts.figure.axes[1].scale, bq.LogScale)
    assert charts.figure.title.startswith("<b>mean</b>: mean of price per cut")
    ui(charts, {"kind": "scatter", "x": "carat", "y": "nope"})
    assert charts.controls.error == "column 'nope' is not in the data"
    ui(charts, {"kind": "scatter", "x": "carat"})
    assert charts.controls.error == "a scatter chart needs a column for y"


def test_scatter_tooltips_legend_and_sample_note(diamonds):
    s = lw.Studio(diamonds)
    fig = s.chart("carat", "price", color="cut")
    assert len(fig.marks) == 5
    assert all(m.display_legend for m in fig.marks)
    assert sorted(m.labels[0] for m in fig.marks) == sorted(diamonds["cut"].unique())
    assert fig.marks[0].tooltip.labels == ["carat", "price"]
    assert "sample of 2,000 of 53,940 points" in fig.title
    assert chartfig.payload_bytes(fig) < 100_000
    assert "lepton-chart" in fig._dom_classes
    assert fig.title_style["fill"].startswith("var(--jp-ui-font-color1")


def test_brush_filters_the_grid_and_clearing_restores(diamonds):
    s = lw.Studio(diamonds)
    fig = s.chart("carat", "price")
    sel = fig.interaction
    assert isinstance(sel, bq.interacts.BrushSelector)
    # what the browser does at the end of a drag
    with sel.hold_trait_notifications():
        sel.brushing = True
        sel.selected_x, sel.selected_y = np.array([1.0, 2.0]), np.array([1000.0, 5000.0])
    sel.brushing = False
    want = int(diamonds["carat"].between(1, 2).mul(diamonds["price"].between(1000, 5000)).sum())
    assert s.data_panel.filter_rows == want
    assert s.data_panel.filter_label == "brushed on chart"
    meta, _ = s.data_panel.page()
    assert meta["n_matching"] == want
    assert meta["n_rows"] == 53_940
    assert s.charts_panel.controls.brushed == f"{want:,} of 53,940 rows"
    assert s.recipe.steps == []  # a view filter, not a step
    # sort and search combine with the brush
    meta, _ = s.data_panel.page(sort=(6, False), query="Ideal")
    ideal = diamonds["cut"].eq("Ideal") & diamonds["carat"].between(1, 2) & \
        diamonds["price"].between(1000, 5000)
    assert meta["n_matching"] == int(ideal.sum())
    s.charts_panel.controls._dispatch(s.charts_panel.controls, {"type": "clear"}, [])
    assert s.data_panel.filter_rows == -1
    assert s.data_panel.page()[0]["n_matching"] == 53_940
    assert sel.selected_x is None


def test_interval_brush_on_a_time_line_and_filter_step():
    n = 1000
    df = pd.DataFrame({"t": pd.date_range("2024-01-01", periods=n, freq="h"),
                       "v": np.arange(n, dtype="float64")})
    s = lw.Studio(df)
    fig = s.chart("t", "v")
    sel = fig.interaction
    assert isinstance(sel, bq.interacts.BrushIntervalSelector)
    sel.selected = np.array(["2024-01-02T00:00", "2024-01-02T23:00"], dtype="datetime64[ms]")
    assert s.data_panel.filter_rows == 24
    s.charts_panel.controls._dispatch(s.charts_panel.controls, {"type": "filter_step"}, [])
    assert s.charts_panel.controls.error == ""
    assert [st.op for st in s.recipe.steps] == ["filter"]
    assert len(s.data) == 24
    assert s.data_panel.filter_rows == -1
    assert "between" in s.code


def test_chart_follows_the_recipe_and_live_data(diamonds):
    s = lw.Studio(diamonds.iloc[:1000])
    fig = s.chart("price", kind="histogram")
    assert fig.marks[0].y.sum() == 1000
    s.add_step("filter", conditions=[{"column": "cut", "op": "==", "value": "Ideal"}])
    ideal = int((diamonds["cut"].iloc[:1000] == "Ideal").sum())
    assert s.charts_panel.figure is fig  # updated in place, not rebuilt
    assert fig.marks[0].y.sum() == ideal
    s.undo()
    s.append(diamonds.iloc[1000:3000])
    assert s.data_panel.shape == [3000, 10]
    assert fig.marks[0].y.sum() == 3000
    assert s.data_panel.profiles[0]["count"] == 3000  # the profile follows too
    s.update(diamonds.iloc[:10])
    assert fig.marks[0].y.sum() == 10
    assert "counts of 10 values" in fig.title
    s.update(diamonds.iloc[:10].drop(columns="price"))
    assert s.charts_panel.controls.error == (
        "a column of this chart is gone from the data; pick again")
    assert "price" not in [c["name"] for c in s.charts_panel.controls.columns]


def test_append_resends_only_what_changed(diamonds):
    s = lw.Studio(diamonds.iloc[:500])
    sent: list[str] = []
    grid = s.data_panel
    grid.observe(lambda c: sent.append(c["name"]),
                 names=["columns", "shape", "version", "profiles", "findings"])
    s.append(diamonds.iloc[500:600])
    assert "columns" not in sent  # same schema: not sent again
    assert {"shape", "version", "profiles"} <= set(sent)


def test_code_tab_and_chart_code(diamonds):
    s = lw.Studio(diamonds)
    assert s.chart_code == ""
    s.chart("carat", "price", kind="heatmap")
    assert "bq.GridHeatMap(" in s.chart_code
    assert "# --- chart ---" in s.code_panel.code
    assert "bq.GridHeatMap(" in s.code_panel.code
    scope = {"df": s.data}
    exec(s.chart_code, scope)
    assert np.array_equal(scope["fig"].marks[0].color, s.charts_panel.figure.marks[0].color)


def test_export_png_and_svg_from_the_ui(diamonds):
    s = lw.Studio(diamonds)
    fig = s.chart("carat", "price")
    messages: list[dict] = []
    fig.send = messages.append  # the comm is not open without a front end
    for fmt in ("png", "svg"):
        s.charts_panel.controls._dispatch(s.charts_panel.controls,
                                          {"type": "export", "format": fmt}, [])
    assert [m["type"] for m in messages] == ["save_png", "save_svg"]
    assert [m["filename"] for m in messages] == ["chart.png", "chart.svg"]
    s.charts_panel.controls._dispatch(s.charts_panel.controls,
                                      {"type": "export", "format": "gif"}, [])
    assert "unknown export format 'gif'" in s.charts_panel.controls.error


def test_charts_on_odd_frames_do_not_crash():
    frames = {
        "dup": pd.DataFrame([[1, 2.0], [2, 3.0]], columns=["a", "a"]),
        "html": pd.DataFrame({"<script>x</script>": [1.0, 2.0], "v": ["<b>", None]}),
        "empty": pd.DataFrame({"a": pd.Series([], dtype="float64")}),
        "allnan": pd.DataFrame({"a": [np.nan, np.nan], "b": [1.0, 2.0]}),
    }
    s = lw.Studio(frames["html"])
    fig = s.chart("v", kind="bar")
    assert sorted(fig.marks[0].x.tolist()) == ["<b>", "NA"]
    s.chart("<script>x</script>", kind="histogram")
    compile(s.chart_code, "chart", "exec")
    dup = lw.Studio(frames["dup"])
    ui(dup.charts_panel, {"kind": "histogram", "x": "a"})
    assert "'a'" in dup.charts_panel.controls.error
    for name in ("empty", "allnan"):
        st = lw.Studio(frames[name])
        ui(st.charts_panel, {"kind": "auto", "x": "a"})
        assert st.charts_panel.controls.error == ""
        assert st.charts_panel.figure.marks[0].y.sum() == 0


def test_live_redraws_are_throttled_and_batched(diamonds):
    import asyncio

    async def scenario():
        s = lw.Studio(diamonds.iloc[:100])  # built on a running loop, as in a kernel
        fig = s.chart("price", kind="histogram")
        titles = []
        fig.observe(lambda c: titles.append(c["new"]), names="title")
        t0 = time.monotonic()
        for i in range(20):  # twenty appends in a burst
            s.append(diamonds.iloc[100 + 10 * i: 110 + 10 * i])
        elapsed = time.monotonic() - t0
        burst = len(titles)
        await asyncio.sleep(0.25)
        return s, fig, burst, elapsed, titles

    s, fig, burst, elapsed, titles = asyncio.run(scenario())
    # at most one redraw per 0.1 s window (plus the first), however fast the data comes
    assert burst <= elapsed / REDRAW_SECONDS + 1
    assert len(titles) <= burst + 1  # the deferred one
    assert fig.marks[0].y.sum() == 300  # the last data is drawn once the window passes
    assert s.charts_panel.figure is fig


def test_pickers_on_wide_and_long_frames_stay_small():
    wide = lw.Studio(pd.DataFrame(np.zeros((5, 10_000))))
    assert len(wide.charts_panel.controls.columns) == 1000
    flags = pd.DataFrame({"ok": [True, False, True], "v": [1.0, 2.0, 3.0]})
    s = lw.Studio(flags)
    assert {c["name"]: c["type"] for c in s.charts_panel.controls.columns} == {
        "ok": "category", "v": "number"}
    assert s.chart("ok", "v").marks[0].__class__ is bq.Boxplot


def test_clicking_bars_filters_the_grid(diamonds):
    s = lw.Studio(diamonds)
    fig = s.chart("cut", kind="bar")
    bars = fig.marks[0]
    assert bars.interactions == {"click": "select"}
    shown = bars.x.tolist()
    bars.selected = np.array([shown.index("Fair"), shown.index("Good")])  # a shift-click
    want = int(diamonds["cut"].isin(["Fair", "Good"]).sum())
    assert s.data_panel.filter_rows == want
    assert s.data_panel.page()[0]["n_matching"] == want
    assert s.recipe.steps == []
    s.charts_panel.controls._dispatch(s.charts_panel.controls, {"type": "filter_step"}, [])
    assert [st.op for st in s.recipe.steps] == ["filter"]
    assert len(s.data) == want
    assert s.data_panel.filter_rows == -1
    box = s.chart("cut", "price")
    box.marks[0].selected = np.array([0])
    first = box.marks[0].x[0]
    assert s.data_panel.filter_rows == int((s.data["cut"] == first).sum())
    s.charts_panel.clear_brush()
    assert box.marks[0].selected is None
    assert s.data_panel.filter_rows == -1


def test_brush_on_a_density_heat_map(diamonds):
    s = lw.Studio(diamonds)
    fig = s.chart("carat", "price", kind="heatmap")
    sel = fig.interaction
    assert isinstance(sel, bq.interacts.BrushSelector)
    assert sel.x_scale is fig.marks[0].scales["column"]
    sel.selected_x, sel.selected_y = np.array([0.5, 1.0]), np.array([500.0, 3000.0])
    want = diamonds["carat"].between(0.5, 1.0) & diamonds["price"].between(500, 3000)
    assert s.data_panel.filter_rows == int(want.sum())


def test_select_mode_off_gives_the_mouse_back_to_tooltips(diamonds):
    s = lw.Studio(diamonds)
    fig = s.chart("carat", "price")
    sel = fig.interaction
    sel.selected_x, sel.selected_y = np.array([1.0, 2.0]), np.array([1000.0, 5000.0])
    assert s.data_panel.filter_rows > 0
    s.charts_panel.controls.select_mode = False
    assert fig.interaction is None
    assert s.data_panel.filter_rows == -1  # leaving select mode clears the selection
    s.chart("price", kind="histogram")  # a new figure keeps the mode
    assert s.charts_panel.figure.interaction is None
    s.charts_panel.controls.select_mode = True
    assert isinstance(s.charts_panel.figure.interaction, bq.interacts.BrushIntervalSelector)
    assert lw.chart(diamonds, "carat", "price").interaction is None  # no grid to filter


def test_a_replaced_figure_is_closed(diamonds):
    s = lw.Studio(diamonds)
    old = s.chart("carat", "price")
    parts = [old, *old.marks, *old.axes, old.interaction, old.marks[0].scales["x"]]
    assert all(w.comm is not None for w in parts)
    s.chart("cut", kind="bar")
    assert all(w.comm is None for w in parts)
    assert s.charts_panel.figure.comm is not None
