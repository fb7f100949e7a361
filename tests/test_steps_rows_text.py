"""Filter, sort, outliers, rename, text and column-threshold steps: values and replay."""

from __future__ import annotations

import pandas as pd
import pytest

import lepton_widgets as lw


def replay(recipe: lw.Recipe, df: pd.DataFrame) -> pd.DataFrame:
    """Apply; check the exported code and the JSON round trip give the same frame."""
    before = df.copy(deep=True)
    out = recipe.apply(df)
    namespace: dict = {}
    exec(compile(recipe.to_code(), "<recipe>", "exec"), namespace)
    pd.testing.assert_frame_equal(namespace["transform"](df), out)
    pd.testing.assert_frame_equal(lw.Recipe.from_json(recipe.to_json()).apply(df), out)
    pd.testing.assert_frame_equal(df, before)
    return out


def test_filter_all_and_any(titanic):
    r = lw.Recipe().add("filter", conditions=[
        {"column": "age", "op": ">", "value": 30}, {"column": "sex", "op": "==", "value": "male"}])
    out = replay(r, titanic)
    expected = titanic[(titanic["age"] > 30) & (titanic["sex"] == "male")]
    pd.testing.assert_frame_equal(out, expected)
    assert len(out) == 202
    r = lw.Recipe().add("filter", how="any", conditions=[
        {"column": "deck", "op": "isna"}, {"column": "fare", "op": "between", "value": [10, 20]}])
    out = replay(r, titanic)
    assert len(out) == int((titanic["deck"].isna() | titanic["fare"].between(10, 20)).sum())


def test_filter_nullable_and_text_ops():
    df = pd.DataFrame({"n": pd.array([1, None, 5, 7], dtype="Int64"),
                       "t": ["apple", None, "banana", "cherry"]})
    out = replay(lw.Recipe().add("filter", conditions=[{"column": "n", "op": ">=", "value": 5}]),
                 df)
    assert out["n"].tolist() == [5, 7]  # NA compares as "not kept", never an error
    out = replay(lw.Recipe().add("filter", conditions=[
        {"column": "t", "op": "contains", "value": "an"}]), df)
    assert out["t"].tolist() == ["banana"]
    out = replay(lw.Recipe().add("filter", conditions=[
        {"column": "t", "op": "in", "value": ["apple", "cherry"]}]), df)
    assert out.index.tolist() == [0, 3]


def test_filter_errors_name_the_column():
    df = pd.DataFrame({"t": ["a", "b"]})
    with pytest.raises(lw.StepError, match="cannot test column 't' > 5"):
        lw.Recipe().add("filter", conditions=[{"column": "t", "op": ">", "value": 5}]).apply(df)
    with pytest.raises(lw.StepError, match="unknown condition 'like'"):
        lw.Recipe().add("filter", conditions=[{"column": "t", "op": "like", "value": "%"}])
    with pytest.raises(lw.StepError, match="add at least one condition"):
        lw.Recipe().add("filter", conditions=[])


def test_sort_stable_missing_last(titanic):
    out = replay(lw.Recipe().add("sort", by=["pclass", "age"], ascending=[True, False]), titanic)
    expected = titanic.sort_values(["pclass", "age"], ascending=[True, False], kind="stable",
                                   na_position="last")
    pd.testing.assert_frame_equal(out, expected)
    assert out["age"].iloc[0] == 80.0


@pytest.mark.parametrize("action", ["clip", "drop", "flag"])
def test_outliers_iqr(titanic, action):
    r = lw.Recipe().add("clip_outliers", columns=["fare"], method="iqr", factor=1.5,
                        action=action)
    out = replay(r, titanic)
    q1, q3 = titanic["fare"].quantile([0.25, 0.75])
    hi = q3 + 1.5 * (q3 - q1)
    outside = int((titanic["fare"] > hi).sum())
    assert outside == 116
    if action == "clip":
        assert out["fare"].max() == pytest.approx(hi)
        assert len(out) == 891
    elif action == "drop":
        assert len(out) == 891 - outside
    else:
        assert out["fare_outlier"].sum() == outside
        assert out["fare"].max() == titanic["fare"].max()


def test_outliers_zscore_and_errors():
    df = pd.DataFrame({"x": [0.0] * 50 + [100.0], "t": ["a"] * 51})
    out = replay(lw.Recipe().add("clip_outliers", columns=["x"], method="zscore", factor=3,
                                 action="drop"), df)
    assert len(out) == 50
    with pytest.raises(lw.StepError, match="column 't' is categorical; outliers are found in"):
        lw.Recipe().add("clip_outliers", columns=["t"]).apply(df)


def test_rename_and_clash(titanic):
    out = replay(lw.Recipe().add("rename", mapping={"sex": "gender", "age": "years"}), titanic)
    assert list(out.columns[2:4]) == ["gender", "years"]
    with pytest.raises(lw.StepError, match="two columns named 'age'"):
        lw.Recipe().add("rename", mapping={"fare": "age"}).apply(titanic)
    with pytest.raises(lw.StepError, match="type a new name for column 'sex'"):
        lw.Recipe().add("rename", mapping={"sex": " "})


def test_text_actions():
    df = pd.DataFrame({"t": ["  Hello World ", None, "abc-123"], "n": [1, 2, 3]})
    r = (lw.Recipe().add("text", columns=["t"], action="trim")
         .add("text", columns=["t"], action="lower")
         .add("text", columns=["t"], action="replace", pattern="-", replacement=" "))
    assert replay(r, df)["t"].tolist()[::2] == ["hello world", "abc 123"]
    out = replay(lw.Recipe().add("text", columns=["t"], action="extract", pattern=r"\d+"), df)
    assert out["t"].tolist()[2] == "123"
    assert pd.isna(out["t"].tolist()[0])
    with pytest.raises(lw.StepError, match="column 'n' holds int64 values; text steps need"):
        lw.Recipe().add("text", columns=["n"], action="trim").apply(df)
    with pytest.raises(lw.StepError, match="not a valid regular expression"):
        lw.Recipe().add("text", columns=["t"], action="extract", pattern="(")


def test_drop_mostly_missing_columns(titanic):
    out = replay(lw.Recipe().add("drop_missing_columns", threshold=0.5), titanic)
    assert "deck" not in out.columns
    assert out.shape == (891, 14)
    empty = pd.DataFrame({"a": pd.Series([], dtype=float)})
    assert replay(lw.Recipe().add("drop_missing_columns", threshold=0.5), empty).shape == (0, 1)
