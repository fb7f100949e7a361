"""Widget state and messages without a browser: what the front end would see."""

from __future__ import annotations

import json

import numpy as np
import pandas as pd
import pyarrow as pa
import pytest

import lepton_widgets as lw
from lepton_widgets.engine import transport


def message(panel, content: dict) -> list:
    """Send a front-end message to a panel; return what it sent back."""
    sent: list = []
    panel.send = lambda content, buffers=None: sent.append((content, buffers))
    panel._dispatch(panel, content, [])
    return sent


def initial_state_bytes(widget) -> int:
    state = widget.get_state()
    state.pop("_esm", None)
    state.pop("_css", None)
    return len(json.dumps(state, default=str))


def test_studio_opens_on_titanic(titanic):
    before = titanic.copy(deep=True)
    s = lw.Studio(titanic)
    assert s.tabs.titles == ("Data", "Clean", "Features", "NLP", "Model", "Charts", "Code")
    assert s.data_panel.shape == [891, 15]
    assert [c["name"] for c in s.data_panel.columns][:3] == ["survived", "pclass", "sex"]
    assert s.data_panel.profile_status == "ready"
    assert s.data_panel.findings[0]["text"].startswith("deck is missing in 77%")
    total = sum(initial_state_bytes(w) for w in (s.data_panel, s.clean_panel, s.features_panel,
                                                 s.nlp_panel.controls, s.model_panel.controls,
                                                 s.charts_panel.controls, s.code_panel))
    assert total < transport.MAX_INITIAL_STATE_BYTES
    pd.testing.assert_frame_equal(titanic, before)


def test_grid_page_message(titanic):
    s = lw.Studio(titanic, page_size=20)
    sent = message(s.data_panel, {"type": "page", "id": "v:1", "offset": 20, "limit": 20,
                                  "col_offset": 0, "sort": [3, False]})
    (content, buffers), = sent
    assert content["id"] == "v:1"
    assert content["rows"] == 20
    assert content["n_rows"] == 891
    table = pa.ipc.open_stream(bytes(buffers[0])).read_all().to_pydict()
    ages = [float(a) for a in table["c3"]]
    assert ages == sorted(titanic["age"].dropna(), reverse=True)[20:40]
    assert len(buffers[0]) < transport.MAX_MESSAGE_BYTES


def test_clean_preview_add_undo_redo(titanic):
    before = titanic.copy(deep=True)
    s = lw.Studio(titanic)
    clean = s.clean_panel
    step = {"op": "fill_missing", "columns": ["age"], "strategy": "median"}
    message(clean, {"type": "preview", "step": step})
    assert clean.preview["cells_changed"] == 177
    assert clean.steps == []  # a preview adds nothing
    message(clean, {"type": "add", "step": step})
    assert clean.steps == [{"op": "fill_missing", "description": "Fill missing age by median"}]
    assert clean.can_undo
    assert not clean.can_redo
    age = next(c for c in s.data_panel.profiles if c["name"] == "age")
    assert age["missing"] == 0
    assert "df['age'] = fill_missing(df['age'], 'median')" in s.code_panel.code
    message(clean, {"type": "undo"})
    assert clean.steps == []
    assert clean.can_redo
    assert next(c for c in s.data_panel.profiles if c["name"] == "age")["missing"] == 177
    message(clean, {"type": "redo"})
    assert s.data["age"].isna().sum() == 0
    pd.testing.assert_frame_equal(titanic, before)


def test_clean_ui_values_and_errors(titanic):
    s = lw.Studio(titanic)
    clean = s.clean_panel
    message(clean, {"type": "add", "step": {"op": "fill_missing", "columns": ["age"],
                                           "strategy": "constant", "value": "30"}})
    assert s.recipe.steps[0].value == 30
    assert s.data["age"].isna().sum() == 0
    message(clean, {"type": "add", "step": {"op": "fill_missing", "columns": ["sex"],
                                           "strategy": "mean"}})
    assert clean.error == ("column 'sex' is categorical, not numeric: mean needs numbers; "
                           "use mode or constant")
    assert len(s.recipe) == 1  # the failed step was not added
    message(clean, {"type": "add", "step": {"op": "fill_missing", "columns": ["fare"],
                                           "strategy": "constant", "value": "lots"}})
    assert clean.error == "column 'fare' holds numbers; 'lots' is not a number"
    message(clean, {"type": "preview", "step": {"op": "cast", "columns": ["embarked"],
                                               "to": "numeric"}})
    assert clean.preview["notes"] == [
        "embarked: 889 values could not be read as numeric ('S', 'C', 'Q'); now missing"]
    message(clean, {"type": "add", "step": {"op": "drop_columns", "columns": []}})
    assert clean.error == "choose at least one column to drop"
    message(clean, {"type": "explode"})
    assert clean.error == "unknown request 'explode'"


