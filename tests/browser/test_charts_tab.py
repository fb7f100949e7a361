"""The Charts tab on diamonds: pick columns, see the chart, brush a range with the mouse and
watch the Data grid's row count follow; clearing the selection restores it."""

from __future__ import annotations

import re

import pytest

pytestmark = pytest.mark.browser
expect = pytest.importorskip("playwright.sync_api").expect

SETUP = """\
import lepton_widgets as lw
studio = lw.Studio(lw.datasets.load("diamonds"))
studio"""


def drag(page, fig) -> None:
    """Press, move in steps and release the mouse over a figure's plot area."""
    box = fig.locator(".plotarea_events").first.bounding_box()
    assert box is not None
    x0, y0 = box["x"] + box["width"] * 0.15, box["y"] + box["height"] * 0.2
    x1, y1 = box["x"] + box["width"] * 0.45, box["y"] + box["height"] * 0.85
    page.mouse.move(x0, y0)
    page.mouse.down()
    for i in range(1, 11):
        page.mouse.move(x0 + (x1 - x0) * i / 10, y0 + (y1 - y0) * i / 10)
    page.mouse.up()


def test_chart_brush_filters_the_grid(lab, page, output_dir):
    lab.run_cell(page, "charts.ipynb", SETUP)
    studio = page.locator(".lepton-studio").first
    shape = studio.locator(".lw-data .lw-shape")
    shape.filter(has_text="53,940 rows × 10 columns").wait_for(timeout=120_000)

    studio.locator(".lm-TabBar-tab", has_text="Charts").click()
    charts = studio.locator(".lw-charts")
    charts.locator("select.lw-chart-x").select_option("carat")
    charts.locator("select.lw-chart-y").select_option("price")
    note = charts.locator(".lw-chart-note")
    expect(note).to_have_text("scatter: sample of 2,000 of 53,940 points (extremes kept)",
                              timeout=60_000)
    fig = studio.locator(".lepton-chart").first
    expect(fig.locator(".mainheading")).to_contain_text("price by carat", timeout=30_000)
    dots = fig.locator("path.dot")
    expect(dots).to_have_count(2000, timeout=30_000)

    drag(page, fig)  # across the middle of the plot area: a 2-D brush
    brushed = charts.locator(".lw-brushed")
    expect(brushed).to_contain_text("of 53,940 rows", timeout=30_000)
    kept = int(re.search(r"([\d,]+) of 53,940 rows", brushed.inner_text()).group(1)
               .replace(",", ""))
    assert 0 < kept < 53_940
    studio.screenshot(path=str(output_dir / "charts-brushed.png"))

    studio.locator(".lm-TabBar-tab", has_text="Data").click()
    expect(shape).to_have_text(f"{kept:,} of 53,940 rows (brushed on chart) × 10 columns",
                               timeout=30_000)
    expect(studio.locator(".lw-data .lw-range").first).to_contain_text(
        f"of {kept:,} matching", timeout=30_000)
    studio.screenshot(path=str(output_dir / "charts-grid-brushed.png"))

    studio.locator(".lm-TabBar-tab", has_text="Charts").click()
    for fmt in ("png", "svg"):  # export: the browser downloads the rendered chart
        with page.expect_download(timeout=30_000) as got:
            charts.locator(f".lw-export-{fmt}").click()
        download = got.value
        assert download.suggested_filename == f"chart.{fmt}"
        saved = output_dir / f"charts-export.{fmt}"
        download.save_as(str(saved))
        head = saved.read_bytes()[:200]
        assert head.startswith(b"\x89PNG") if fmt == "png" else b"<svg" in head
    charts.locator(".lw-clear-brush").click()
    studio.locator(".lm-TabBar-tab", has_text="Data").click()
    expect(shape).to_have_text("53,940 rows × 10 columns", timeout=30_000)
    assert not page.page_errors


