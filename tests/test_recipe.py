from __future__ import annotations

import json

import numpy as np
import pandas as pd
import pytest

import lepton_widgets as lw
from lepton_widgets.engine.recipe import diff_summary
from lepton_widgets.engine.steps import Cast, FillMissing


def replay_code(recipe: lw.Recipe, df: pd.DataFrame) -> pd.DataFrame:
    namespace: dict = {}
    exec(compile(recipe.to_code(), "<recipe>", "exec"), namespace)
    return namespace["transform"](df)


def titanic_recipe() -> lw.Recipe:
    return (lw.Recipe()
            .add("drop_columns", columns=["alive", "deck"])
            .add("fill_missing", columns=["age"], strategy="median")
            .add("fill_missing", columns=["embark_town"], strategy="mode")
            .add("fill_missing", columns=["embarked"], strategy="constant", value="S")
            .add("cast", columns=["pclass"], to="category")
            .add("drop_missing", how="any")
            .add("drop_duplicates", keep="first"))


def test_titanic_round_trip_code_and_json(titanic):
    before = titanic.copy(deep=True)
    recipe = titanic_recipe()
    out = recipe.apply(titanic)
    pd.testing.assert_frame_equal(titanic, before)  # input untouched
    hand = titanic.drop(columns=["alive", "deck"])  # the same, written by hand
    hand["age"] = hand["age"].fillna(hand["age"].median())
    hand["embark_town"] = hand["embark_town"].fillna(hand["embark_town"].mode()[0])
    hand["embarked"] = hand["embarked"].fillna("S")
    hand["pclass"] = hand["pclass"].astype("category")
    hand = hand.dropna().drop_duplicates()
    pd.testing.assert_frame_equal(out, hand)
    assert out.shape == (775, 13)
    assert out.isna().sum().sum() == 0
    pd.testing.assert_frame_equal(replay_code(recipe, titanic), out)
    again = lw.Recipe.from_json(recipe.to_json())
    assert again.to_dict() == recipe.to_dict()
    pd.testing.assert_frame_equal(again.apply(titanic), out)


def test_json_format_is_stable():
    recipe = lw.Recipe().add("fill_missing", columns=["age"], strategy="mean")
    assert json.loads(recipe.to_json()) == {
        "version": 1,
        "steps": [{"op": "fill_missing", "columns": ["age"], "strategy": "mean", "value": None}],
    }
    with pytest.raises(lw.StepError, match="unsupported recipe version 7"):
        lw.Recipe.from_json('{"version": 7, "steps": []}')


def test_undo_redo(titanic):
    recipe = lw.Recipe().add("drop_columns", columns=["deck"]).add("drop_duplicates")
    # 780 == len(titanic.drop(columns="deck").drop_duplicates())
    assert len(recipe.apply(titanic)) == 780
    step = recipe.undo()
    assert step.op == "drop_duplicates"
    assert recipe.apply(titanic).shape == (891, 14)
    assert recipe.can_redo
    recipe.redo()
    assert recipe.apply(titanic).shape == (780, 14)
    recipe.undo()
    recipe.add("drop_missing", columns=["age"])
    assert not recipe.can_redo  # a new step clears the redo stack


@pytest.mark.parametrize(("strategy", "expected"), [
    ("mean", [1.0, 2.0, 3.0, 2.0]),
    ("median", [1.0, 2.0, 3.0, 2.0]),
    ("constant", [1.0, 2.0, 3.0, 9.0]),
    ("ffill", [1.0, 2.0, 3.0, 3.0]),
    ("interpolate", [1.0, 2.0, 3.0, 3.0]),
])
def test_fill_strategies(strategy, expected):
    df = pd.DataFrame({"x": [1.0, 2.0, 3.0, np.nan]})
    value = 9.0 if strategy == "constant" else None
    r = lw.Recipe().add("fill_missing", columns=["x"], strategy=strategy, value=value)
    assert r.apply(df)["x"].tolist() == expected
    pd.testing.assert_frame_equal(replay_code(r, df), r.apply(df))