def test_model_panel_trains_in_background(titanic):
    s = lw.Studio(titanic)
    s.add_step("drop_columns", columns=["alive"])
    controls = s.model_panel.controls
    message(controls, {"type": "train", "target": "survived", "model": "linear"})
    s.model_panel.wait(60)
    assert controls.status == "done", controls.error
    metrics = dict(controls.metrics)
    assert 0.75 <= metrics["accuracy"] <= 0.9
    assert controls.confusion["classes"] == ["0", "1"]
    assert sum(map(sum, controls.confusion["matrix"])) == 179
    assert controls.drivers[0][0] in {"sex", "who", "adult_male"}
    assert controls.summary[0].startswith(f"{controls.drivers[0][0]} matters most: shuffling it")
    fig = s.model_panel.chart.children[0]
    assert fig.marks[0].color.sum() == 179  # the bqplot confusion heat map
    assert "LogisticRegression" in s.code_panel.code


def test_model_panel_errors_in_words():
    df = pd.DataFrame({"x": range(20), "y": ["a"] * 20})
    s = lw.Studio(df)
    controls = s.model_panel.controls
    message(controls, {"type": "train", "target": "y", "model": "auto"})
    s.model_panel.wait(30)
    assert controls.status == "error"
    assert controls.error == "target 'y' has only one class ('a'); nothing to learn"


def test_regression_chart_and_python_api():
    mpg = lw.datasets.load("mpg")
    s = lw.Studio(mpg)
    r = s.train("mpg", model="linear")
    assert r.task == "regression"
    fig = s.model_panel.chart.children[0]
    scatter = fig.marks[1]
    assert len(scatter.x) == len(r.y_test)
    assert fig.axes[0].label == "actual"
    assert dict(s.model_panel.controls.metrics)["r2"] == pytest.approx(r.metrics["r2"])


def test_update_and_append_refresh(titanic):
    s = lw.Studio(titanic.head(100))
    s.add_step("fill_missing", columns=["age"], strategy="median")
    s.update(titanic)
    assert s.data_panel.shape == [891, 15]
    assert s.data["age"].isna().sum() == 0
    s.append(titanic.head(9))
    assert s.data_panel.shape == [900, 15]
    assert s.data.index[-1] == 899


def test_bad_frames_open():  # bad-inputs: the Studio opens on each and shows the true shape
    cols = pd.MultiIndex.from_tuples([("m", "int"), ("m", "str")])
    frames = {
        "dup": pd.DataFrame([[1, "x"], [2, "y"]], columns=["a", "a"]),
        "multi": pd.DataFrame([[1, "a"], [2, "b"]], columns=cols),
        "empty": pd.DataFrame({"a": [], "b": []}),
        "nothing": pd.DataFrame(),
        "html": pd.DataFrame({"<img src=x onerror=alert(1)>": ["<script>alert(2)</script>"]}),
    }
    for name, df in frames.items():
        s = lw.Studio(df)
        assert s.data_panel.shape == list(df.shape), name
        assert s.data_panel.error == "", name


