"""PyTorch networks: right scores on real data, scikit-learn's contract, save/load, Stop,
seeds, and the install line when torch is missing (that test runs without torch too)."""

from __future__ import annotations

import contextlib
import io

import numpy as np
import pandas as pd
import pytest
from sklearn.datasets import load_digits
from sklearn.metrics import f1_score
from sklearn.model_selection import train_test_split
from sklearn.utils.estimator_checks import parametrize_with_checks

import lepton_widgets as lw
from lepton_widgets.engine.models import torch_estimators as te
from lepton_widgets.engine.models.registry import check_params, missing_extra

INSTALL = "pip install 'lepton-widgets[torch]'"


def test_without_torch_the_error_names_the_install_line(no_torch):
    assert not te.torch_available()
    assert missing_extra("neural_network") == f"Neural network (PyTorch) needs PyTorch: {INSTALL}"
    assert missing_extra("random_forest") is None
    df = lw.datasets.load("tips")
    with pytest.raises(lw.TrainError, match=r"needs PyTorch: pip install 'lepton-widgets\["):
        lw.train(df, "tip", model="neural_network")
    with pytest.raises(ImportError, match=r"lepton-widgets\[torch\]"):
        te.NeuralNetClassifier().fit(np.zeros((4, 2)), [0, 1, 0, 1])
    # the settings form still lists the model's settings: reading defaults needs no torch
    assert te.NeuralNetClassifier().get_params()["epochs"] == 30


def test_text_network_settings_and_the_hint_towards_it():
    assert check_params("text_network", "classification", {"arch": "gru"}) == {"arch": "gru"}
    with pytest.raises(ValueError, match="arch must be one of transformer, lstm, gru, not 'cnn'"):
        check_params("text_network", "classification", {"arch": "cnn"})
    spam = lw.datasets.load("sms_spam")
    with pytest.raises(lw.TrainError, match="; or choose the text network, which reads free"):
        lw.train(spam, "Label", model="neural_network")


def test_layer_sizes_are_read_from_the_settings_form():
    assert check_params("neural_network", "regression",
                        {"hidden_layer_sizes": "32, 16", "epochs": "5"}) == {
        "hidden_layer_sizes": (32, 16), "epochs": 5}
    with pytest.raises(ValueError, match="hidden_layer_sizes takes 1 to 5 layer widths"):
        check_params("neural_network", "regression", {"hidden_layer_sizes": ""})
    with pytest.raises(ValueError, match="must be a whole number from 1 to 4096, not '0'"):
        check_params("neural_network", "regression", {"hidden_layer_sizes": "8,0"})


# --- everything below needs torch ---------------------------------------------------------
@pytest.fixture(scope="module")
def torch():
    torch = pytest.importorskip("torch")
    threads = torch.get_num_threads()
    torch.set_num_threads(1)  # 2 shared cores: more threads only fight each other
    yield torch
    torch.set_num_threads(threads)


@pytest.fixture(scope="module")
def digits():
    X, y = load_digits(return_X_y=True)
    return train_test_split(X / 16.0, y, test_size=0.25, random_state=0, stratify=y)


def test_cnn_reaches_095_on_held_out_digits(torch, digits):
    X_train, X_test, y_train, y_test = digits
    cnn = te.ConvNetClassifier(image_shape=(8, 8), channels=(8, 16), epochs=12,
                               learning_rate=3e-3).fit(X_train, y_train)
    assert cnn.score(X_test, y_test) >= 0.95
    assert cnn.module_config_["shape"] == [1, 8, 8]
    proba = cnn.predict_proba(X_test)
    assert proba.shape == (len(X_test), 10)
    np.testing.assert_allclose(proba.sum(axis=1), 1.0, rtol=1e-6)
    assert list(cnn.classes_) == list(range(10))
    with pytest.raises(ValueError, match="image_shape \\(7, 7\\) holds 49 pixels but rows have 64"):
        te.ConvNetClassifier(image_shape=(7, 7), epochs=1).fit(X_train, y_train)


@pytest.fixture(scope="module")
def spam():
    df = lw.datasets.load("sms_spam")
    return train_test_split(df[["SMS"]], df["Label"], test_size=0.2, random_state=0,
                            stratify=df["Label"])


