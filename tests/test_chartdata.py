"""Chart data reduced in the engine: sizes, exact counts, extremes, time axes."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

import lepton_widgets as lw
from lepton_widgets.engine.chartdata import (
    ChartError,
    ChartSpec,
    box_stats,
    chart_data,
    default_kind,
    density,
    downsample_line,
    epoch_ms,
    histogram,
    rows_in_range,
)
from lepton_widgets.widgets import chartfig

MB = 1024 * 1024
ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture(scope="module")
def big():
    """10,000,000 rows: a noisy walk over time with one spike up and one down."""
    n = 10_000_000
    rng = np.random.default_rng(7)
    y = np.cumsum(rng.normal(size=n))
    y[3_333_333], y[6_666_666] = 1e6, -1e6
    return pd.DataFrame({"t": pd.date_range("2020-01-01", periods=n, freq="s"),
                         "x": rng.normal(size=n), "y": y})


@pytest.mark.parametrize("n", [10_000, 1_000_000, 10_000_000])
@pytest.mark.parametrize("kind", ["scatter", "line"])
def test_payload_under_1mb_with_extremes(big, n, kind):
    df = big.iloc[:n]
    x = "x" if kind == "scatter" else "t"
    data = chart_data(df, ChartSpec(kind=kind, x=x, y="y"))
    fig = chartfig.figure(data)
    size = chartfig.payload_bytes(fig)
    assert size < MB
    y = data.arrays["y"]
    assert y.max() == df["y"].max()
    assert y.min() == df["y"].min()
    if kind == "scatter":
        assert data.arrays["x"].max() == df["x"].max()
        assert data.arrays["x"].min() == df["x"].min()
    assert data.n_shown <= 2000
    assert "points" in data.note  # the chart says it is a sample
    # what bqplot sends of y is the float64 values themselves
    assert np.array_equal(fig.marks[0].y, y)


def test_payload_measure_counts_the_buffers():
    # a plain bqplot Scatter of 100,000 float64 points: at least its 1.6 MB of numbers
    import bqplot as bq

    v = np.arange(100_000, dtype="float64")
    fig = bq.Figure(marks=[bq.Scatter(x=v, y=v, scales={"x": bq.LinearScale(),
                                                        "y": bq.LinearScale()})])
    assert 2 * v.nbytes <= chartfig.payload_bytes(fig) < 2 * v.nbytes + 20_000


def test_histogram_counts_exact_and_infinities_reported():
    values = np.array([0.0, 1, 1, 2, 3, 3, 3, 4, np.inf, -np.inf, np.nan])
    df = pd.DataFrame({"v": values})
    data = chart_data(df, ChartSpec(kind="histogram", x="v"))
    assert data.infinite == {"v": 2}
    assert data.arrays["counts"].sum() == 8  # the finite rows
    assert "2 infinite values left out" in data.note
    edges, counts = histogram(values, bins=4)
    assert edges.tolist() == [0.0, 1.0, 2.0, 3.0, 4.0]
    assert counts.tolist() == [1.0, 2.0, 1.0, 4.0]  # numpy's rule: the maximum in the last


def test_histogram_on_a_million_sums_to_finite_rows():
    rng = np.random.default_rng(0)
    v = rng.lognormal(size=1_000_000)
    v[:10] = np.inf
    v[10:20] = np.nan
    data = chart_data(pd.DataFrame({"v": v}), ChartSpec(kind="histogram", x="v", log_x=True))
    assert data.arrays["counts"].sum() == 1_000_000 - 20
    assert data.infinite == {"v": 10}


def test_density_counts_exact():
    # a 4 x 2 grid of points, one point per cell plus three more in the first cell
    x = np.array([0.5, 1.5, 2.5, 3.5, 0.5, 1.5, 2.5, 3.5, 0.5, 0.5, 0.5, np.nan, np.inf])
    y = np.array([0.5, 0.5, 0.5, 0.5, 1.5, 1.5, 1.5, 1.5, 0.5, 0.5, 0.5, 1.0, 1.0])
    ex, ey, counts = density(x, y, bins=4)
    assert ex.tolist() == [0.5, 1.25, 2.0, 2.75, 3.5]
    assert counts.sum() == 11
    assert counts[0].tolist() == [4.0, 1.0, 1.0, 1.0]  # bottom row: y in the lowest bin
    assert counts[3].tolist() == [1.0, 1.0, 1.0, 1.0]  # the top row holds y = 1.5
    rng = np.random.default_rng(3)
    a, b = rng.normal(size=50_000), rng.normal(size=50_000)
    ex, ey, counts = density(a, b)
    ref, _, _ = np.histogram2d(a, b, bins=[ex, ey])
    assert np.array_equal(counts, ref.T)
    data = chart_data(pd.DataFrame({"a": a, "b": b}), ChartSpec(kind="heatmap", x="a", y="b"))
    assert data.arrays["counts"].sum() == 50_000
    assert "40×40 bins" in data.note


def test_bars_aggregate_like_groupby():
    tips = lw.datasets.load("tips")
    by_day = tips.groupby("day", observed=True)["tip"]
    for agg, ref in (("mean", by_day.mean()), ("sum", by_day.sum()), ("count", by_day.size())):
        data = chart_data(tips, ChartSpec(kind="bar", x="day", y="tip", agg=agg))
        got = dict(zip(data.arrays["x"].tolist(), data.arrays["y"].tolist(), strict=True))
        assert got == pytest.approx({str(k): float(v) for k, v in ref.items()})
    assert "mean of tip per day" in chart_data(
        tips, ChartSpec(kind="bar", x="day", y="tip", agg="mean")).note


def test_box_stats_are_tukey_quartiles():
    v = np.array([1.0, 2, 3, 4, 5, 6, 7, 8, 100, np.nan, np.inf])
    lo, q1, med, q3, hi = box_stats(v)
    assert (q1, med, q3) == (3.0, 5.0, 7.0)
    assert (lo, hi) == (1.0, 8.0)  # 100 is past q3 + 1.5 IQR = 13
    diamonds = lw.datasets.load("diamonds")
    data = chart_data(diamonds, ChartSpec(x="cut", y="price"))
    assert data.kind == "box"
    ideal = diamonds.loc[diamonds["cut"] == "Ideal", "price"]
    row = data.arrays["stats"][data.arrays["x"].tolist().index("Ideal")]
    assert row[2] == ideal.median()


def test_default_kind_for_column_pairs():
    fl = flights()
    diamonds = lw.datasets.load("diamonds")
    assert default_kind(diamonds, "carat", "price") == "scatter"
    assert default_kind(diamonds, "cut", "price") == "box"
    assert default_kind(fl, "date", "passengers") == "line"
    assert default_kind(diamonds, "price", None) == "histogram"
    assert default_kind(diamonds, "cut", None) == "bar"
    assert default_kind(diamonds, None, None) == "heatmap"


def flights() -> pd.DataFrame:
    fl = lw.datasets.load("flights")
    fl["date"] = pd.to_datetime(fl["year"].astype(str) + "-" + fl["month"].astype(str),
                                format="%Y-%B")
    return fl


def test_line_downsampling_keeps_ends_and_extremes():
    x = np.arange(100_000, dtype="float64")
    y = np.sin(x / 500)
    y[12_345] = 9.0
    idx = downsample_line(x, y, 500)
    assert idx.size <= 500
    assert {0, 99_999, 12_345, int(np.argmin(y))} <= set(idx.tolist())
    assert np.all(np.diff(idx) > 0)


def test_correlation_heatmap_from_profile():
    df = lw.datasets.load("mpg")
    corr = lw.profile(df).to_dict()["correlations"]
    data = chart_data(df, ChartSpec(kind="heatmap"), corr)
    names = data.arrays["names"].tolist()
    i, j = names.index("mpg"), names.index("weight")
    assert data.arrays["matrix"][i, j] == pytest.approx(df["mpg"].corr(df["weight"]), abs=1e-4)


def test_bad_columns_in_words():
    df = pd.DataFrame({"a": [1, 2], "s": ["x", None]})
    with pytest.raises(ChartError, match="column 'nope' is not in the data"):
        chart_data(df, ChartSpec(x="nope", y="a"))
    with pytest.raises(ChartError, match="unknown chart kind 'pie'"):
        chart_data(df, ChartSpec(kind="pie", x="a"))
    with pytest.raises(ChartError, match="needs a column for y"):
        chart_data(df, ChartSpec(kind="scatter", x="a"))
    # strings with a missing value (bqplot would refuse them): shown as NA
    bars = chart_data(df, ChartSpec(kind="bar", x="s"))
    assert sorted(bars.arrays["x"].tolist()) == ["NA", "x"]
    chartfig.figure(bars)


def test_big_integers_and_nullable_values_exact():
    df = pd.DataFrame({"i": pd.array([2**40, 2**40 + 1, None], dtype="Int64"),
                       "v": [1.0, 2.0, 3.0]})
    data = chart_data(df, ChartSpec(kind="scatter", x="i", y="v"))
    assert data.arrays["x"].tolist() == [2.0**40, 2.0**40 + 1]  # no int32 wrap
    fig = chartfig.figure(data)
    assert fig.marks[0].x.dtype == np.float64


TZ_SCRIPT = """
import json, numpy as np, pandas as pd
from lepton_widgets.engine.chartdata import ChartSpec, chart_data
from lepton_widgets.widgets import chartfig
from bqplot.traits import array_to_json
naive = pd.to_datetime(["2021-03-28 01:30", "2021-10-31 02:30", "2024-02-29 23:59:59.123"],
                       format="ISO8601")
