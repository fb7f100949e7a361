"""NLP tab state and messages without a browser: what the front end would see."""

from __future__ import annotations

import pandas as pd
import pytest

import lepton_widgets as lw


def message(panel, content: dict) -> None:
    panel._dispatch(panel, content, [])


@pytest.fixture(scope="module")
def sms() -> pd.DataFrame:
    return lw.datasets.load("sms_spam")


def test_nlp_tab_analyses_in_background(sms):
    before = sms.copy(deep=True)
    s = lw.Studio(sms)
    panel, c = s.nlp_panel, s.nlp_panel.controls
    assert (c.columns, c.groups, c.column, c.by) == (["SMS"], ["Label"], "SMS", "Label")
    assert (c.status, c.result, panel.chart.children) == ("idle", {}, ())
    message(c, {"type": "analyze", "column": "SMS", "by": "Label"})
    panel.wait(120)
    assert (c.status, c.error) == ("done", "")
    assert c.message == "analysed 5,574 rows"
    spam = next(k for k in c.result["keywords"] if k["group"] == "spam")
    assert [t["term"] for t in spam["terms"]][:2] == ["free", "txt"]
    titles = [f.title for f in panel.chart.children]
    assert titles == ["Keywords of SMS: ham (4,827 texts)", "Keywords of SMS: spam (747 texts)",
                      "Sentiment of SMS"]
    bars = panel.chart.children[1].marks[0]
    assert list(bars.x[:3]) == ["free", "txt", "ur"]  # the keywords, most frequent on top
    assert bars.y[0] == pytest.approx(100 * spam["terms"][0]["share"])  # 22.8% contain "free"
    assert list(bars.y) == sorted(bars.y, reverse=True)
    hist = panel.chart.children[2].marks[0]
    assert hist.y.sum() == 5574
    pd.testing.assert_frame_equal(sms, before)


def test_nlp_add_to_frame_is_recipe_steps(sms):
    s = lw.Studio(sms.head(200))
    c = s.nlp_panel.controls
    message(c, {"type": "add", "what": "sentiment", "column": "SMS"})
    message(c, {"type": "add", "what": "keywords", "column": "SMS", "top": 2})
    assert c.error == ""
    assert c.added == ["SMS_keywords"]
    assert [st.op for st in s.recipe.steps] == ["sentiment", "keywords"]
    assert "SMS_sentiment" in s.data.columns
    assert "row_keywords(df['SMS'], 2)" in s.code_panel.code
    assert "SMS_sentiment" in [col["name"] for col in s.data_panel.columns]
    message(c, {"type": "add", "what": "prediction", "column": "SMS", "by": "Label"})
    assert c.error == ""
    assert c.added == ["Label_predicted"]
    assert (s.data["Label_predicted"] == s.data["Label"]).mean() > 0.9
    assert "predict_text_label(df['SMS'], df['Label'], 30.0)" in s.code_panel.code
    message(c, {"type": "add", "what": "names", "column": "SMS"})
    assert c.error == ("cannot add 'names'; choose one of sentiment, entities, keywords, "
                       "prediction")
    s.undo()
    s.undo()
    assert [st.op for st in s.recipe.steps] == ["sentiment"]


def test_nlp_classifier_shortcut_uses_the_model_tab(sms):
    s = lw.Studio(sms)
    panel, c = s.nlp_panel, s.nlp_panel.controls
    message(c, {"type": "train", "column": "SMS", "by": "Label"})
    panel.wait(180)
    assert (c.status, c.error) == ("done", "")
    spam = next(r for r in c.classifier["per_class"] if r["class"] == "spam")
    assert spam["f1"] >= 0.90
    assert s.result is not None
    assert s.result.pipeline["model"].C == 30.0
    assert dict(s.model_panel.controls.metrics)["accuracy"] == pytest.approx(
        dict(c.classifier["metrics"])["accuracy"])
    assert "TfidfVectorizer" in s.code


