"""The contract of shared/bad-inputs.md on every case (D01-D17) and the dtype families.

For any frame: the Studio opens with the true shape, the profile is strict JSON, a grid
page decodes, steps either replay exactly or fail with a StepError naming the column,
training either works or fails with a TrainError, and the input is never mutated.
Case-specific values are asserted in test_profile/test_recipe/test_train/test_transport.
"""

from __future__ import annotations

import datetime as dt
import decimal
import json
import time

import numpy as np
import pandas as pd
import pyarrow as pa
import pytest

import lepton_widgets as lw
from lepton_widgets.engine import labels as lb
from lepton_widgets.engine.errors import LeptonError


def _cases() -> dict[str, pd.DataFrame]:
    cols = pd.MultiIndex.from_tuples([("m", "int"), ("m", "str"), ("n", "opt")])
    d02 = pd.DataFrame([[1, "a", None], [2, "b", None], [3, "c", 1], [4, "d", 4]], columns=cols)
    d02[("n", "opt")] = d02[("n", "opt")].astype("Int8")
    base = pd.DataFrame({"a": [1, 1, 2, 2], "b": ["x", "y", "x", "y"], "v": [1.0, 2, 3, 4]})
    rng = np.random.default_rng(0)
    return {
        "D01 duplicate names": pd.DataFrame([[1, "x"], [2, "y"]], columns=["a", "a"]),
        "D02 multiindex columns": d02,
        "D03 groupby two-level index": base.groupby(["a", "b"]).sum(),
        "D04 no rows": pd.DataFrame({"a": pd.Series([], dtype=float), "b": []}),
        "D04 no rows two-level index": pd.DataFrame(
            {"v": []}, index=pd.MultiIndex.from_arrays([[], []], names=["i", "j"])),
        "D04 nothing": pd.DataFrame(),
        "D05 naive datetimes": pd.DataFrame({"t": pd.date_range("2021-03-27", periods=4,
                                                                 freq="D"), "y": range(4)}),
        "D06 dates and periods": pd.DataFrame(
            {"d": [dt.date(2021, 5, 11), None, dt.date(2021, 5, 12)], "v": [1, 2, 3]},
            index=pd.period_range("2002-01", periods=3, freq="M")),
        "D07 nullable": pd.DataFrame({"i": pd.array([1, None, 3], dtype="Int64"),
                                      "b": pd.array([True, None, False], dtype="boolean"),
                                      "s": pd.array(["a", None, "b"], dtype="string")}),
        "D08 infinities": pd.DataFrame({"x": [1.0, np.inf, -np.inf, 2.0]}),
        "D09 empty and constant": pd.DataFrame({"e": [np.nan] * 3, "c": [7, 7, 7]}),
        "D10 mixed objects": pd.DataFrame({"m": ["a", 1, None, 2.5]}),
        "D11 numeric strings": pd.DataFrame({"v": ["1.5", " ", "2.0", "NA", "3"]}),
        "D12 id column": pd.DataFrame({"id": [f"user-{i}" for i in range(50_000)],
                                       "y": rng.integers(0, 2, 50_000)}),
        "D13 single class": pd.DataFrame({"x": range(30), "y": ["a"] * 30}),
        "D14 text with gaps": pd.DataFrame({"t": ["good", None, "", "bad"] * 5,
                                            "y": [1, 0, 0, 1] * 5}),
        "D15 odd names": pd.DataFrame({"a.b": [1, None], "c|d": [1, 2], "e f": [3, None],
                                       "it's": ["x", None], "back\\slash": [1.0, 2.0]}),
        "D16 wide": pd.DataFrame(np.zeros((5, 10_000))),
        "D17 markup": pd.DataFrame({"<script>alert(1)</script>": ["<img src=x onerror=a()>"]},
                                   index=pd.Index(["<b>row</b>"], name="<i>idx</i>")),
        "timedelta interval category": pd.DataFrame({
            "td": pd.to_timedelta([1, None, 3], unit="h"),
            "iv": pd.arrays.IntervalArray.from_breaks([0, 1, 2, 3]),
            "cat": pd.Categorical(["a", None, "a"], categories=["a", "unused"])}),
        "complex bytes decimal": pd.DataFrame({
            "c": [1 + 2j, np.nan, 3j], "by": [b"\xff", b"a", None],
            "dec": [decimal.Decimal("1.10"), None, decimal.Decimal("2")]}),
        "sparse and pyarrow": pd.DataFrame({
            "sp": pd.arrays.SparseArray([1.0, np.nan, 0.0]),
            "pi": pd.array([1, None, 2**62], dtype="int64[pyarrow]"),
            "ps": pd.array(["a", None, "c"], dtype="string[pyarrow]"),
            "pd32": pd.array([dt.date(2021, 1, 1), None, dt.date(2021, 1, 3)],
                             dtype="date32[pyarrow]")}),
        "nested cells": pd.DataFrame({"l": [[1, 2], None, []], "d": [{"a": 1}, {}, None]}),
        "huge ints and tz": pd.DataFrame({
            "big": [2**63 - 1, -(2**63), 0],
            "tz": pd.to_datetime(["2021-01-01", None, "2021-06-01"]).tz_localize("US/Eastern")}),
        "non-string labels": pd.DataFrame({0: [1, 2], 1.5: ["a", "b"], ("t", 1): [None, 3.0]}),
    }