KINDS = """\
import ipywidgets as ipw, numpy as np, pandas as pd
import lepton_widgets as lw
d = lw.datasets.load("diamonds")
fl = lw.datasets.load("flights")
fl["date"] = pd.to_datetime(fl["year"].astype(str) + "-" + fl["month"].astype(str), format="%Y-%B")
n = 10_000_000
big = pd.DataFrame({"t": pd.date_range("2000-01-01", periods=n, freq="min"),
                    "v": np.cumsum(np.random.default_rng(0).normal(size=n))})
figs = [lw.chart(fl, "date", "passengers"), lw.chart(d, "cut", "price"),
        lw.chart(d, "color", "price", kind="bar", agg="mean"), lw.chart(d, "price", log_x=True),
        lw.chart(d, "carat", "price", kind="heatmap"), lw.chart(d, kind="heatmap"),
        lw.chart(d, "carat", "price", color="cut"), lw.chart(big, "t", "v")]
for f in figs:
    f.layout.width = "640px"
ipw.GridBox(figs, layout={"grid_template_columns": "650px 650px"})"""


def test_every_kind_renders_and_ten_million_points_stay_light(lab, page, output_dir):
    lab.run_cell(page, "kinds.ipynb", KINDS)
    figs = page.locator(".jp-OutputArea .lepton-chart")
    expect(figs).to_have_count(8, timeout=120_000)
    titles = ["passengers over date", "price by cut: quartiles", "color: mean of price",
              "price: counts of 53,940", "price by carat: counts of 53,940 points in 40×40",
              "Correlation (Pearson)", "price by carat: sample of 2,000",
              "v over t: 1,99"]
    for i, title in enumerate(titles):
        expect(figs.nth(i).locator(".mainheading")).to_contain_text(title, timeout=60_000)
    expect(figs.nth(1).locator(".box")).to_have_count(5)
    expect(figs.nth(2).locator(".bargroup")).to_have_count(7)
    expect(figs.nth(6)).to_contain_text("Ideal")  # the legend
    # the 10M-row line: a couple of thousand points, drawn as one path
    page.locator(".jp-OutputArea").first.screenshot(path=str(output_dir / "charts-kinds.png"))
    expect(figs.nth(7).locator("path.line")).to_have_count(1)
    assert not page.page_errors
    assert not page.page_errors


def test_chart_follows_the_dark_theme(lab, page, output_dir):
    theme = lab.root.parent / "settings" / "@jupyterlab" / "apputils-extension" / \
        "themes.jupyterlab-settings"
    theme.write_text('{"theme": "JupyterLab Dark"}')
    try:
        lab.run_cell(page, "dark.ipynb", 'import lepton_widgets as lw\n'
                     'lw.Studio(lw.datasets.load("diamonds")).chart("cut", "price")')
        fig = page.locator(".jp-OutputArea .lepton-chart").first
        expect(fig.locator(".mainheading")).to_contain_text("price by cut", timeout=120_000)
        expect(page.locator("body")).to_have_attribute("data-jp-theme-light", "false")
        fills = fig.locator(".axis .tick text").first.evaluate(
            "e => [getComputedStyle(e).fill, getComputedStyle(document.body)"
            ".getPropertyValue('--jp-ui-font-color1')]")
        rgb = [int(v) for v in fills[0][fills[0].index("(") + 1:-1].split(",")[:3]]
        assert min(rgb) > 150, fills  # light text on the dark background
        fig.screenshot(path=str(output_dir / "charts-dark.png"))
    finally:
        theme.unlink()


