"""Our metric tables equal scikit-learn's own functions."""

from __future__ import annotations

import warnings

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from sklearn import metrics as skm

from lepton_widgets.engine import metrics as mt

labels = st.lists(st.sampled_from(["a", "b", "c", "d"]), min_size=1, max_size=60)


@settings(max_examples=150, deadline=None)
@given(st.data())
def test_classification_tables_equal_scikit_learn(data):
    y_true = np.array(data.draw(labels), dtype=object)
    y_pred = np.array(data.draw(st.lists(st.sampled_from(["a", "b", "c", "d"]),
                                         min_size=len(y_true), max_size=len(y_true))),
                      dtype=object)
    ours = mt.classification_metrics(y_true, y_pred)
    assert ours["accuracy"] == pytest.approx(skm.accuracy_score(y_true, y_pred), abs=1e-15)
    with warnings.catch_warnings():  # "y_pred contains classes not in y_true"
        warnings.simplefilter("ignore")
        want_bal = skm.balanced_accuracy_score(y_true, y_pred)
    assert ours["balanced_accuracy"] == pytest.approx(want_bal, abs=1e-15)
    assert ours["f1_macro"] == pytest.approx(
        skm.f1_score(y_true, y_pred, average="macro", zero_division=0), abs=1e-15)
    classes = ["a", "b", "c", "d", "e"]  # "e" never occurs: all zeros, as scikit-learn says
    p, r, f, s = skm.precision_recall_fscore_support(y_true, y_pred, labels=classes,
                                                     zero_division=0)
    rows = mt.per_class(y_true, y_pred, classes)
    np.testing.assert_allclose([x["precision"] for x in rows], p, atol=1e-15)
    np.testing.assert_allclose([x["recall"] for x in rows], r, atol=1e-15)
    np.testing.assert_allclose([x["f1"] for x in rows], f, atol=1e-15)
    assert [x["support"] for x in rows] == s.tolist()