def test_clean_constants_exact_and_checked():
    df = pd.DataFrame({"big": pd.array([1, None], dtype="Int64"),
                       "small": pd.array([1, None], dtype="Int8"),
                       "when": pd.to_datetime(["2021-01-01", None]),
                       "a": [1.0, None]})
    s = lw.Studio(df)
    clean = s.clean_panel
    message(clean, {"type": "add", "step": {"op": "fill_missing", "columns": ["big"],
                                           "strategy": "constant", "value": "9007199254740993"}})
    assert s.data["big"].tolist() == [1, 9007199254740993]
    message(clean, {"type": "preview", "step": {"op": "fill_missing", "columns": ["small"],
                                               "strategy": "constant", "value": "1.5"}})
    assert clean.error == "column 'small' holds whole numbers; '1.5' is not one"
    message(clean, {"type": "preview", "step": {"op": "fill_missing", "columns": ["small"],
                                               "strategy": "constant", "value": "1000"}})
    assert clean.error.startswith("cannot fill column 'small' with 1000")
    message(clean, {"type": "add", "step": {"op": "fill_missing", "columns": ["when"],
                                           "strategy": "constant", "value": "2021-05-11"}})
    assert s.data["when"].tolist()[1] == pd.Timestamp("2021-05-11")
    dup = lw.Studio(pd.DataFrame([[1.0, None]], columns=["a", "a"]))
    message(dup.clean_panel, {"type": "add", "step": {"op": "fill_missing", "columns": ["a"],
                                                     "strategy": "constant", "value": "0"}})
    assert dup.clean_panel.error.startswith("column 'a' appears 2 times")
    assert len(s.recipe) == 2


def test_model_panel_resets_and_explains(titanic):
    s = lw.Studio(titanic.drop(columns=["alive"]))
    s.add_step("fill_missing", columns=["age"], strategy="median")
    s.train(None)
    controls = s.model_panel.controls
    assert dict(controls.metrics)["clusters"] == 3
    assert controls.message.endswith("on all rows")
    message(controls, {"type": "train", "target": "age", "model": "linear"})
    assert controls.metrics == [] or controls.status == "done"  # cleared at start
    s.model_panel.wait(60)
    assert controls.status == "done"
    assert any(n.startswith("step 1 filled missing 'age' values") for n in controls.notes)
    r = s.train("survived", model="linear")
    assert [row["class"] for row in controls.per_class] == ["0", "1"]
    assert controls.per_class[1]["support"] == 69
    assert r.per_class[1]["recall"] == pytest.approx(controls.per_class[1]["recall"])


def test_findings_offer_their_fix(titanic):
    s = lw.Studio(titanic)
    findings = s.data_panel.findings
    deck = next(i for i, f in enumerate(findings) if f["text"].startswith("deck is missing"))
    assert findings[deck]["fix"] == "Drop columns deck"
    message(s.data_panel, {"type": "fix", "index": deck})
    assert s.recipe.steps[-1].describe() == "Drop columns deck"
    assert s.data_panel.shape == [891, 14]
    assert s.clean_panel.steps[-1]["description"] == "Drop columns deck"
    dup = next(i for i, f in enumerate(s.data_panel.findings) if "repeat an earlier row"
               in f["text"])
    message(s.data_panel, {"type": "fix", "index": dup})
    assert s.data_panel.shape[0] == len(titanic.drop(columns="deck").drop_duplicates())
    message(s.data_panel, {"type": "fix", "index": 999})
    assert "no suggested step" in s.data_panel.error


def test_wide_frame_profiles_in_background_with_progress():
    import time

    import numpy as np

    df = pd.DataFrame(np.random.default_rng(0).normal(size=(50, 450)))
    s = lw.Studio(df)
    panel = s.data_panel
    assert panel.profiling  # the Studio is there at once; the profile follows
    seen = set()
    deadline = time.time() + 120
    while panel.profiling and time.time() < deadline:
        seen.add(panel.profile_status)
        time.sleep(0.05)
    assert not panel.profiling
    assert any(st.startswith("profiling columns") for st in seen)
    assert len(panel.profiles) == 300
    assert panel.profile_status == ("cards for the first 300 of 450 columns; "
                                    "lepton_widgets.profile(df) has them all")


def test_recipe_save_and_load_in_the_clean_tab(titanic):
    s = lw.Studio(titanic)
    s.add_step("fill_missing", columns=["age"], strategy="median")
    s.add_step("drop_columns", columns=["deck"])
    saved = s.clean_panel.recipe_json
    assert lw.Recipe.from_json(saved).to_dict() == s.recipe.to_dict()
    fresh = lw.Studio(lw.datasets.load("titanic"))
    message(fresh.clean_panel, {"type": "load", "json": saved})
    assert fresh.clean_panel.error == ""
    assert [st["description"] for st in fresh.clean_panel.steps] == [
        "Fill missing age by median", "Drop columns deck"]
    pd.testing.assert_frame_equal(fresh.data, s.data)
    fresh.add_step("sort", by=["fare"])
    message(fresh.clean_panel, {"type": "load", "json": saved})  # replaces 3 steps with 2
    assert fresh.clean_panel.replaced_steps == 3
    message(fresh.clean_panel, {"type": "restore"})
    assert [st["description"] for st in fresh.clean_panel.steps][-1] == "Sort by fare (ascending)"
    assert fresh.clean_panel.replaced_steps == 0
    # the same recipe on data without 'age': a clear error, the old recipe stays
    other = lw.Studio(titanic.drop(columns=["age"]))
    message(other.clean_panel, {"type": "load", "json": saved})
    assert other.clean_panel.error == ("step 1 (Fill missing age by median): column 'age' is "
                                       "not in the data")
    assert other.recipe.steps == []
    message(other.clean_panel, {"type": "load", "json": "{not json"})
    assert other.clean_panel.error.startswith("not a lepton recipe: this is not JSON (")
    assert other.clean_panel.error.count("lepton recipe") == 1


