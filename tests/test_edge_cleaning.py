"""Edge cases found by trying to break the cleaning steps, the forms and the search."""

from __future__ import annotations

import datetime as dt

import numpy as np
import pandas as pd
import pyarrow as pa
import pytest

import lepton_widgets as lw
from lepton_widgets.engine.forms import step_from_form
from lepton_widgets.engine.transport import PageSource


def replay(recipe: lw.Recipe, df: pd.DataFrame) -> pd.DataFrame:
    out = recipe.apply(df)
    namespace: dict = {}
    exec(compile(recipe.to_code(), "<recipe>", "exec"), namespace)
    pd.testing.assert_frame_equal(namespace["transform"](df), out)
    pd.testing.assert_frame_equal(lw.Recipe.from_json(recipe.to_json()).apply(df), out)
    return out


def keep(df: pd.DataFrame, column: str, op: str, value: str) -> list:
    step = step_from_form(df, {"op": "filter", "conditions": [
        {"column": column, "op": op, "value": value}]})
    return replay(lw.Recipe([step]), df).index.tolist()


def test_outliers_on_integers_keep_values_and_dtype():
    big = pd.DataFrame({"b": np.array([2**53 + 1, 2**53 + 3, 2**53 + 5, 2**53 + 7])})
    out = replay(lw.Recipe().add("clip_outliers", columns=["b"]), big)
    assert out["b"].tolist() == big["b"].tolist()  # nothing is an outlier: nothing moves
    assert out["b"].dtype == np.int64
    nullable = pd.DataFrame({"v": pd.array([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 500],
                                           dtype="Int64")})
    studio = lw.Studio(nullable)
    outliers = next(i for i, f in enumerate(studio.data_panel.findings)
                    if f["text"].startswith("v has"))
    studio.fix(outliers)  # the suggested fix works on nullable integers
    assert studio.data["v"].dtype == "Int64"
    assert studio.data["v"].max() < 500
    with pytest.raises(lw.StepError, match="the factor must be a positive number"):
        lw.Recipe().add("clip_outliers", columns=["v"], factor=float("inf"))


def test_flag_column_never_overwrites():
    df = pd.DataFrame({"x": [1.0, 2.0, 100.0], "x_outlier": ["keep", "me", "!"]})
    with pytest.raises(lw.StepError, match="a column named 'x_outlier' already exists"):
        lw.Recipe().add("clip_outliers", columns=["x"], action="flag").apply(df)
    clash = pd.DataFrame({0: [1.0, 2.0], "0": [1.0, 2.0]})
    with pytest.raises(lw.StepError, match="'0_outlier' already exists"):
        lw.Recipe().add("clip_outliers", columns=[0, "0"], action="flag").apply(clash)


def test_filters_type_values_for_the_column():
    tz = pd.DataFrame({"t": pd.to_datetime(["2021-01-01 10:00", "2021-01-02 10:00", None])
                       .tz_localize("Europe/Paris")})
    assert keep(tz, "t", "==", "2021-01-01 10:00") == [0]  # in the column's own time zone
    dates = pd.DataFrame({"d": [dt.date(2021, 5, 11), dt.date(2021, 5, 12), None]})
    assert keep(dates, "d", "==", "2021-05-11") == [0]
    periods = pd.DataFrame({"p": pd.period_range("2002-01", periods=3, freq="M")})
    assert keep(periods, "p", ">=", "2002-02") == [1, 2]
    cats = pd.DataFrame({"c": pd.Categorical([1, 2, None, 10])})
    assert keep(cats, "c", "==", "1") == [0]
    with pytest.raises(lw.StepError, match="'3' is not one of the categories of column 'c'"):
        keep(cats, "c", "==", "3")
    with pytest.raises(lw.StepError, match="write one date for column 't'"):
        keep(tz, "t", "==", "2021-01-01, 2021-01-05")
    with pytest.raises(lw.StepError, match="to test for missing values use 'is missing'"):
        keep(tz, "t", "==", "nan")


@pytest.mark.parametrize("dtype", ["float64", "Int64", "string", "object"])
def test_missing_never_matches_a_comparison(dtype):
    values = [1, None, 3] if dtype != "string" else ["1", None, "3"]
    df = pd.DataFrame({"v": pd.Series(values, dtype=dtype)})
    one = "1"
    assert keep(df, "v", "!=", one) == [2]
    assert keep(df, "v", "not in", one) == [2]
    assert keep(df, "v", "isna", "") == [1]


def test_two_text_conditions_on_nullable_strings():
    df = pd.DataFrame({"s": pd.array(["a", None, "b"], dtype="string")})
    step = step_from_form(df, {"op": "filter", "how": "any", "conditions": [
        {"column": "s", "op": "contains", "value": "a"}, {"column": "s", "op": "==",
                                                          "value": "b"}]})
    assert replay(lw.Recipe([step]), df)["s"].tolist() == ["a", "b"]