def test_text_network_reaches_090_spam_f1(torch, spam):
    X_train, X_test, y_train, y_test = spam
    net = te.TextNetClassifier(arch="gru", hidden=32, epochs=4).fit(X_train, y_train)
    assert f1_score(y_test, net.predict(X_test), pos_label="spam") >= 0.90
    assert 5000 < len(net.vocabulary_) < 9000  # built from the training rows only
    assert set(net.predict(["WINNER!! claim your free prize now, call 0800"])) == {"spam"}


def test_transformer_learns_spam_from_the_model_tab_route(torch, spam):
    X_train, _, y_train, _ = spam
    df = pd.concat([X_train, y_train], axis=1).iloc[:1500]
    df["id"] = range(len(df))
    result = lw.train(df, "Label", model="text_network", params={"epochs": 2})
    assert result.plan.text == ["SMS"]
    assert "'id' left out: the text network reads only the free-text columns" in result.notes
    assert result.metrics["roc_auc"] > 0.8
    assert isinstance(result.pipeline[-1], te.TextNetClassifier)
    assert result.pipeline[-1].arch == "transformer"
    assert "where it is" not in " ".join(result.driver_summary)  # no "levels" of free text


@pytest.mark.parametrize("arch", ["transformer", "lstm"])
def test_empty_and_missing_texts_get_real_probabilities(torch, arch):
    X = pd.DataFrame({"t": ["good day", "bad day", "", None, "good", "bad"] * 10})
    y = ["p", "n", "p", "n", "p", "n"] * 10
    net = te.TextNetClassifier(arch=arch, epochs=2).fit(X, y)
    proba = net.predict_proba(pd.DataFrame({"t": ["", "good", None, "zzz unknown words"]}))
    assert np.isfinite(proba).all()
    np.testing.assert_allclose(proba.sum(axis=1), 1.0)
    np.testing.assert_array_equal(proba[0], proba[2])  # missing text reads as empty text


def test_a_frame_without_text_gets_a_clear_message(torch):
    with pytest.raises(lw.TrainError, match="the text network needs a free-text column"):
        lw.train(lw.datasets.load("tips"), "sex", model="text_network")


def test_same_seed_same_network_other_seed_another(torch, digits):
    X_train, X_test, y_train, _ = digits
    make = lambda seed: te.NeuralNetClassifier(epochs=3, random_state=seed).fit(  # noqa: E731
        X_train, y_train).predict_proba(X_test)
    first = make(0)
    np.testing.assert_array_equal(first, make(0))
    assert not np.array_equal(first, make(1))


def test_stop_ends_after_the_batch_and_keeps_usable_weights(torch, digits):
    X_train, X_test, y_train, y_test = digits
    batches = []

    def stop_after_30() -> bool:
        return len(batches) >= 30

    epochs = []
    with te.training_hooks(on_epoch=epochs.append, on_batch=lambda *a: batches.append(a),
                           should_stop=stop_after_30):
        net = te.NeuralNetClassifier(epochs=50, batch_size=32).fit(X_train, y_train)
    assert len(batches) == 30
    assert batches[-1][:2] == (1, 30)  # epoch 1, batch 30 of 38
    assert batches[0][2:] == (38, 50)
    assert (net.stopped_, net.n_epochs_, len(epochs)) == ("stopped", 1, 1)
    assert epochs[0]["epoch"] == 1
    assert epochs[0]["val_loss"] is not None
    assert net.score(X_test, y_test) > 0.5  # 10 classes: far better than chance


def test_early_stopping_restores_the_best_epoch(torch, digits):
    X_train, _, y_train, _ = digits
    net = te.NeuralNetClassifier(epochs=200, learning_rate=0.05, patience=2).fit(
        X_train, y_train)
    losses = [h["val_loss"] for h in net.history_]
    assert net.stopped_ == "early_stopping"
    assert net.n_epochs_ < 200
    assert net.best_epoch_ == int(np.argmin(losses)) + 1
    assert net.n_epochs_ == net.best_epoch_ + 2