def test_model_settings_from_the_panel(titanic):
    s = lw.Studio(titanic.drop(columns=["alive"]))
    controls = s.model_panel.controls
    names = [x["name"] for x in controls.settings["random_forest"]]
    assert names == ["n_estimators", "max_depth", "min_samples_leaf"]
    message(controls, {"type": "train", "target": "survived", "model": "random_forest",
                       "params": {"max_depth": "3", "n_estimators": "40"}})
    s.model_panel.wait(60)
    assert controls.status == "done", controls.error
    assert s.result.pipeline[-1].get_params()["max_depth"] == 3
    assert "max_depth=3" in s.code_panel.code
    message(controls, {"type": "train", "target": "survived", "model": "random_forest",
                       "params": {"max_depth": "deep"}})
    s.model_panel.wait(60)
    assert controls.error == "max_depth must be a number, not 'deep'"


def test_features_tab_preview_and_use(titanic):
    s = lw.Studio(titanic.drop(columns=["alive"]))
    assert s.tabs.titles == ("Data", "Clean", "Features", "NLP", "Model", "Charts", "Code")
    panel = s.features_panel
    message(panel, {"type": "preview", "target": "survived",
                    "options": {"scale": "minmax", "encode": "ordinal", "select": "", "pca": ""}})
    assert panel.error == ""
    assert panel.preview["n_features"] == 13
    assert panel.preview["rows"] == 712
    assert panel.preview["names"][:2] == ["pclass", "age"]
    message(panel, {"type": "set", "options": {"pca": "3", "select": ""}})
    r = s.train("survived", model="linear")
    assert r.pipeline["pca"].n_components == 3
    assert "PCA(n_components=3" in s.code_panel.code
    message(panel, {"type": "set", "options": {"pca": "lots"}})
    assert panel.error == "pca must be a whole number of features, not 'lots'"


def test_neural_network_fills_the_live_loss_chart():
    pytest.importorskip("torch")
    from sklearn.datasets import load_digits

    s = lw.Studio(load_digits(as_frame=True).frame.sample(500, random_state=0))
    controls, panel = s.model_panel.controls, s.model_panel
    assert [x["name"] for x in controls.settings["neural_network"]] == [
        "learning_rate", "epochs", "batch_size", "hidden_layer_sizes"]
    message(controls, {"type": "train", "target": "target", "model": "neural_network",
                       "params": {"epochs": "4", "hidden_layer_sizes": "32, 16"}})
    panel.wait(60)
    assert controls.status == "done", controls.error
    net = s.result.pipeline[-1]
    assert net.hidden_layer_sizes == (32, 16)
    assert panel.chart.children[0] is panel.live.figure  # the curves stay above the results
    live = panel.live
    assert live.train.x.tolist() == [1.0, 2.0, 3.0, 4.0]
    assert live.train.y.tolist() == pytest.approx([h["train_loss"] for h in net.history_])
    assert live.val.y.tolist() == pytest.approx([h["val_loss"] for h in net.history_])
    assert panel.live.metric.y.tolist() == pytest.approx([h["metric"] for h in net.history_])
    assert panel.live.metric.labels == ["validation accuracy"]
    assert panel.live.figure.title.startswith("Neural network (PyTorch): epoch 4, train loss")
    assert controls.notes[-1].startswith("trained all 4 epochs; kept the weights of epoch")
    assert "NeuralNetClassifier(hidden_layer_sizes=(32, 16), epochs=4)" in s.code_panel.code