def test_datetime_filters_and_constants_save_as_json():
    df = pd.DataFrame({"t": pd.date_range("2021-01-01", periods=3),
                       "d": pd.to_timedelta([1, None, 3], unit="D")})
    recipe = lw.Recipe([
        step_from_form(df, {"op": "filter", "conditions": [
            {"column": "t", "op": ">", "value": "2021-01-01"}]}),
        step_from_form(df, {"op": "fill_missing", "columns": ["d"], "strategy": "constant",
                            "value": "2 days"}),
    ])
    out = replay(recipe, df)
    assert out["d"].tolist() == [pd.Timedelta("2 days"), pd.Timedelta("3 days")]


def test_text_extract_groups_flags_and_categories():
    df = pd.DataFrame({"t": ["Hello world", "hello AB", None]})
    r = lw.Recipe().add("text", columns=["t"], action="extract", pattern=r"(\w)(\w)?")
    assert replay(r, df)["t"].tolist()[:2] == ["H", "h"]  # the first group
    r = lw.Recipe().add("text", columns=["t"], action="extract", pattern="(?i)HELLO")
    assert replay(r, df)["t"].tolist()[:2] == ["Hello", "hello"]
    cats = pd.DataFrame({"c": pd.Categorical([1, 2, None])})
    with pytest.raises(lw.StepError, match="column 'c' holds category values; text steps"):
        lw.Recipe().add("text", columns=["c"], action="trim").apply(cats)


def test_lists_are_not_filled_and_not_offered():
    df = pd.DataFrame({"l": [[1], None, [2, 3]], "x": [1.0, None, 2.0]})
    with pytest.raises(lw.StepError, match="column 'l' holds lists or dicts"):
        lw.Recipe().add("fill_missing", columns=["l"], strategy="mode").apply(df)
    fixes = lw.Studio(df).findings
    assert fixes.loc[fixes["text"].str.startswith("l is missing"), "fix"].isna().all()


def test_multi_level_rename_is_refused_clearly():
    df = pd.DataFrame({("m", "int"): [1], ("m", "str"): ["a"]})
    with pytest.raises(lw.StepError, match="multi-level header is not supported yet"):
        lw.Recipe().add("rename", mapping={("m", "int"): "x"}).apply(df)


@pytest.mark.parametrize("text", ["not json", "[]", "null", '{"version": 1, "steps": null}',
                                  '{"version": 1, "steps": [1]}', '{"version": 1, "steps": [{}]}',
                                  '{"version": 1, "steps": [{"op": "rename", "mapping": "a"}]}',
                                  '{"version": 1, "steps": [{"op": "filter", '
                                  '"conditions": "abc"}]}'])
def test_malformed_recipes_are_step_errors(text):
    with pytest.raises(lw.StepError, match="recipe"):
        lw.Recipe.from_json(text)


def test_search_exact_for_big_ints_zones_and_durations():
    df = pd.DataFrame({"i": pd.array([2**53, 2**53 + 1], dtype="Int64"),
                       "t": pd.to_datetime(["2021-01-01 10:00", "2021-01-02 23:30"])
                       .tz_localize("Europe/Paris"),
                       "d": pd.to_timedelta(["1 days", "2 days"])})
    src = PageSource(df)
    assert src.page(0, 5, query=str(2**53 + 1))[0]["n_matching"] == 1
    assert src.page(0, 5, query="2021-01-02")[0]["n_matching"] == 1  # local date shown
    meta, data = src.page(0, 5, query="1 days")
    assert meta["n_matching"] == 1
    assert pa.ipc.open_stream(data).read_all().to_pydict()["c2"] == ["1 days 00:00:00"]
    with pytest.raises(ValueError, match="there is no column 9 to sort by"):
        src.page(0, 5, sort=(9, True))


def test_search_words_all_must_match(titanic):
    src = PageSource(titanic)
    meta, _ = src.page(0, 5, query="female  First")
    assert meta["n_matching"] == int(((titanic["sex"] == "female")
                                      & (titanic["class"] == "First")).sum()) == 94


def test_preview_names_columns_and_warns_on_no_rows(titanic):
    s = lw.Studio(titanic)
    p = s.session.preview("drop_missing_columns", threshold=0.5)
    assert p["columns_removed"] == ["deck"]
    p = s.session.preview("filter", conditions=[{"column": "age", "op": ">", "value": 200}])
    assert p["rows_after"] == 0
    assert p["notes"] == ["no rows would be left"]


def test_model_messages(titanic):
    with pytest.raises(lw.TrainError, match="k-means finds clusters without a target"):
        lw.train(titanic, "survived", model="kmeans")
    rng = np.random.default_rng(0)
    noise = pd.DataFrame({"x": rng.normal(size=200), "y": rng.normal(size=200)})
    r = lw.train(noise, "y", model="gradient_boosting")
    assert r.metrics["r2"] < 0
    assert any(n.startswith("R² is -") for n in r.notes)