aware = naive.tz_localize("Europe/Berlin", ambiguous=[True, True, False])
out = {}
for name, t in (("naive", naive), ("aware", aware)):
    df = pd.DataFrame({"t": t, "v": [1.0, 2.0, 3.0]})
    d = chart_data(df, ChartSpec(kind="line", x="t", y="v"))
    fig = chartfig.figure(d)
    sent = array_to_json(fig.marks[0].x)
    out[name] = {"ms": d.arrays["x"].tolist(), "tz": d.tz, "label": fig.axes[0].label,
                 "sent": np.frombuffer(sent["value"], dtype=sent["dtype"]).tolist(),
                 "type": sent["type"]}
print(json.dumps(out))
"""


def test_time_axis_identical_under_two_kernel_time_zones():
    runs = []
    for tz in ("UTC", "Asia/Tokyo"):
        env = dict(os.environ, TZ=tz, PYTHONPATH=str(ROOT))
        res = subprocess.run([sys.executable, "-c", TZ_SCRIPT], env=env, capture_output=True,
                             text=True, check=True, timeout=120)
        runs.append(json.loads(res.stdout))
    assert runs[0] == runs[1]
    got = runs[0]
    # naive values read as given: exact epoch milliseconds of those wall times
    expected = [1616895000000.0, 1635647400000.0, 1709251199123.0]
    assert got["naive"]["ms"] == expected
    assert got["naive"]["sent"] == expected
    assert got["naive"]["type"] == "date"
    # tz-aware values keep their zone: the wall time in Berlin, and the axis says so
    assert got["aware"]["ms"] == expected
    assert got["aware"]["tz"] == "Europe/Berlin"
    assert got["aware"]["label"] == "t (time in Europe/Berlin)"


def test_epoch_ms_with_missing_and_brush_over_all_rows(big):
    s = pd.Series(pd.to_datetime(["2020-01-01", None]))
    ms, tz = epoch_ms(s)
    assert ms[0] == 1577836800000.0
    assert np.isnan(ms[1])
    assert tz is None
    df = big.iloc[:1_000_000]
    lo, hi = epoch_ms(df["t"].iloc[[1000, 2999]])[0]
    mask = rows_in_range(df, "t", lo, hi)
    assert int(mask.sum()) == 2000


def test_chart_code_rebuilds_the_same_chart():
    diamonds = lw.datasets.load("diamonds")
    diamonds = diamonds.rename(columns={"price": "pri'ce \"$\""})
    fig = lw.chart(diamonds, x="carat", y="pri'ce \"$\"", color="cut")
    src = lw.chart_code(diamonds, x="carat", y="pri'ce \"$\"", color="cut")
    scope = {"df": diamonds}
    exec(compile(src, "chart_code", "exec"), scope)
    rebuilt = scope["fig"]
    assert rebuilt.title == fig.title
    assert len(rebuilt.marks) == len(fig.marks) == 5  # one per cut, with a legend
    for a, b in zip(rebuilt.marks, fig.marks, strict=True):
        assert np.array_equal(a.x, b.x)
        assert np.array_equal(a.y, b.y)
        assert a.labels == b.labels


def test_log_axes_tick_at_1_2_5():
    from lepton_widgets.widgets.chartfig import log_ticks

    assert log_ticks(326, 18823).tolist() == [500, 1000, 2000, 5000, 10000]
    assert log_ticks(1e-3, 1e9).tolist() == [1e-3, 1e-1, 1e1, 1e3, 1e5, 1e7, 1e9]
    fig = lw.chart(lw.datasets.load("diamonds"), "carat", "price", log_x=True, log_y=True)
    assert fig.axes[0].tick_values.tolist() == [0.2, 0.5, 1.0, 2.0, 5.0]


def test_date_objects_and_pyarrow_dates_are_dates():
    import datetime as dt

    days = [dt.date(2021, 5, 11), None, dt.date(2021, 5, 12)]
    for s in (pd.Series(days, dtype=object), pd.Series(pd.array(days, dtype="date32[pyarrow]"))):
        df = pd.DataFrame({"d": s, "v": [1.0, 2.0, 3.0]})
        data = chart_data(df, ChartSpec(x="d", y="v"))
        assert data.kind == "line"
        assert data.x_type == "date"
        assert data.arrays["x"].tolist() == [1620691200000.0, 1620777600000.0]


def test_log_axes_leave_out_values_at_or_below_zero_and_say_so():
    df = pd.DataFrame({"x": [0.0, 1.0, 10.0, -5.0, 100.0], "y": [1.0, 2.0, 3.0, 4.0, 5.0]})
    data = chart_data(df, ChartSpec(kind="scatter", x="x", y="y", log_x=True))
    assert data.arrays["x"].tolist() == [1.0, 10.0, 100.0]
    assert data.note == "2 values ≤ 0 left out on the log axis"
    line = chart_data(df, ChartSpec(kind="line", x="y", y="x", log_y=True))
    assert line.arrays["y"].tolist() == [1.0, 10.0, 100.0]
    assert "2 values ≤ 0" in line.note


def test_points_say_how_many_rows_lack_a_value():
    import lepton_widgets as lw
    from lepton_widgets.engine.chartdata import ChartSpec, chart_data

    titanic = lw.datasets.load("titanic")
    d = chart_data(titanic, ChartSpec(kind="scatter", x="age", y="fare"))
    assert d.n_used == 714
    assert d.note == "177 rows without both values (missing or infinite) left out"
    full = chart_data(titanic, ChartSpec(kind="scatter", x="fare", y="pclass"))
    assert full.note == ""  # every row drawn