def test_training_chart_redraws_at_most_every_quarter_second():
    from lepton_widgets.widgets.training_chart import TrainingChart

    chart = TrainingChart(every=0.25)
    for epoch in range(1, 51):  # 50 epochs reported within a few milliseconds
        chart.push({"epoch": epoch, "train_loss": 1 / epoch, "val_loss": None, "metric": None,
                    "metric_name": "r2"}, on_main=lambda fn: fn())
    assert chart.redraws == 1  # the first epoch drew at once; the rest waited
    assert chart.train.x.tolist() == [1.0]
    chart.flush()
    assert chart.train.x.tolist() == list(map(float, range(1, 51)))
    assert chart.train.y[-1] == pytest.approx(1 / 50)
    assert chart.val.y.size == 0  # no validation split: no validation curve
    chart.reset("again")
    chart.push({"epoch": 1, "train_loss": 0.5, "val_loss": 0.7, "metric": 0.9,
                "metric_name": "accuracy"}, on_main=lambda fn: fn())
    assert (chart.train.y.tolist(), chart.val.y.tolist()) == ([0.5], [0.7])  # one epoch


def test_model_tab_names_the_install_line_without_torch(no_torch):
    s = lw.Studio(lw.datasets.load("tips"))
    controls = s.model_panel.controls
    labels = dict(controls.models)
    assert labels["neural_network"] == ("Neural network (PyTorch) needs PyTorch: "
                                        "pip install 'lepton-widgets[torch]'")
    assert labels["random_forest"] == "Random forest"
    message(controls, {"type": "train", "target": "tip", "model": "neural_network"})
    s.model_panel.wait(30)
    assert controls.status == "error"
    assert controls.error == labels["neural_network"]


def test_stop_during_a_network_keeps_a_model_that_predicts():
    pytest.importorskip("torch")
    import time

    from sklearn.datasets import load_digits

    s = lw.Studio(load_digits(as_frame=True).frame.sample(500, random_state=0))
    panel, controls = s.model_panel, s.model_panel.controls
    message(controls, {"type": "train", "target": "target", "model": "neural_network",
                       "params": {"epochs": "1000", "batch_size": "8"}})
    deadline = time.monotonic() + 60
    while not panel.live.history and time.monotonic() < deadline:
        time.sleep(0.05)
    message(controls, {"type": "stop"})
    assert controls.message == "stopping after the current batch…"
    panel.wait(60)
    assert controls.status == "done", controls.error
    net = s.result.pipeline[-1]
    assert net.stopped_ == "stopped"
    assert 1 <= net.n_epochs_ < 1000
    assert controls.notes[-1].startswith(f"stopped by you during epoch {net.n_epochs_} of 1000")
    assert dict(controls.metrics)["accuracy"] > 0.5  # usable: far above 10% chance


def test_fix_by_finding_text_or_row(titanic):
    s = lw.Studio(titanic)
    texts = s.findings["text"].tolist()
    deck = "deck is missing in 77% of rows (688 of 891)"
    assert deck in texts
    s.fix(deck)
    assert s.recipe.steps[-1].describe() == "Drop columns deck"
    with pytest.raises(ValueError, match=r"has no suggested step; see studio\.findings"):
        s.fix("no such finding")
    skewed = s.findings["text"].tolist().index("fare is strongly right-skewed (skew 4.8)")
    with pytest.raises(ValueError, match=f"finding {skewed} has no suggested step"):
        s.fix(skewed)


def test_auto_leaderboard_bars_follow_the_board(titanic):
    s = lw.Studio(titanic.drop(columns=["alive"]))
    s.train("survived", model="auto")
    board = s.result.leaderboard.sort_values("cv_balanced_accuracy", ascending=False)
    streamed = s.model_panel.board_figure.marks[0]  # the figure filled while training
    assert list(streamed.x) == board["label"].tolist()
    np.testing.assert_allclose(streamed.y, board["cv_balanced_accuracy"].to_numpy())
    final = s.model_panel.chart.children[-1]
    assert final.title == "Leaderboard: 3 models, best first"
    assert list(final.marks[0].x) == board["label"].tolist()
    assert final.axes[1].label == "balanced accuracy (cross-validated)"
    s.train("survived", model="linear")  # one model: no leaderboard chart
    assert all(not getattr(f, "title", "").startswith("Leaderboard")
               for f in s.model_panel.chart.children)
