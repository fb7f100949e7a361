"""Every model in the catalogue fits, scores sensibly and exports code that reproduces it."""

from __future__ import annotations

import contextlib
import io

import pytest

import lepton_widgets as lw
from lepton_widgets.engine.models import MODELS


@pytest.fixture(scope="module")
def data():
    titanic = lw.datasets.load("titanic").drop(columns=["alive"])
    return {"classification": (titanic, "survived"),
            "regression": (lw.datasets.load("mpg"), "mpg"),
            "clustering": (lw.datasets.load("penguins").drop(columns=["species"]), None)}


FLOOR = {"classification": ("accuracy", 0.68), "regression": ("r2", 0.75),
         "clustering": ("silhouette", 0.05)}
# The pixel and text networks need images and free text: tests/test_torch.py covers them.
OWN_DATA = {"conv_network", "text_network"}
CASES = [(key, task) for key, entry in MODELS.items() for task in FLOOR if task in entry
         and key not in OWN_DATA]


@pytest.mark.parametrize(("key", "task"), CASES, ids=[f"{k}-{t}" for k, t in CASES])
def test_model_fits_and_code_reproduces(data, key, task):
    if MODELS[key].get("needs") == "torch":
        pytest.importorskip("torch", reason="needs the torch extra")
    df, target = data[task]
    result = lw.train(df, target=target, model=key)
    assert result.task == task
    name, floor = FLOOR[task]
    assert result.metrics[name] >= floor
    if task == "clustering":
        return
    out = io.StringIO()
    with contextlib.redirect_stdout(out):
        exec(compile(result.to_code(), "<model>", "exec"), {"df": df})
    printed = dict(line.rsplit(" ", 1) for line in out.getvalue().splitlines())
    first = "accuracy" if task == "classification" else "r2"
    assert float(printed[first]) == pytest.approx(result.metrics[first], abs=1e-12)


def test_wrong_model_for_the_task(data):
    df, _ = data["clustering"]
    with pytest.raises(lw.TrainError, match="Linear model needs a target"):
        lw.train(df, model="linear")
    with pytest.raises(lw.TrainError, match="no model 'naive_bayes' for regression"):
        lw.train(*data["regression"], model="naive_bayes")


def test_short_path_names_are_scikit_learn():
    from sklearn.linear_model import LinearRegression
    from sklearn.model_selection import train_test_split

    assert lw.LinearRegression is LinearRegression
    assert lw.train_test_split is train_test_split
    assert "RandomForestClassifier" in dir(lw)
    with pytest.raises(AttributeError):
        lw.NotAModel  # noqa: B018


@pytest.mark.parametrize("key", ["linear", "random_forest", "gradient_boosting", "knn", "svm"])
def test_save_and_load_give_identical_predictions(data, key, tmp_path):
    df, target = data["classification"]
    result = lw.train(df, target=target, model=key)
    path = result.save(tmp_path / "model.skops")
    loaded = lw.load_model(path)
    assert (loaded.predict(result.X_test) == result.pipeline.predict(result.X_test)).all()


def test_loading_refuses_unknown_types(tmp_path):
    import skops.io as sio
    from sklearn.preprocessing import FunctionTransformer

    path = tmp_path / "odd.skops"
    sio.dump(FunctionTransformer(func=np_roll), path)
    with pytest.raises(ValueError, match="holds types lepton does not know to be safe"):
        lw.load_model(path)
    assert lw.load_model(path, trusted=[f"{__name__}.np_roll"]) is not None


def np_roll(x):
    return x