def test_fill_keeps_nullable_dtypes():  # D07
    df = pd.DataFrame({
        "i": pd.array([1, None, 4], dtype="Int64"),
        "b": pd.array([True, None, True], dtype="boolean"),
        "c": pd.Categorical(["a", None, "a"]),
    })
    r = (lw.Recipe().add("fill_missing", columns=["i"], strategy="mean")
         .add("fill_missing", columns=["b"], strategy="mode")
         .add("fill_missing", columns=["c"], strategy="constant", value="zz"))
    out = r.apply(df)
    assert out["i"].dtype == "Int64"
    assert out["i"].tolist() == [1, 2, 4]
    assert out["b"].dtype == "boolean"
    assert out["b"].tolist() == [True, True, True]
    assert out["c"].tolist() == ["a", "zz", "a"]
    pd.testing.assert_frame_equal(replay_code(r, df), out)


def test_cast_numeric_reports_unreadable():  # D11
    df = pd.DataFrame({"v": ["1.5", " ", "2.0", "NA", "3"]})
    step = Cast(["v"], "numeric")
    out = step.apply(df)
    assert out["v"].tolist()[0] == 1.5
    assert np.isnan(out["v"].tolist()[1])
    np.testing.assert_array_equal(out["v"].to_numpy(), [1.5, np.nan, 2.0, np.nan, 3.0])
    notes = step.report(df, out)
    assert notes == ["v: 2 values could not be read as numeric (' ', 'NA'); now missing"]


def test_cast_boolean_and_datetime():
    df = pd.DataFrame({"b": ["yes", "No", "maybe", None],
                       "d": ["2021-05-11", "bad", None, "2021-01-02"]})
    r = (lw.Recipe().add("cast", columns=["b"], to="boolean")
         .add("cast", columns=["d"], to="datetime"))
    out = r.apply(df)
    assert out["b"].tolist() == [True, False, pd.NA, pd.NA]
    assert out["d"].tolist()[0] == pd.Timestamp("2021-05-11")
    assert pd.isna(out["d"].tolist()[1])
    pd.testing.assert_frame_equal(replay_code(r, df), out)
    notes = [n for res in r.run(df) for n in res.notes]
    assert notes == ["b: 1 value could not be read as boolean ('maybe'); now missing",
                     "d: 1 value could not be read as datetime ('bad'); now missing"]


def test_errors_name_the_column():
    df = pd.DataFrame({"name": ["a", None], "n": [1, 2]})
    with pytest.raises(lw.StepError, match="column 'name' is categorical, not numeric"):
        FillMissing(["name"], "mean").apply(df)
    r = lw.Recipe().add("drop_columns", columns=["gone"])
    with pytest.raises(lw.StepError, match=r"step 1 \(Drop columns gone\): column 'gone' is not"):
        r.apply(df)
    dup = pd.DataFrame([[1, 2]], columns=["a", "a"])  # D01
    with pytest.raises(lw.StepError, match="column 'a' appears 2 times"):
        FillMissing(["a"], "median").apply(dup)
    with pytest.raises(lw.StepError, match="unknown fill strategy 'avg'"):
        FillMissing(["n"], "avg")


def test_odd_column_names_in_code():  # D15, D17
    names = ["a.b", "c|d", "with space", "it's", 'say "hi"', "back\\slash",
             "<script>alert(1)</script>", 7]
    df = pd.DataFrame({n: [1.0, np.nan, 3.0] for n in names})
    r = (lw.Recipe().add("fill_missing", columns=names[:4], strategy="median")
         .add("drop_columns", columns=names[4:6]).add("drop_missing", columns=[names[6]]))
    out = r.apply(df)
    pd.testing.assert_frame_equal(replay_code(r, df), out)
    assert list(out.columns) == [*names[:4], names[6], 7]
    assert lw.Recipe.from_json(r.to_json()).to_dict() == r.to_dict()


def test_multiindex_columns_in_code():  # D02
    cols = pd.MultiIndex.from_tuples([("m", "int"), ("m", "str"), ("n", "opt")])
    df = pd.DataFrame([[1, "a", np.nan], [2, "b", 4.0]], columns=cols)
    r = lw.Recipe().add("fill_missing", columns=[("n", "opt")], strategy="constant", value=0.0)
    out = r.apply(df)
    assert out[("n", "opt")].tolist() == [0.0, 4.0]
    assert "df[('n', 'opt')]" in r.to_code()
    pd.testing.assert_frame_equal(replay_code(r, df), out)
    again = lw.Recipe.from_json(r.to_json())
    pd.testing.assert_frame_equal(again.apply(df), out)


