"""Feature options: each builds a leak-free Pipeline whose exported code reproduces it."""

from __future__ import annotations

import contextlib
import io

import numpy as np
import pandas as pd
import pytest

import lepton_widgets as lw
from lepton_widgets.engine.models import preview_features


def run(code: str, df: pd.DataFrame) -> dict[str, float]:
    out = io.StringIO()
    with contextlib.redirect_stdout(out):
        exec(compile(code, "<model>", "exec"), {"df": df})
    return {k: float(v) for k, v in (line.rsplit(" ", 1) for line in out.getvalue().splitlines())}


@pytest.fixture(scope="module")
def titanic():
    return lw.datasets.load("titanic").drop(columns=["alive"])


@pytest.mark.parametrize("features", [
    {"scale": "minmax"}, {"scale": "robust", "transform": "log"},
    {"transform": "yeo-johnson"}, {"encode": "ordinal"}, {"encode": "target"},
    {"select": 6}, {"pca": 4}, {"scale": "none", "dates": "none"},
    {"bins": 4}, {"bins": 5, "bin_strategy": "uniform"}, {"poly": "interactions"},
    {"poly": "squares", "min_variance": 0.0},
], ids=str)
def test_options_train_and_replay(titanic, features, tmp_path):
    r = lw.train(titanic, target="survived", model="linear", features=features)
    assert 0.7 <= r.metrics["accuracy"] <= 0.9
    printed = run(r.to_code(), titanic)
    assert printed["accuracy"] == pytest.approx(r.metrics["accuracy"], abs=1e-12)
    loaded = lw.load_model(r.save(tmp_path / "m.skops"))
    assert (loaded.predict(r.X_test) == r.pipeline.predict(r.X_test)).all()


def test_preview_names_and_shape(titanic):
    plain = preview_features(titanic, "survived")
    assert plain["shape"] == [712, len(plain["names"])]
    assert "sex_female" in plain["names"]
    ordinal = preview_features(titanic, "survived", {"encode": "ordinal"})
    assert ordinal["shape"][1] == 13
    assert preview_features(titanic, "survived", {"pca": 3})["names"] == ["pca0", "pca1", "pca2"]
    assert preview_features(titanic, "survived", {"select": 5})["shape"] == [712, 5]


def test_tfidf_on_sms_spam_keeps_rows_aligned():
    spam = lw.datasets.load("sms_spam")
    r = lw.train(spam, target="Label", model="linear", features={"text": "tfidf"})
    spam_row = r.classes.index("spam")
    assert r.per_class[spam_row]["f1"] >= 0.85
    # D14: missing and empty texts become zero vectors; rows stay aligned
    texts = [f"free prize number {i}" if i % 4 == 0 else None if i % 4 == 1 else
             "" if i % 4 == 2 else f"see you at lunch {i}" for i in range(200)]
    odd = pd.DataFrame({"t": texts, "y": ["spam", "ham", "ham", "ham"] * 50})
    result = lw.train(odd, target="y", model="linear", features={"text": "tfidf"})
    assert result.plan.text == ["t"]
    matrix = result.pipeline[:-1].transform(odd[["t"]])
    assert matrix.shape[0] == 200
    assert np.all(matrix[1] == 0)
    assert np.all(matrix[2] == 0)
    assert matrix[0].sum() > 0


def test_bad_options_are_named():
    df = lw.datasets.load("tips")
    with pytest.raises(lw.TrainError, match="scale must be one of standard, minmax, robust"):
        lw.train(df, target="tip", features={"scale": "huge"})
    with pytest.raises(lw.TrainError, match="pca must be a whole number of features"):
        lw.train(df, target="tip", features={"pca": 0})
    with pytest.raises(lw.TrainError, match="unknown feature option"):
        lw.train(df, target="tip", features={"colour": "blue"})


def test_cyclical_dates_and_bins_values():
    taxis = lw.datasets.load("taxis").drop(columns=["total"])
    r = lw.train(taxis, target="tip", model="linear", features={"dates": "cyclical"})
    names = list(r.pipeline[:-1].get_feature_names_out())
    assert "pickup_hour_sin" in names
    assert "pickup_hour" not in names
    cycles = r.pipeline["prepare"].named_transformers_["dates"]["parts"].transform(
        taxis[["pickup", "dropoff"]])
    hours = taxis["pickup"].dt.hour
    assert np.allclose(cycles["pickup_hour_sin"], np.sin(2 * np.pi * hours / 24))
    printed = run(r.to_code(), taxis)
    assert printed["r2"] == pytest.approx(r.metrics["r2"], abs=1e-12)
    tips = lw.datasets.load("tips")
    binned = preview_features(tips, "tip", {"bins": 4})
    assert "total_bill_3.0" in binned["names"]
    poly = preview_features(tips, "tip", {"poly": "interactions"})
    assert "total_bill size" in poly["names"]
    with pytest.raises(lw.TrainError, match="bins must be a whole number of bins"):
        lw.train(tips, target="tip", features={"bins": 1})


def test_two_text_columns_keep_apart_in_the_feature_names():
    from lepton_widgets.engine.models.train import preview_features

    sms = lw.datasets.load("sms_spam").head(600)
    sms["shout"] = sms["SMS"].str.upper()  # the same words in a second text column
    p = preview_features(sms, "Label", {"text": "tfidf"})
    assert len(p["names"]) == len(set(p["names"])) == p["shape"][1]
    assert any(n.startswith("text_SMS__") for n in p["names"])
    assert any(n.startswith("text_shout__") for n in p["names"])
    r = lw.train(sms, "Label", model="linear", features={"text": "tfidf"})
    assert r.metrics["accuracy"] > 0.9