def test_nlp_tab_says_what_is_wrong():
    s = lw.Studio(pd.DataFrame({"n": [1, 2, 3]}))
    c = s.nlp_panel.controls
    assert c.columns == []
    assert c.column == ""
    message(c, {"type": "analyze", "column": "", "by": ""})
    assert c.error == "this frame has no free-text column to analyse"
    message(c, {"type": "train", "column": "", "by": "n"})
    assert c.error == "this frame has no free-text column to analyse"
    s2 = lw.Studio(pd.DataFrame({"t": [f"text {i}" for i in range(60)], "n": range(60)}))
    message(s2.nlp_panel.controls, {"type": "train", "column": "t", "by": ""})
    assert s2.nlp_panel.controls.error == "choose the label to predict (group by) first"
    message(s2.nlp_panel.controls, {"type": "analyze", "column": "n", "by": ""})
    s2.nlp_panel.wait(30)
    assert s2.nlp_panel.controls.error == "column 'n' holds int64 values, not text"
    assert s2.nlp_panel.controls.status == "error"


def test_nlp_stop_ends_the_analysis(sms):
    big = sms.sample(n=60_000, replace=True, random_state=0).reset_index(drop=True)
    s = lw.Studio(big)
    panel, c = s.nlp_panel, s.nlp_panel.controls
    message(c, {"type": "analyze", "column": "SMS", "by": "Label"})
    message(c, {"type": "stop"})
    panel.wait(120)
    assert (c.status, c.message, c.result) == ("stopped", "stopped", {})
    assert panel.chart.children == ()
    message(c, {"type": "analyze", "column": "SMS", "by": "Label"})  # a new one runs
    panel.wait(120)
    assert c.status == "done"
    assert c.message == ("analysed a sample of 20,000 of 60,000 rows (counts and lengths use "
                         "every row)")


def test_text_classifier_from_the_features_and_model_tabs(sms):
    s = lw.Studio(sms)
    message(s.features_panel, {"type": "set", "options": {"text": "tfidf", "select": "",
                                                          "pca": ""}})
    controls = s.model_panel.controls
    message(controls, {"type": "train", "target": "Label", "model": "linear",
                       "params": {"C": "30"}})
    s.model_panel.wait(180)
    assert (controls.status, controls.error) == ("done", "")
    spam = next(r for r in controls.per_class if r["class"] == "spam")
    assert spam["f1"] == pytest.approx(0.916, abs=0.005)
    assert "TfidfVectorizer(max_features=500, min_df=2)" in s.code


@pytest.fixture(scope="module")
def sms_small(sms) -> pd.DataFrame:
    from sklearn.model_selection import train_test_split

    small, _ = train_test_split(sms, train_size=1500, stratify=sms["Label"], random_state=0)
    return small


def _row_matches(row: dict, result) -> None:
    assert row["accuracy"] == pytest.approx(result.metrics["accuracy"])
    assert row["balanced_accuracy"] == pytest.approx(result.metrics["balanced_accuracy"])
    assert row["f1_macro"] == pytest.approx(result.metrics["f1_macro"])
    assert row["f1"] == [[str(r["class"]), pytest.approx(r["f1"])] for r in result.per_class]
    assert row["test_rows"] == len(result.X_test) == 300


