"""Hypothesis: odd frames through profile -> recipe -> exported code."""

from __future__ import annotations

import json

import pandas as pd
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import lepton_widgets as lw
from lepton_widgets.engine.transport import PageSource

NAMES = st.one_of(st.text(min_size=1, max_size=8), st.integers(-3, 3))
N = st.integers(0, 12)


def column(n: int):
    """A strategy for one column of length ``n`` in one of many dtypes, with missing values."""
    floats = st.lists(st.one_of(st.floats(allow_nan=True, allow_infinity=True), st.none()),
                      min_size=n, max_size=n).map(lambda v: pd.Series(v, dtype="float64"))
    ints = st.lists(st.integers(-(2**62), 2**62), min_size=n, max_size=n).map(
        lambda v: pd.Series(v, dtype="int64"))
    nullable = st.lists(st.one_of(st.integers(-100, 100), st.none()), min_size=n,
                        max_size=n).map(lambda v: pd.Series(v, dtype="Int64"))
    text = st.lists(st.one_of(st.sampled_from(["a", "b", " ", "", "1.5", "NA", "<b>x</b>"]),
                              st.none()), min_size=n, max_size=n).map(pd.Series)
    bools = st.lists(st.one_of(st.booleans(), st.none()), min_size=n, max_size=n).map(
        lambda v: pd.Series(v, dtype="boolean"))
    mixed = st.lists(st.one_of(st.integers(0, 3), st.text(max_size=3), st.none()),
                     min_size=n, max_size=n).map(lambda v: pd.Series(v, dtype=object))
    dates = st.lists(st.one_of(st.datetimes(), st.none()), min_size=n, max_size=n).map(
        lambda v: pd.Series(pd.to_datetime(v)))
    cats = st.lists(st.one_of(st.sampled_from(["x", "y"]), st.none()), min_size=n,
                    max_size=n).map(lambda v: pd.Series(pd.Categorical(v, categories=["x", "y",
                                                                                   "unused"])))
    return st.one_of(floats, ints, nullable, text, bools, mixed, dates, cats)


@st.composite
def frames(draw):
    n = draw(N)
    k = draw(st.integers(1, 5))
    names = draw(st.lists(NAMES, min_size=k, max_size=k, unique=True))
    return pd.DataFrame({name: draw(column(n)).reset_index(drop=True) for name in names})


@st.composite
def frame_and_recipe(draw):
    df = draw(frames())
    cols = list(df.columns)
    recipe = lw.Recipe()
    for _ in range(draw(st.integers(1, 4))):
        op = draw(st.sampled_from(["fill_missing", "drop_missing", "drop_duplicates", "cast",
                                   "drop_columns", "filter", "sort", "clip_outliers", "text",
                                   "rename", "drop_missing_columns", "scale", "encode",
                                   "date_parts"]))
        chosen = draw(st.lists(st.sampled_from(cols), min_size=1, max_size=2, unique=True))
        if op == "fill_missing":
            strategy = draw(st.sampled_from(["mode", "ffill", "bfill", "constant"]))
            params = {"columns": chosen, "strategy": strategy}
            if strategy == "constant":
                params["value"] = 0
        elif op == "cast":
            params = {"columns": chosen, "to": draw(st.sampled_from(
                ["numeric", "string", "category", "boolean"]))}
        elif op == "drop_duplicates":
            params = {"subset": chosen, "keep": draw(st.sampled_from(["first", "last", False]))}
        elif op == "filter":
            params = {"conditions": [{"column": c, "op": draw(st.sampled_from(
                ["notna", "isna", "==", ">"])), "value": 0} for c in chosen],
                      "how": draw(st.sampled_from(["all", "any"]))}
        elif op == "sort":
            params = {"by": chosen, "ascending": draw(st.booleans())}
        elif op == "clip_outliers":
            params = {"columns": chosen, "action": draw(st.sampled_from(["clip", "drop",
                                                                         "flag"]))}
        elif op == "text":
            params = {"columns": chosen, "action": draw(st.sampled_from(["trim", "upper"]))}
        elif op == "rename":
            params = {"mapping": {chosen[0]: "renamed"}}
        elif op == "drop_missing_columns":
            params = {"threshold": draw(st.sampled_from([0.0, 0.5, 1.0]))}
        elif op == "scale":
            params = {"columns": chosen, "method": draw(st.sampled_from(
                ["standard", "minmax", "robust"]))}
        elif op == "encode":
            params = {"columns": chosen, "method": draw(st.sampled_from(
                ["onehot", "ordinal", "frequency"])), "max_levels": draw(st.integers(1, 3))}
        elif op == "date_parts":
            params = {"columns": chosen, "parts": ["year", "hour"]}
        else:
            params = {"columns": chosen}
        recipe.add(op, **params)
    return df, recipe


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(frames())
def test_profile_and_page_never_fail(df):
    before = df.copy(deep=True)
    p = lw.profile(df)
    json.dumps(p.to_dict(), allow_nan=False)
    assert p.n_rows == len(df)
    for col in p.columns:
        assert col["count"] + col["missing"] == len(df)
    meta, _ = PageSource(df).page(0, 50)
    assert meta["rows"] == min(50, len(df))
    pd.testing.assert_frame_equal(df, before)


@settings(max_examples=80, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(frame_and_recipe())
def test_recipe_replays_exactly_or_names_the_problem(case):
    df, recipe = case
    before = df.copy(deep=True)
    try:
        out = recipe.apply(df)
    except lw.StepError as exc:
        assert str(exc).startswith("step ")  # a clear message, not a raw pandas error
        return
    finally:
        pd.testing.assert_frame_equal(df, before)
    namespace: dict = {}
    exec(compile(recipe.to_code(), "<recipe>", "exec"), namespace)
    pd.testing.assert_frame_equal(namespace["transform"](df), out)
    again = lw.Recipe.from_json(recipe.to_json())
    pd.testing.assert_frame_equal(again.apply(df), out)
    assert len(out) <= len(df)