def test_time_axis_reads_the_dates_given_in_any_browser_zone(lab, tmp_path, output_dir):
    """bad-inputs D05: naive times sent as epoch ms read as given; bqplot labels them in
    UTC, so a browser in New York shows the same ticks at the same places as one in UTC."""
    from conftest import CHROME_ARGS, CHROMIUM
    from playwright.sync_api import sync_playwright

    src = ("import pandas as pd, lepton_widgets as lw\n"
           "df = pd.DataFrame({'t': pd.date_range('2021-01-01', periods=49, freq='h'),"
           " 'v': range(49)})\n"
           "lw.chart(df, 't', 'v')")
    seen = {}
    with sync_playwright() as p:
        for tz in ("UTC", "America/New_York"):
            ctx = p.chromium.launch_persistent_context(
                str(tmp_path / tz.replace("/", "_")), executable_path=CHROMIUM,
                headless=True, args=CHROME_ARGS, viewport={"width": 1400, "height": 1000},
                timezone_id=tz)
            try:
                pg = ctx.new_page()
                lab.run_cell(pg, f"tz-{tz.replace('/', '_')}.ipynb", src)
                assert pg.evaluate("Intl.DateTimeFormat().resolvedOptions().timeZone") == tz
                ticks = pg.locator(".jp-OutputArea .lepton-chart .axis").first.locator(".tick")
                expect(ticks.first).to_have_text("Jan 01", timeout=60_000)
                seen[tz] = ticks.evaluate_all(
                    "es => es.map(e => [e.textContent, e.getAttribute('transform')])")
                pg.locator(".jp-OutputArea").first.screenshot(
                    path=str(output_dir / f"charts-time-{tz.replace('/', '_')}.png"))
            finally:
                ctx.close()
                lab.close_sessions()
    assert seen["UTC"] == seen["America/New_York"]
    assert [t for t, _ in seen["UTC"]][::4] == ["Jan 01", "Jan 02", "Jan 03"]


def test_clicking_a_bar_filters_the_grid(lab, page, output_dir):
    lab.run_cell(page, "bars.ipynb", SETUP + "\nstudio.chart('cut', kind='bar')\nstudio")
    studio = page.locator(".lepton-studio").first
    shape = studio.locator(".lw-data .lw-shape")
    shape.filter(has_text="53,940 rows × 10 columns").wait_for(timeout=120_000)
    studio.locator(".lm-TabBar-tab", has_text="Charts").click()
    fig = studio.locator(".lepton-chart").first
    bars = fig.locator(".bargroup")
    expect(bars).to_have_count(5, timeout=60_000)
    bars.first.locator("rect").first.click()  # Ideal, the most frequent cut: 21,551 rows
    expect(studio.locator(".lw-brushed")).to_contain_text("21,551 of 53,940 rows",
                                                          timeout=30_000)
    studio.screenshot(path=str(output_dir / "charts-bar-clicked.png"))
    studio.locator(".lm-TabBar-tab", has_text="Data").click()
    expect(shape).to_have_text("21,551 of 53,940 rows (brushed on chart) × 10 columns",
                               timeout=30_000)


MARKUP = """\
import pandas as pd, lepton_widgets as lw
evil = "<img src=x onerror=window.__xss=1>"
df = pd.DataFrame({evil: [1.0, 2.0, 3.0], "y": [3.0, 1.0, 2.0], "g": [evil, "<b>b</b>", evil]})
lw.chart(df, evil, "y", color="g", title=evil)"""


def test_markup_in_names_and_values_stays_text(lab, page, output_dir):
    """bad-inputs D17 on a chart: axis label, title, legend and tooltip show the text."""
    lab.run_cell(page, "markup.ipynb", MARKUP)
    fig = page.locator(".jp-OutputArea .lepton-chart").first
    evil = "<img src=x onerror=window.__xss=1>"
    expect(fig.locator(".mainheading")).to_have_text(evil, timeout=60_000)
    expect(fig).to_contain_text("<b>b</b>")  # the legend
    fig.locator("path.dot").first.hover()
    page.wait_for_timeout(500)
    assert page.locator("img[src=x]").count() == 0
    assert page.locator(".jp-OutputArea b", has_text="b").count() == 0
    assert page.evaluate("window.__xss === undefined")
    page.locator(".jp-OutputArea").first.screenshot(path=str(output_dir / "charts-markup.png"))
