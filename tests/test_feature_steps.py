"""Recipe feature steps: scale, encode, date_parts (values, exported code, JSON, errors)."""

from __future__ import annotations

import datetime as dt

import numpy as np
import pandas as pd
import pytest
from sklearn.preprocessing import MinMaxScaler, RobustScaler, StandardScaler

import lepton_widgets as lw
from lepton_widgets.engine.forms import step_from_form


def replay(recipe: lw.Recipe, df: pd.DataFrame) -> pd.DataFrame:
    """apply == exported code == JSON round trip, and the input is left alone."""
    before = df.copy(deep=True)
    out = recipe.apply(df)
    pd.testing.assert_frame_equal(df, before)
    namespace: dict = {}
    exec(compile(recipe.to_code(), "<recipe>", "exec"), namespace)
    pd.testing.assert_frame_equal(namespace["transform"](df), out)
    pd.testing.assert_frame_equal(lw.Recipe.from_json(recipe.to_json()).apply(df), out)
    return out


@pytest.mark.parametrize(("method", "scaler"), [("standard", StandardScaler),
                                                ("minmax", MinMaxScaler),
                                                ("robust", RobustScaler)])
def test_scale_matches_scikit_learn(titanic, method, scaler):
    out = replay(lw.Recipe().add("scale", columns=["age", "fare"], method=method), titanic)
    for col in ("age", "fare"):
        x = titanic[[col]].to_numpy(dtype="float64")
        ok = ~np.isnan(x[:, 0])
        want = scaler().fit(x[ok]).transform(x[ok])[:, 0]
        np.testing.assert_allclose(out.loc[ok, col].to_numpy(), want, rtol=1e-12, atol=1e-12)
        assert out[col].isna().sum() == titanic[col].isna().sum()


def test_scale_ignores_infinities_and_keeps_constants_finite():
    df = pd.DataFrame({"x": [1.0, 3.0, np.inf, -np.inf, np.nan], "k": [5, 5, 5, 5, 5],
                       "n": pd.array([1, None, 3, 5, 7], dtype="Int64")})
    out = replay(lw.Recipe().add("scale", columns=["x", "k", "n"], method="standard"), df)
    assert out["x"].tolist()[:2] == [-1.0, 1.0]  # mean 2, std 1 over the finite values
    assert out["x"].iloc[2] == np.inf
    assert out["x"].iloc[3] == -np.inf
    assert np.isnan(out["x"].iloc[4])
    assert out["k"].tolist() == [0.0] * 5
    assert out["n"].iloc[0] == pytest.approx(-1.3416407865, rel=1e-9)  # (1-4)/sqrt(5)
    assert pd.isna(out["n"].iloc[1])


def test_scale_names_a_text_column(titanic):
    with pytest.raises(lw.StepError, match="'sex' is categorical; scaling needs a numeric"):
        lw.Recipe().add("scale", columns=["sex"]).apply(titanic)


def test_one_hot_values_cap_and_missing():
    df = pd.DataFrame({"c": ["b", "a", "b", None, "c", "b", "a", "d"], "z": range(8)})
    out = replay(lw.Recipe().add("encode", columns=["c"], method="onehot", max_levels=2), df)
    assert out.columns.tolist() == ["c_b", "c_a", "c_other", "z"]  # in place, by frequency
    assert out["c_b"].tolist() == [1, 0, 1, 0, 0, 1, 0, 0]
    assert out["c_a"].tolist() == [0, 1, 0, 0, 0, 0, 1, 0]
    assert out["c_other"].tolist() == [0, 0, 0, 0, 1, 0, 0, 1]  # missing is 0 everywhere
    assert str(out["c_b"].dtype) == "int8"


def test_one_hot_caps_an_id_column_and_says_so():
    ids = pd.DataFrame({"user_id": [f"u{i:05d}" for i in range(50_000)], "y": 1})
    step = lw.Recipe().add("encode", columns=["user_id"]).steps[0]
    out = step.apply(ids)
    assert out.shape == (50_000, 22)  # 20 levels + other + y: no 50,000-column blow-up
    assert int(out["user_id_other"].sum()) == 49_980
    assert step.report(ids, out) == ["user_id has 50,000 levels: one-hot kept the 20 most "
                                     "frequent; the other 49,980 are flagged in user_id_other"]


