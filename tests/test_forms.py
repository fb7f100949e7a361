"""What the Clean tab's form sends, turned into steps (engine/forms.py)."""

from __future__ import annotations

import pandas as pd
import pytest

import lepton_widgets as lw
from lepton_widgets.engine.forms import step_from_form


def test_filter_values_are_typed(titanic):
    step = step_from_form(titanic, {"op": "filter", "how": "all", "conditions": [
        {"column": "age", "op": "between", "value": "10, 20"},
        {"column": "sex", "op": "in", "value": "male, female"},
        {"column": "deck", "op": "isna", "value": "ignored"}]})
    assert step.conditions == [
        {"column": "age", "op": "between", "value": [10, 20]},
        {"column": "sex", "op": "in", "value": ["male", "female"]},
        {"column": "deck", "op": "isna", "value": None}]
    assert len(step.apply(titanic)) == int((titanic["age"].between(10, 20)
                                            & titanic["deck"].isna()).sum())


@pytest.mark.parametrize(("form", "message"), [
    ({"op": "filter", "conditions": [{"column": "age", "op": ">", "value": "old"}]},
     "'old' is not a number"),
    ({"op": "filter", "conditions": [{"column": "age", "op": "between", "value": "10"}]},
     "between needs two values separated by a comma"),
    ({"op": "filter", "conditions": []}, "add at least one condition"),
    ({"op": "rename", "columns": ["age", "sex"], "new_name": "x"}, "choose the one column"),
    ({"op": "rename", "columns": ["age"], "new_name": ""}, "type a new name for column 'age'"),
    ({"op": "clip_outliers", "columns": ["fare"], "factor": "lots"}, "the factor must be a number"),
    ({"op": "drop_missing_columns", "threshold": "150"}, "a percentage between 0 and 100, not 150"),
    ({"op": "fill_missing", "columns": ["nope"], "strategy": "mean"}, "column 'nope' is not in"),
    ({"op": "explode"}, "unknown step 'explode'"),
])
def test_form_errors_are_sentences(titanic, form, message):
    with pytest.raises(lw.StepError, match=message):
        step_from_form(titanic, form).apply(titanic)


def test_each_op_from_its_form(titanic):
    forms = [
        {"op": "rename", "columns": ["sex"], "new_name": "gender"},
        {"op": "sort", "columns": ["fare"], "order": "desc"},
        {"op": "clip_outliers", "columns": ["fare"], "method": "zscore", "factor": "3",
         "action": "flag"},
        {"op": "text", "columns": ["who"], "action": "replace", "pattern": "wo",
         "replacement": "", "regex": False},
        {"op": "drop_missing_columns", "threshold": "50"},
        {"op": "cast", "columns": ["pclass"], "to": "category"},
        {"op": "drop_duplicates", "columns": ["sex"], "keep": "none"},
    ]
    recipe = lw.Recipe([step_from_form(titanic, f) for f in forms[:6]])
    out = recipe.apply(titanic)
    assert "gender" in out.columns
    assert "deck" not in out.columns
    assert out["fare"].iloc[0] == titanic["fare"].max()
    assert out["fare_outlier"].sum() == int(
        (titanic["fare"] > titanic["fare"].mean() + 3 * titanic["fare"].std()).sum())
    assert set(out["who"]) == {"man", "child"}
    assert isinstance(out["pclass"].dtype, pd.CategoricalDtype)
    assert len(step_from_form(titanic, forms[6]).apply(titanic)) == 0  # both sexes repeat