def test_diff_summary_counts_cells(titanic):
    step = FillMissing(["age"], "median")
    d = diff_summary(titanic, step.apply(titanic))
    assert d["cells_changed"] == 177
    assert d["columns_changed"] == ["age"]
    d = diff_summary(titanic, titanic.drop_duplicates())
    assert (d["rows_before"], d["rows_after"]) == (891, 784)


def test_names_cannot_inject_code():  # D17: a newline in a name must not end the comment
    evil = "x\nraise SystemExit('injected')\n"
    df = pd.DataFrame({evil: [1.0, np.nan], "nul\x00": [np.nan, 2.0]})
    r = lw.Recipe().add("fill_missing", columns=[evil, "nul\x00"], strategy="constant", value=0.0)
    code = r.to_code()
    assert "\nraise SystemExit" not in code
    pd.testing.assert_frame_equal(replay_code(r, df), r.apply(df))


def test_constant_must_suit_the_column():
    df = pd.DataFrame({"n": [1.0, np.nan], "when": pd.to_datetime(["2021-01-01", None]),
                       "flag": pd.array([True, None], dtype="boolean")})
    with pytest.raises(lw.StepError, match="column 'n' is numeric: cannot fill it with 'x'"):
        FillMissing(["n"], "constant", "x").apply(df)
    with pytest.raises(lw.StepError,
                       match="column 'when' is datetime: cannot fill it with 0; give a date"):
        FillMissing(["when"], "constant", 0).apply(df)
    with pytest.raises(lw.StepError, match="column 'flag' is boolean"):
        FillMissing(["flag"], "constant", 1).apply(df)
    assert FillMissing(["flag"], "constant", False).apply(df)["flag"].tolist() == [True, False]


def test_exotic_labels_and_values_in_code():
    day = pd.Timestamp("2021-05-11")
    df = pd.DataFrame({day: [1.0, np.nan], pd.Period("2002-01", "M"): [np.nan, 2.0],
                       np.int64(3): [np.nan, 1.0],
                       "when": pd.to_datetime(["2021-01-01", None])})
    r = (lw.Recipe().add("fill_missing", columns=[day], strategy="constant", value=float("inf"))
         .add("fill_missing", columns=[pd.Period("2002-01", "M")], strategy="median")
         .add("fill_missing", columns=["when"], strategy="constant", value=day)
         .add("drop_columns", columns=[np.int64(3)]))
    out = r.apply(df)
    assert out[day].tolist() == [1.0, float("inf")]
    assert out["when"].tolist() == [pd.Timestamp("2021-01-01"), day]
    pd.testing.assert_frame_equal(replay_code(r, df), out)
    again = lw.Recipe.from_json(r.to_json())  # dates, periods and inf survive JSON
    pd.testing.assert_frame_equal(again.apply(df), out)
    assert json.loads(r.to_json())["steps"][0]["value"] == {"$float": "inf"}
    assert json.loads(lw.Recipe().add("drop_columns", columns=[np.int64(3)]).to_json())[
        "steps"][0]["columns"] == [3]
    with pytest.raises(lw.StepError, match="type the value to fill with"):
        FillMissing(["when"], "constant", float("nan"))


def test_unexpected_pandas_errors_are_named():
    df = pd.DataFrame({"b": [b"\xff", b"1"]})
    out = lw.Recipe().add("cast", columns=["b"], to="numeric")
    notes = [n for res in out.run(df) for n in res.notes]
    assert notes == ["b: 1 value could not be read as numeric (b'\\xff'); now missing"]
    sparse = pd.DataFrame({"s": pd.arrays.SparseArray([1.0, np.nan, 3.0])})
    r = lw.Recipe().add("fill_missing", columns=["s"], strategy="interpolate")
    with pytest.raises(lw.StepError, match=r"step 1 .*cannot fill column 's' by interpolate"):
        r.apply(sparse)