def test_one_hot_refuses_a_name_that_exists():
    df = pd.DataFrame({"c": ["x", "y"], "c_x": [0, 0]})
    with pytest.raises(lw.StepError, match="a column named 'c_x' already exists"):
        lw.Recipe().add("encode", columns=["c"]).apply(df)


def test_ordinal_and_frequency(titanic):
    recipe = (lw.Recipe().add("encode", columns=["class"], method="ordinal")
              .add("encode", columns=["embark_town"], method="frequency"))
    out = replay(recipe, titanic)
    codes = dict(zip(titanic["class"], out["class"], strict=True))
    assert codes == {"First": 0.0, "Second": 1.0, "Third": 2.0}  # the category order
    share = titanic["embark_town"].value_counts()["Southampton"] / len(titanic)
    assert out.loc[titanic["embark_town"] == "Southampton", "embark_town"].unique() == [share]
    assert out["embark_town"].isna().sum() == 2


def test_ordinal_on_mixed_types():  # D10: str, int and None in one column
    df = pd.DataFrame({"m": ["b", 2, None, "a", 2]})
    out = replay(lw.Recipe().add("encode", columns=["m"], method="ordinal"), df)
    assert out["m"].tolist()[:2] == [2.0, 0.0]
    assert np.isnan(out["m"].iloc[2])


def test_date_parts_local_times_missing_and_periods():
    df = pd.DataFrame({
        "t": pd.to_datetime(["2021-05-11 23:30", None, "2020-01-01 00:15"]).tz_localize(
            "UTC").tz_convert("Asia/Tokyo"),
        "p": pd.period_range("2002-01", periods=3, freq="M"),
        "d": [dt.date(2021, 5, 11), dt.date(2021, 12, 31), None],
    })
    recipe = (lw.Recipe().add("date_parts", columns=["t"], parts=["day", "hour", "weekday"])
              .add("date_parts", columns=["p", "d"], parts=["year", "quarter", "day_of_year"]))
    out = replay(recipe, df)
    assert out.columns.tolist()[:4] == ["t", "t_day", "t_hour", "t_weekday"]
    assert out["t_day"].tolist()[0] == 12
    assert out["t_hour"].tolist()[0] == 8
    assert out["t_weekday"].iloc[0] == 2
    assert pd.isna(out["t_hour"].iloc[1])
    assert out["p_quarter"].tolist() == [1, 1, 1]
    assert out["d_day_of_year"].tolist()[:2] == [131, 365]
    assert pd.isna(out["d_year"].iloc[2])
    assert str(out["t_hour"].dtype) == "Int64"


def test_date_parts_on_taxis_and_bad_columns():
    taxis = lw.datasets.load("taxis")
    out = replay(lw.Recipe().add("date_parts", columns=["pickup"], parts=["month", "hour"]),
                 taxis)
    assert out["pickup_hour"].tolist() == taxis["pickup"].dt.hour.tolist()
    with pytest.raises(lw.StepError, match="'fare' is numeric, not dates"):
        lw.Recipe().add("date_parts", columns=["fare"]).apply(taxis)
    with pytest.raises(lw.StepError, match="unknown date part 'week'"):
        lw.Recipe().add("date_parts", columns=["pickup"], parts=["week"])


def test_odd_names_in_exported_code():  # D15 and D17
    name = "a.b|c 'd\" \\e <script>"
    df = pd.DataFrame({name: ["x", "y", "x"], "n": [1.0, 2.0, 4.0]})
    recipe = lw.Recipe().add("encode", columns=[name]).add("scale", columns=["n"])
    out = replay(recipe, df)
    assert out.columns.tolist() == [f"{name}_x", f"{name}_y", "n"]


def test_forms_build_the_steps(titanic):
    step = step_from_form(titanic, {"op": "encode", "columns": ["sex"],
                                    "encode_method": "onehot", "max_levels": "5"})
    assert step.to_dict() == {"op": "encode", "columns": ["sex"], "method": "onehot",
                              "max_levels": 5}
    with pytest.raises(lw.StepError, match="the level cap must be a whole number"):
        step_from_form(titanic, {"op": "encode", "columns": ["sex"], "max_levels": "2.5"})
    step = step_from_form(titanic, {"op": "scale", "columns": ["age"], "scale_method": "robust"})
    assert step.to_dict() == {"op": "scale", "columns": ["age"], "method": "robust"}
