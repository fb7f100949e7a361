"""NLP engine: right values on small hand-made texts, gaps, odd scripts, and sms_spam."""

from __future__ import annotations

import json

import numpy as np
import pandas as pd
import pytest

import lepton_widgets as lw
from lepton_widgets.engine import nlp
from lepton_widgets.engine.nlp.helpers import count_entities, row_keywords, sentiment_scores

TEXTS = pd.Series(["I love this phone, it is great!", "Terrible, awful service.", None, "",
                   "The weather is a table."], name="review")


@pytest.fixture(scope="module")
def sms() -> pd.DataFrame:
    return lw.datasets.load("sms_spam")


def run_code(recipe: lw.Recipe, df: pd.DataFrame) -> pd.DataFrame:
    namespace: dict = {}
    exec(compile(recipe.to_code(), "<recipe>", "exec"), namespace)
    return namespace["transform"](df)


def test_sentiment_sign_and_gaps():
    scores = sentiment_scores(TEXTS)
    assert scores.index.equals(TEXTS.index)
    assert scores[0] == pytest.approx(0.8622, abs=1e-4)  # VADER compound
    assert scores[1] < -0.5
    assert np.isnan(scores[2])        # missing text: no score, row kept
    assert scores[3] == 0.0           # empty text: neutral
    assert scores[4] == 0.0           # no sentiment words
    out = nlp.sentiment(TEXTS)
    assert (out["scored"], out["missing"]) == (4, 1)
    assert (out["positive"], out["neutral"], out["negative"]) == (1, 2, 1)
    assert out["most_positive"][0]["row"] == 0
    assert out["most_negative"][0]["row"] == 1
    twice = nlp.sentiment(pd.Series(["bad", "bad", "good", "fine"], index=[7, 8, 9, 10]))
    assert [x["row"] for x in twice["most_negative"]] == [7, 10, 9]  # the repeat is skipped
    assert sum(out["histogram"]["counts"]) == 4


def test_sentiment_per_group():
    groups = pd.Series(["a", "b", "a", "b", "a"])
    by = {g["group"]: g for g in nlp.sentiment(TEXTS, groups)["by_group"]}
    assert by["a"]["texts"] == 2  # row 2 (missing) has no score
    assert by["a"]["mean"] == pytest.approx((sentiment_scores(TEXTS)[0] + 0.0) / 2)
    assert by["b"]["negative"] == 0.5


def test_entity_spans_are_exact():
    text = ("Mail ann.lee@mail.co.uk or see https://ex.com/a?b=1. Call +44 20 7946 0958 on "
            "2024-05-11, win £1,000 or 50% off at 150p/msg #win @bob, 12/05/24, 5th May 2024")
    found = nlp.find_entities(text)
    assert [(e["kind"], e["text"]) for e in found] == [
        ("email", "ann.lee@mail.co.uk"), ("url", "https://ex.com/a?b=1"),
        ("phone", "+44 20 7946 0958"), ("date", "2024-05-11"), ("money", "£1,000"),
        ("percent", "50%"), ("money", "150p"), ("hashtag", "#win"), ("mention", "@bob"),
        ("date", "12/05/24"), ("date", "5th May 2024")]
    for e in found:
        assert text[e["start"]:e["end"]] == e["text"]
    assert found[0]["start"] == 5
    assert found[0]["end"] == 23


def test_entities_not_recognised_stay_out():
    # names, times, bare domains, amounts in words, "may" as a verb, short numbers
    text = "John may 2 come at 10:30 to example.com with ten pounds, code 87121"
    assert nlp.find_entities(text) == []
    assert nlp.find_entities(None) == []
    assert nlp.find_entities("") == []


def test_entity_counts_per_row_and_total():
    s = pd.Series(["www.a.com and www.b.org", None, "", "£5 or $10", "#a #b #c"])
    out = nlp.entities(s)
    kinds = {k["kind"]: k for k in out["kinds"]}
    assert (kinds["url"]["total"], kinds["url"]["rows"]) == (2, 1)
    assert kinds["money"]["total"] == 2
    assert kinds["hashtag"]["top"] == [["#a", 1], ["#b", 1], ["#c", 1]]
    assert kinds["email"]["total"] == 0
    step = count_entities(s, list(nlp.ENTITY_KINDS))  # what the entity_counts step adds
    assert [int(step[k].sum()) for k in nlp.ENTITY_KINDS] == [k["total"] for k in out["kinds"]]


def test_keywords_vocabulary_and_groups():
    s = pd.Series(["cheap pills cheap", "meeting at noon", None, "", "cheap offer"])
    groups = pd.Series(["spam", "ham", "ham", "ham", "spam"])
    out = nlp.keywords(s, groups)
    overall, *by = out
    assert overall["group"] is None
    assert overall["texts"] == 5
    # stop words ("at") removed; missing and empty texts are zero vectors
    assert sorted(t["term"] for t in overall["terms"]) == ["cheap", "meeting", "noon", "offer",
                                                            "pills"]
    spam = next(e for e in by if e["group"] == "spam")
    assert next(t["term"] for t in spam["terms"]) == "cheap"
    assert spam["terms"][0]["share"] == 1.0
    ham = next(e for e in by if e["group"] == "ham")
    assert ham["texts"] == 3
    assert {t["term"] for t in ham["terms"]} == {"meeting", "noon"}