def test_nlp_leaderboard_compares_linear_and_text_network(sms_small):
    pytest.importorskip("torch")
    import json
    import time

    s = lw.Studio(sms_small)
    panel, c = s.nlp_panel, s.nlp_panel.controls
    assert [k for k, _, why in c.choices if not why] == ["tfidf_linear", "transformer", "gru"]
    message(c, {"type": "train", "column": "SMS", "by": "Label", "model": "tfidf_linear"})
    panel.wait(120)
    assert (c.status, c.error, len(c.board), c.board_for) == ("done", "", 1, "Label from SMS")
    assert panel.training.children == ()  # no loss chart for the linear model
    panel.train_classifier("SMS", "Label", model="transformer", params={"epochs": 3})
    panel.wait(120)
    assert (c.status, c.error) == ("done", "")
    assert [r["key"] for r in c.board] == sorted(
        ["tfidf_linear", "transformer"], key=lambda k: -panel.results[k].metrics[
            "balanced_accuracy"])
    for row in c.board:
        _row_matches(row, panel.results[row["key"]])
        assert row["seconds"] > 0
        assert row["stopped"] is False
    linear, net = panel.results["tfidf_linear"], panel.results["transformer"]
    pd.testing.assert_index_equal(linear.X_test.index, net.X_test.index)  # one split
    assert (net.pipeline[-1].arch, net.pipeline[-1].epochs) == ("transformer", 3)
    assert 1 <= len(panel.live.history) <= 3  # the loss chart filled, epoch by epoch
    assert panel.training.children == (panel.live.figure,)
    json.dumps(c.board)
    frame = panel.leaderboard
    assert list(frame.columns) == ["model", "accuracy", "balanced_accuracy", "f1_macro",
                                   "f1 ham", "f1 spam", "seconds", "stopped"]
    assert set(frame["model"]) == {"TF-IDF + logistic regression", "Text network (Transformer)"}
    assert frame["balanced_accuracy"].is_monotonic_decreasing

    # Stop during a long run: its row replaces the earlier one, marked as stopped early
    panel.train_classifier("SMS", "Label", model="transformer", params={"epochs": 200})
    deadline = time.monotonic() + 60
    while not panel.live.history and time.monotonic() < deadline:
        time.sleep(0.05)
    message(c, {"type": "stop"})
    assert c.message == "stopping after the current batch…"
    panel.wait(120)
    assert c.status == "stopped"
    assert c.message.startswith("stopped early: stopped by you during epoch")
    assert len(c.board) == 2
    row = next(r for r in c.board if r["key"] == "transformer")
    assert row["stopped"] is True
    _row_matches(row, panel.results["transformer"])
    assert panel.results["transformer"].pipeline[-1].n_epochs_ < 200


def test_nlp_leaderboard_replaces_a_retrained_model_and_starts_anew_per_label(sms_small):
    df = sms_small.assign(Length=(sms_small["SMS"].str.len() > 80).map({True: "long",
                                                                          False: "short"}))
    s = lw.Studio(df)
    panel, c = s.nlp_panel, s.nlp_panel.controls
    for _ in range(2):
        panel.train_classifier("SMS", "Label", background=False)
    assert (len(c.board), c.board_for) == (1, "Label from SMS")
    _row_matches(c.board[0], panel.results["tfidf_linear"])
    panel.train_classifier("SMS", "Length", background=False)
    assert (len(c.board), c.board_for) == (1, "Length from SMS")
    assert c.board[0]["f1"][0][0] == "long"
    assert list(panel.results) == ["tfidf_linear"]
    message(c, {"type": "train", "column": "SMS", "by": "Label", "model": "bert"})
    assert c.error == "no text classifier 'bert'; choose one of tfidf_linear, transformer, gru"


def test_nlp_text_networks_name_the_install_line_without_torch(no_torch, sms_small):
    s = lw.Studio(sms_small)
    c = s.nlp_panel.controls
    line = ("Text network (PyTorch Transformer on a text column) needs PyTorch: "
            "pip install 'lepton-widgets[torch]'")
    assert c.choices == [["tfidf_linear", "TF-IDF + logistic regression", ""],
                         ["transformer", "Text network (Transformer)", line],
                         ["gru", "Text network (GRU)", line]]
    message(c, {"type": "train", "column": "SMS", "by": "Label", "model": "gru"})
    assert (c.error, c.status, c.board) == (line, "idle", [])


def test_no_grouping_stays_chosen_when_the_data_changes(sms):
    s = lw.Studio(sms.head(200))
    c = s.nlp_panel.controls
    assert c.by == "Label"  # the label-like column to begin with
    c.by = ""  # the browser picked "(none)"
    s.add_step("drop_duplicates")
    assert c.by == ""
    c.by = "Label"
    s.add_step("drop_columns", columns=["Label"])
    assert c.groups == []
    assert c.by == ""  # its column is gone