CASES = _cases()


def _wait_for_profile(panel, timeout: float = 120) -> None:
    deadline = time.time() + timeout
    while panel.profiling and time.time() < deadline:
        time.sleep(0.1)


@pytest.mark.parametrize("name", list(CASES))
def test_studio_contract(name):
    df = CASES[name]
    before = df.copy(deep=True)
    studio = lw.Studio(df)
    panel = studio.data_panel
    assert panel.shape == list(df.shape)
    assert panel.error == ""
    _wait_for_profile(panel)
    assert not panel.profiling
    assert not panel.profile_status.startswith("profile failed")
    prof = lw.profile(df)
    json.dumps(prof.to_dict(), allow_nan=False)
    assert [c["count"] + c["missing"] for c in prof.columns] == [len(df)] * df.shape[1]
    meta, data = panel.page(0, 50)
    table = pa.ipc.open_stream(data).read_all().to_pydict()
    assert len(table["__row"]) == min(50, len(df))
    assert meta["n_rows"] == len(df)
    pd.testing.assert_frame_equal(df, before)


@pytest.mark.parametrize("name", list(CASES))
def test_steps_replay_or_name_the_column(name):
    df = CASES[name]
    if df.shape[1] == 0 or df.shape[1] > 100:
        pytest.skip("no columns to clean / too wide for a step on every column")
    before = df.copy(deep=True)
    columns = list(df.columns)
    for op, params in [("fill_missing", {"strategy": "mode"}), ("drop_missing", {}),
                       ("cast", {"to": "string"}), ("drop_duplicates", {})]:
        key = "subset" if op == "drop_duplicates" else "columns"
        recipe = lw.Recipe().add(op, **{key: columns}, **params)
        try:
            out = recipe.apply(df)
        except lw.StepError as exc:
            assert str(exc).startswith("step 1 ("), exc
            continue
        namespace: dict = {}
        exec(compile(recipe.to_code(), "<recipe>", "exec"), namespace)
        pd.testing.assert_frame_equal(namespace["transform"](df), out)
    pd.testing.assert_frame_equal(df, before)


@pytest.mark.parametrize("name", [n for n in CASES if CASES[n].shape[1] and
                                  CASES[n].shape[1] < 100])
def test_training_works_or_says_why(name):
    df = CASES[name]
    target = df.columns[-1]
    try:
        result = lw.train(df, target=target, model="linear")
    except lw.TrainError as exc:
        assert str(exc)  # a sentence, never an empty or raw error
        return
    name_, value = result.main_metric
    assert np.isfinite(value) or name_ == "r2"


@pytest.mark.parametrize("name", [n for n in CASES if 0 < CASES[n].shape[1] < 100])
def test_nlp_works_or_says_why(name):
    df = CASES[name]
    before = df.copy(deep=True)
    for i, label in enumerate(df.columns):
        if df.columns.has_duplicates:
            break  # the NLP tab names the duplicate (see D01 below)
        try:
            out = lw.nlp.analyze(df, label)
        except LeptonError as exc:
            assert repr(lb.display_name(label)) in str(exc), exc
        else:
            json.dumps(out, allow_nan=False)
            assert out["profile"]["rows"] == len(df)
        try:
            added = lw.Recipe().add("entity_counts", columns=[label], kinds=["url"]).apply(df)
        except lw.StepError as exc:
            assert repr(lb.display_name(label)) in str(exc), exc
        else:
            assert added.shape == (len(df), df.shape[1] + 1)
            assert added.iloc[:, -1].tolist() == [0] * len(df), i
    pd.testing.assert_frame_equal(df, before)


def test_nlp_duplicate_names_are_named_d01():
    df = CASES["D01 duplicate names"]
    with pytest.raises(lw.StepError, match="'a'"):
        lw.nlp.analyze(df, "a")


def test_nlp_on_text_with_gaps_d14():
    df = CASES["D14 text with gaps"]
    out = lw.nlp.analyze(df, "t")
    assert (out["profile"]["missing"], out["profile"]["empty"]) == (5, 5)
    assert (out["sentiment"]["scored"], out["sentiment"]["missing"]) == (15, 5)
    keywords = lw.Recipe().add("keywords", columns=["t"], top=1).apply(df)["t_keywords"]
    assert keywords.tolist()[:4] == ["good", None, "", "bad"]


@pytest.mark.parametrize("name", list(CASES))
def test_charts_draw_or_say_why(name):
    """Every column alone and next to every other (the first five) charts with its default
    kind, or a ChartError names the column; never another exception."""
    from lepton_widgets.engine.chartdata import ChartError
    from lepton_widgets.engine.labels import display_names
    from lepton_widgets.widgets.chartfig import payload_bytes

    df = CASES[name]
    before = df.copy(deep=True)
    names = display_names(df.columns)[:5]
    for x in names:
        for y in [None, *names]:
            try:
                fig = lw.chart(df, x, y)
            except ChartError as exc:
                assert repr(x) in str(exc) or repr(y) in str(exc) or "numeric" in str(exc)
                continue
            assert payload_bytes(fig) < 1024 * 1024
    pd.testing.assert_frame_equal(df, before)