def test_row_keywords_keep_rows_aligned():
    s = pd.Series(["cheap pills cheap", None, "", "the and of", "meeting at noon"],
                  index=[10, 11, 12, 13, 14])
    out = row_keywords(s, 1)
    assert out.index.equals(s.index)
    assert out.tolist() == ["cheap", None, "", "", "meeting"]  # tie: alphabetical
    assert row_keywords(pd.Series(["the", None]), 2).tolist() == ["", None]  # no terms at all


def test_text_profile_counts():
    s = pd.Series(["a b c", "a b c", None, " ", "hello world", "Hello world!"])
    p = nlp.text_profile(s)
    assert (p["rows"], p["missing"], p["empty"], p["distinct"], p["duplicates"]) == (
        6, 1, 1, 3, 1)
    assert p["words"]["max"] == 3
    assert p["chars"]["min"] == 1
    assert p["top_terms"] == [["hello", 2], ["world", 2]]  # one-letter words are no terms
    assert p["repeated"] == [["a b c", 2]]


def test_non_english_and_emoji_do_not_crash():
    s = pd.Series(["Très bien, merci 😀", "Отлично! 👍👍", "素晴らしい製品です", "🔥🔥🔥", None])
    out = nlp.analyze(s.to_frame("t"), "t")
    json.dumps(out, allow_nan=False)
    assert out["profile"]["missing"] == 1
    terms = {t["term"] for t in out["keywords"][0]["terms"]}
    assert {"très", "bien", "отлично"} <= terms
    assert out["sentiment"]["scored"] == 4


def test_text_columns_and_refusals(sms):
    assert nlp.text_columns(sms) == ["SMS"]
    ids = pd.DataFrame({"id": [f"a{i:04x}9f" for i in range(200)],
                        "mail": [f"user{i}@x.org" for i in range(200)],
                        "note": [f"call me at {i} pm" for i in range(200)],
                        "one word": [f"word{i % 120}" for i in range(200)]})
    assert nlp.text_columns(ids) == ["note", "one word"]  # not ids: words repeat
    assert nlp.group_columns(sms, exclude=["SMS"]) == ["Label"]
    with pytest.raises(nlp.TextError, match="'n' holds int64 values, not text"):
        nlp.analyze(pd.DataFrame({"n": [1, 2]}), "n")
    with pytest.raises(lw.StepError, match="'nope'"):
        nlp.analyze(sms, "nope")
    with pytest.raises(nlp.TextError, match="group by a column with at most 20"):
        nlp.analyze(sms, "SMS", by="SMS")


def test_analyze_samples_big_columns():
    s = pd.Series([f"good day number {i}" if i % 2 else None for i in range(300)])
    df = pd.DataFrame({"t": s, "g": ["x", "y", "z"] * 100})
    out = nlp.analyze(df, "t", "g", sample_rows=100)
    assert out["sample"] == 100
    assert out["rows"] == 300
    assert out["profile"]["missing"] == 150            # counts: every row
    assert out["sentiment"]["scored"] + out["sentiment"]["missing"] == 100  # the sample
    assert out["profile"]["terms_sampled"] is True


def test_steps_add_columns_and_export_exactly():
    df = pd.DataFrame({"it's text": ["I love it! www.x.com", None, "", "awful, call 0800 123 4567"],
                       "y": [1, 0, 0, 1]}, index=[5, 3, 9, 1])
    before = df.copy(deep=True)
    recipe = (lw.Recipe().add("sentiment", columns=["it's text"])
              .add("entity_counts", columns=["it's text"], kinds=["url", "phone"])
              .add("keywords", columns=["it's text"], top=2))
    out = recipe.apply(df)
    assert out.columns.tolist() == ["it's text", "y", "it's text_sentiment", "it's text_url",
                                    "it's text_phone", "it's text_keywords"]
    assert out["it's text_url"].tolist() == [1, 0, 0, 0]
    assert out["it's text_phone"].tolist() == [0, 0, 0, 1]
    assert out["it's text_sentiment"].iloc[0] > 0 > out["it's text_sentiment"].iloc[3]
    assert np.isnan(out["it's text_sentiment"].iloc[1])
    assert out["it's text_keywords"].tolist()[1:3] == [None, ""]
    pd.testing.assert_frame_equal(run_code(recipe, df), out)
    again = lw.Recipe.from_json(recipe.to_json())
    pd.testing.assert_frame_equal(again.apply(df), out)
    assert json.loads(recipe.to_json())["steps"][1] == {
        "op": "entity_counts", "columns": ["it's text"], "kinds": ["url", "phone"]}
    pd.testing.assert_frame_equal(df, before)