def test_regressor_predicts_in_target_units(torch):
    rng = np.random.default_rng(0)
    X = rng.normal(size=(400, 3))
    y = 1000 + 50 * X[:, 0] - 20 * X[:, 1]
    net = te.NeuralNetRegressor(epochs=60, learning_rate=0.01).fit(X[:300], y[:300])
    assert net.score(X[300:], y[300:]) > 0.95
    assert abs(net.predict(X[300:]).mean() - y[300:].mean()) < 10


def test_save_and_load_give_identical_predictions(torch, digits, tmp_path):
    X_train, X_test, y_train, _ = digits
    for net in (te.NeuralNetClassifier(epochs=2, hidden_layer_sizes=(16, 8)),
                te.ConvNetClassifier(epochs=1, channels=(4, 8))):
        net.fit(X_train, y_train.astype(str))
        back = te.load_network(te.save_network(net, tmp_path / "net.pt"))
        assert type(back) is type(net)
        assert back.get_params() == net.get_params()
        np.testing.assert_array_equal(back.predict_proba(X_test), net.predict_proba(X_test))
        assert back.classes_.dtype == net.classes_.dtype
    (tmp_path / "evil.pt").write_bytes(b"not a network")
    with pytest.raises(Exception):  # noqa: B017,PT011 - torch's own unpickling error
        te.load_network(tmp_path / "evil.pt")


def test_pipeline_with_a_network_saves_through_skops_and_code_retrains_it(torch, tmp_path):
    df = load_digits(as_frame=True).frame.sample(600, random_state=0)
    seen = []
    result = lw.train(df, "target", model="conv_network", params={"epochs": 3},
                      on_epoch=seen.append)
    assert [r["epoch"] for r in seen] == [1, 2, 3]
    assert result.notes[-1] == ("trained all 3 epochs; kept the weights of epoch 3 (lowest "
                                "validation loss)")
    loaded = lw.load_model(result.save(tmp_path / "cnn.skops"))  # no trusted=... needed
    np.testing.assert_array_equal(loaded.predict_proba(result.X_test),
                                  result.pipeline.predict_proba(result.X_test))
    code = result.to_code()
    assert "ConvNetClassifier(image_shape=None, epochs=3)" in code
    out = io.StringIO()
    with contextlib.redirect_stdout(out):
        exec(code, {"df": df})
    printed = dict(line.rsplit(" ", 1) for line in out.getvalue().splitlines())
    assert float(printed["accuracy"]) == pytest.approx(result.metrics["accuracy"])


SMALL = {"epochs": 20, "learning_rate": 0.01, "hidden_layer_sizes": (16,)}


@parametrize_with_checks([te.NeuralNetClassifier(**SMALL), te.NeuralNetRegressor(**SMALL)])
def test_sklearn_estimator_checks(estimator, check, torch):
    check(estimator)


def test_cnn_reads_images_held_as_arrays_in_cells(torch, tmp_path):
    digits = load_digits()
    df = pd.DataFrame({"image": list(digits.images), "digit": digits.target,
                       "note": ["x"] * len(digits.target)})
    result = lw.train(df, "digit", model="conv_network",
                      params={"epochs": 8, "learning_rate": 0.003})
    assert result.plan.images == ["image"]
    assert "'note' left out: the convolutional network reads only the image column" in \
        result.notes
    assert result.metrics["accuracy"] >= 0.93
    net = result.pipeline[-1]
    assert net.cell_shape_ == [8, 8]
    assert net.module_config_["shape"] == [1, 8, 8]
    loaded = lw.load_model(result.save(tmp_path / "cells.skops"))
    np.testing.assert_array_equal(loaded.predict_proba(result.X_test),
                                  result.pipeline.predict_proba(result.X_test))
    back = te.load_network(te.save_network(net, tmp_path / "cells.pt"))
    np.testing.assert_array_equal(back.predict_proba(result.X_test[["image"]]),
                                  net.predict_proba(result.X_test[["image"]]))
    with pytest.raises(ValueError, match=r"images of shape \(4, 4\); the network was trained"):
        net.predict(pd.DataFrame({"image": [np.zeros((4, 4))]}))
    odd = df.iloc[:200].copy()
    odd["image"] = [np.zeros((4, 4)), *odd["image"].iloc[1:]]
    with pytest.raises(ValueError, match=r"the images have different shapes: \(4, 4\), \(8, 8\)"):
        lw.train(odd, "digit", model="conv_network", params={"epochs": 1})