def test_steps_refuse_clearly():
    df = pd.DataFrame({"n": [1, 2], "t": ["a", "b"]})
    with pytest.raises(lw.StepError, match="'n' holds int64 values; NLP steps need text"):
        lw.Recipe().add("sentiment", columns=["n"]).apply(df)
    with pytest.raises(lw.StepError, match="unknown entity kinds \\['names'\\]"):
        lw.Recipe().add("entity_counts", columns=["t"], kinds=["names"])
    with pytest.raises(lw.StepError, match="from 1 to 20"):
        lw.Recipe().add("keywords", columns=["t"], top=0)


def test_tfidf_text_feature_with_gaps_d14():  # bad-inputs D14: rows aligned, zero vectors
    words = [f"good movie {i % 60}" if i % 2 else f"bad film {i % 60}" for i in range(90)]
    df = pd.DataFrame({"t": [None if i % 9 == 0 else "" if i % 9 == 1 else w
                             for i, w in enumerate(words)],
                       "y": ["pos" if i % 2 else "neg" for i in range(90)]})
    assert nlp.text_columns(df) == ["t"]
    result = lw.train(df, target="y", model="linear", features={"text": "tfidf"})
    X = result.pipeline[:-1].transform(df[["t"]])
    assert X.shape[0] == len(df)                 # every row kept, in order
    blank = df["t"].isna() | (df["t"] == "")
    assert np.allclose(np.asarray(X)[blank.to_numpy()], 0.0)   # zero vectors
    assert (np.abs(np.asarray(X)[~blank.to_numpy()]).sum(axis=1) > 0).all()


def test_sms_spam_classifier_f1(sms):
    result = lw.train(sms, target="Label", model="linear", features={"text": "tfidf"},
                      params={"C": 30.0})
    spam = next(r for r in result.per_class if r["class"] == "spam")
    assert spam["f1"] >= 0.90
    assert spam["f1"] == pytest.approx(0.916, abs=0.005)


def test_sms_spam_analysis(sms):
    out = nlp.analyze(sms, "SMS", "Label")
    spam = next(e for e in out["keywords"] if e["group"] == "spam")
    assert [t["term"] for t in spam["terms"]][:3] == ["free", "txt", "mobile"]
    means = {g["group"]: g["mean"] for g in out["sentiment"]["by_group"]}
    assert means["spam"] > means["ham"] > 0   # spam promises prizes: words VADER likes
    kinds = {k["kind"]: k for k in out["entities"]["kinds"]}
    assert kinds["url"]["total"] == 108
    assert kinds["money"]["top"][0] == ["150p", 82]
    by = {g["group"]: g for g in out["entities"]["by_group"]}
    assert by["spam"]["phone"] == pytest.approx(0.5636, abs=1e-4)  # share with a phone number
    assert by["ham"]["phone"] < 0.001
    assert out["profile"]["duplicates"] == 403
    sentiment = out["sentiment"]
    assert sentiment["histogram"]["counts"][10] == sentiment["neutral"] == 1904  # middle band
    assert len(json.dumps(out)) < 20_000  # small enough for a widget trait


def test_predict_label_step_fills_unlabelled_rows(sms):
    df = sms.copy()
    df.loc[::10, "Label"] = None          # every tenth label hidden
    before = df.copy(deep=True)
    recipe = lw.Recipe().add("predict_label", columns=["SMS"], target="Label")
    out = recipe.apply(df)
    hidden = out.index[::10]
    accuracy = (out.loc[hidden, "Label_predicted"] == sms.loc[hidden, "Label"]).mean()
    assert accuracy == pytest.approx(0.977, abs=0.005)   # rows the model never saw
    pd.testing.assert_frame_equal(run_code(recipe, df), out)
    assert json.loads(recipe.to_json())["steps"][0] == {
        "op": "predict_label", "columns": ["SMS"], "target": "Label", "C": 30.0}
    pd.testing.assert_frame_equal(lw.Recipe.from_json(recipe.to_json()).apply(df), out)
    pd.testing.assert_frame_equal(df, before)


def test_predict_label_refuses_clearly():
    df = pd.DataFrame({"t": ["a b", "c d"], "y": ["x", "x"]})
    with pytest.raises(lw.StepError, match="label 'y' needs at least two classes"):
        lw.Recipe().add("predict_label", columns=["t"], target="y").apply(df)
    with pytest.raises(lw.StepError, match="choose the label column"):
        lw.Recipe().add("predict_label", columns=["t"])
    with pytest.raises(lw.StepError, match="C must be a positive number"):
        lw.Recipe().add("predict_label", columns=["t"], target="y", C=0)
    two = pd.DataFrame({"t": ["alpha", "beta"], "y": ["x", "z"]})  # no word appears twice
    with pytest.raises(lw.StepError, match="cannot learn 'y' from 't'"):
        lw.Recipe().add("predict_label", columns=["t"], target="y").apply(two)
