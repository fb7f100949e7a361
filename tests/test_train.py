from __future__ import annotations

import contextlib
import io

import numpy as np
import pandas as pd
import pytest
from sklearn.pipeline import Pipeline

import lepton_widgets as lw
from lepton_widgets.engine.models import TrainingStopped, detect_task
from lepton_widgets.engine.models.train import leakage_notes


def run_code(code: str, df: pd.DataFrame) -> dict[str, float]:
    """Execute exported model code; return the printed metrics."""
    out = io.StringIO()
    with contextlib.redirect_stdout(out):
        exec(compile(code, "<model>", "exec"), {"df": df})
    return {line.rsplit(" ", 1)[0]: float(line.rsplit(" ", 1)[1])
            for line in out.getvalue().splitlines()}


@pytest.fixture(scope="module")
def titanic_clean():
    df = lw.datasets.load("titanic")
    return lw.Recipe().add("drop_columns", columns=["alive"]).apply(df)


def test_titanic_classification(titanic_clean):
    before = titanic_clean.copy(deep=True)
    r = lw.train(titanic_clean, target="survived", model="random_forest")
    pd.testing.assert_frame_equal(titanic_clean, before)
    assert r.task == "classification"
    assert isinstance(r.pipeline, Pipeline)
    assert 0.78 <= r.metrics["accuracy"] <= 0.92
    assert set(r.metrics) == {"accuracy", "balanced_accuracy", "f1_macro", "roc_auc"}
    assert len(r.y_test) == 179  # 20% held out
    assert np.sum(r.confusion) == 179
    assert r.classes == [0, 1]
    # the drivers rank real columns; sex/who/adult_male carry the signal on titanic
    assert set(r.drivers["feature"]) == set(r.plan.features)
    assert r.drivers.iloc[0]["feature"] in {"sex", "who", "adult_male"}
    # exported code refits the same pipeline and reproduces the metric exactly
    printed = run_code(r.to_code(), titanic_clean)
    assert printed["accuracy"] == pytest.approx(r.metrics["accuracy"], abs=1e-12)


def test_auto_leaderboard(titanic_clean):
    r = lw.train(titanic_clean, target="survived")
    board = r.leaderboard
    assert list(board["model"]) == sorted(board["model"], key=lambda m: -board.set_index(
        "model").loc[m, "cv_balanced_accuracy"])
    assert set(board["model"]) == {"linear", "random_forest", "gradient_boosting"}
    assert r.model == board.iloc[0]["model"]
    assert board["cv_balanced_accuracy"].between(0.7, 0.9).all()


def test_fitted_on_training_split_only(titanic_clean):
    r = lw.train(titanic_clean, target="survived", model="linear")
    scaler = r.pipeline.named_steps["prepare"].named_transformers_["numeric"]["scale"]
    train_idx = titanic_clean.index.difference(r.X_test.index)
    train_fare = titanic_clean.loc[train_idx, "fare"]
    fare_pos = r.plan.numeric.index("fare")
    assert scaler.mean_[fare_pos] == pytest.approx(train_fare.mean())
    assert scaler.mean_[fare_pos] != pytest.approx(titanic_clean["fare"].mean())


def test_mpg_regression_and_code():
    mpg = lw.datasets.load("mpg")
    r = lw.train(mpg, target="mpg", model="linear")
    assert r.task == "regression"
    assert 0.75 <= r.metrics["r2"] <= 0.95
    assert r.metrics["rmse"] >= r.metrics["mae"] > 0
    assert any("'name' left out: free text" in n for n in r.notes)
    printed = run_code(r.to_code(), mpg)
    assert printed["r2"] == pytest.approx(r.metrics["r2"], abs=1e-12)


def test_leakage_warning(titanic):
    r = lw.train(titanic, target="survived", model="linear")
    assert any(n.startswith("'alive' predicts the target 100% of the time") for n in r.notes)


def test_clustering_without_target():
    penguins = lw.datasets.load("penguins")
    r = lw.train(penguins.drop(columns=["species"]))
    assert r.task == "clustering"
    assert r.metrics["clusters"] == 3
    assert 0.2 < r.metrics["silhouette"] < 1
    assert len(r.y_pred) == len(penguins)


def test_task_detection():
    assert detect_task(pd.Series([0, 1, 1, 0] * 10)) == "classification"
    assert detect_task(pd.Series(np.linspace(0, 1, 40))) == "regression"
    assert detect_task(pd.Series(["a", "b"] * 20)) == "classification"
    assert detect_task(pd.Series(range(100))) == "regression"


def test_bad_targets():  # D04, D13
    with pytest.raises(lw.TrainError, match="no rows to train on"):
        lw.train(pd.DataFrame({"x": [], "y": []}), target="y")
    one = pd.DataFrame({"x": range(20), "y": ["a"] * 20})
    with pytest.raises(lw.TrainError, match="target 'y' has only one class"):
        lw.train(one, target="y")
    with pytest.raises(lw.TrainError, match="target 'nope' is not a column"):
        lw.train(one, target="nope")
    inf = pd.DataFrame({"x": [1.0, np.inf] * 10, "y": [0, 1] * 10})
    with pytest.raises(lw.TrainError, match="column 'x' holds 10 infinite values"):
        lw.train(inf, target="y")


def test_missing_target_rows_dropped_and_counted():
    rng = np.random.default_rng(0)
    df = pd.DataFrame({"x": rng.normal(size=200)})
    df["y"] = 3 * df["x"] + rng.normal(scale=0.1, size=200)
    df.loc[:9, "y"] = np.nan
    r = lw.train(df, target="y", model="linear")
    assert "10 rows with missing 'y' were left out" in r.notes
    assert len(r.y_test) == 38  # 20% of the 190 labelled rows
    assert r.metrics["r2"] > 0.99


def test_imbalanced_target_warns():  # D13, 99:1
    rng = np.random.default_rng(1)
    df = pd.DataFrame({"x": rng.normal(size=1000), "y": [1] * 10 + [0] * 990})
    r = lw.train(df, target="y", model="linear")
    assert any("target 'y' is imbalanced: class 1 is 1.0% of rows" in n for n in r.notes)
    assert "balanced_accuracy" in r.metrics


def test_stop_before_any_model(titanic_clean):
    with pytest.raises(TrainingStopped):
        lw.train(titanic_clean, target="survived", should_stop=lambda: True)


def test_progress_reported(titanic_clean):
    seen = []
    lw.train(titanic_clean, target="survived", model="linear",
             on_progress=lambda f, m: seen.append((f, m)))
    assert seen[-1] == (1.0, "done")
    assert [f for f, _ in seen] == sorted(f for f, _ in seen)


def test_short_path_helpers():
    from lepton_widgets import metrics

    assert metrics.r2_score([1, 2, 3], [1, 2, 3]) == 1.0
    assert metrics.accuracy_score([0, 1], [0, 0]) == 0.5
    fig = lw.plot(np.arange(5.0), np.arange(5.0) + 1, title="mpg")
    assert fig.title == "mpg"
    assert list(fig.marks[1].x) == [0.0, 1.0, 2.0, 3.0, 4.0]


def test_nullable_and_odd_inputs_train():  # D07, D10 and family
    rng = np.random.default_rng(3)
    n = 200
    x = rng.normal(size=n)
    df = pd.DataFrame({
        "flag": pd.array(np.where(rng.random(n) < 0.1, None, x > 0), dtype="boolean"),
        "count": pd.array(np.where(rng.random(n) < 0.1, None, rng.integers(0, 5, n)),
                          dtype="Int64"),
        "word": pd.array(np.where(x > 0, "up", None), dtype="string"),
        "mixed": pd.Series([1, "a", None, 2.5] * (n // 4), dtype=object),
        "bucket": pd.cut(x, 3),
        "y": 2 * x + rng.normal(scale=0.1, size=n),
    })
    r = lw.train(df, target="y", model="linear")
    assert set(r.plan.categorical) == {"flag", "word", "mixed", "bucket"}
    assert r.metrics["r2"] > 0.8
    printed = run_code(r.to_code(), df)
    assert printed["r2"] == pytest.approx(r.metrics["r2"], abs=1e-12)
    clusters = lw.train(df.drop(columns=["y"]))
    assert clusters.metrics["clusters"] == 3


def test_object_and_interval_targets():
    rng = np.random.default_rng(4)
    x = rng.normal(size=120)
    df = pd.DataFrame({"x": x, "y": pd.Series([v > 0 for v in x], dtype=object)})
    df.loc[0, "y"] = None
    r = lw.train(df, target="y", model="linear")
    assert r.classes == ["False", "True"]
    assert r.metrics["accuracy"] > 0.9
    printed = run_code(r.to_code(), df)
    assert printed["accuracy"] == pytest.approx(r.metrics["accuracy"], abs=1e-12)
    inf = pd.DataFrame({"x": x, "y": np.where(x > 2, np.inf, x)})
    with pytest.raises(lw.TrainError, match=f"target 'y' holds {int((x > 2).sum())} infinite"):
        lw.train(inf, target="y")


def test_id_like_categories_left_out_and_caps_reported():  # D12
    n = 2000
    rng = np.random.default_rng(5)
    df = pd.DataFrame({"id": pd.Categorical([f"id{i}" for i in range(n)]),
                       "city": pd.Categorical(rng.integers(0, 40, n).astype(str)),
                       "x": rng.normal(size=n)})
    df["y"] = df["x"] * 2
    r = lw.train(df, target="y", model="linear")
    assert ("'id' left out: looks like an identifier (2,000 distinct values in 2,000 rows)"
            in r.notes)
    assert ("'city' has 40 levels: one-hot keeps the 19 most frequent, the rest share one "
            "'infrequent' column") in r.notes
    assert r.pipeline[:-1].transform(df.head(5)).shape[1] == 1 + 20


def test_drivers_in_plain_words():
    t = lw.datasets.load("titanic").drop(columns=["alive", "who", "adult_male", "class",
                                                  "embark_town"])
    r = lw.train(t, target="survived", model="random_forest")
    first = r.driver_summary[0]
    imp = r.drivers.iloc[0]["importance"]
    assert first.startswith(f"sex matters most: shuffling it costs {imp:.3f} accuracy")
    test = t.loc[r.X_test.index]
    women = (test.loc[test["sex"] == "female", "survived"] == 1).mean()
    assert f"survived = 1 in {women:.0%} of rows where sex is female" in first
    mpg = lw.train(lw.datasets.load("mpg"), target="mpg", model="linear")
    assert any("goes with" in s for s in mpg.driver_summary)


def test_curves_and_charts(titanic_clean):
    from sklearn.metrics import roc_auc_score

    from lepton_widgets.widgets.model import ModelPanel

    r = lw.train(titanic_clean, target="survived", model="linear")
    (roc,) = r.curves["roc"]
    assert roc["auc"] == pytest.approx(r.metrics["roc_auc"])
    proba = r.pipeline.predict_proba(r.X_test)[:, 1]
    assert roc["auc"] == pytest.approx(roc_auc_score(r.y_test, proba))
    assert (roc["x"][0], roc["y"][0], roc["x"][-1], roc["y"][-1]) == (0.0, 0.0, 1.0, 1.0)
    assert len(roc["x"]) <= 200
    (pr,) = r.curves["pr"]
    assert 0.5 < pr["ap"] <= 1
    titles = [f.title for f in ModelPanel.figures(r)]
    assert titles == ["Confusion matrix (rows: actual, columns: predicted)", "ROC curve",
                      "Precision-recall curve"]
    three = lw.train(lw.datasets.load("penguins"), target="species", model="linear")
    assert [c["label"] for c in three.curves["roc"]] == ["Adelie", "Chinstrap", "Gentoo"]
    mpg = lw.train(lw.datasets.load("mpg"), target="mpg", model="linear")
    residuals = ModelPanel.figures(mpg)[1].marks[1]
    expected = (mpg.y_test.to_numpy() - mpg.y_pred)
    assert sorted(residuals.y.tolist()) == pytest.approx(sorted(expected.tolist()))
    clusters = lw.train(lw.datasets.load("penguins").drop(columns=["species"]))
    fig = ModelPanel.figures(clusters)[0]
    assert sum(len(m.x) for m in fig.marks) == len(clusters.y_pred)


def test_dates_become_parts_inside_the_pipeline(tmp_path):
    taxis = lw.datasets.load("taxis").drop(columns=["total"])
    r = lw.train(taxis, target="tip", model="linear")
    assert r.plan.dates == ["pickup", "dropoff"]
    names = list(r.pipeline[:-1].get_feature_names_out())
    assert names[-10:-5] == ["pickup_year", "pickup_month", "pickup_day", "pickup_weekday",
                             "pickup_hour"]
    parts = r.pipeline["prepare"].named_transformers_["dates"]["parts"].transform(
        taxis[["pickup", "dropoff"]])
    assert parts["pickup_hour"].tolist()[:2] == [float(h) for h in taxis["pickup"].dt.hour[:2]]
    printed = run_code(r.to_code(), taxis)
    assert printed["r2"] == pytest.approx(r.metrics["r2"], abs=1e-12)
    loaded = lw.load_model(r.save(tmp_path / "taxis.skops"))
    assert (loaded.predict(r.X_test) == r.pipeline.predict(r.X_test)).all()


def test_leaderboard_streams_and_time_order_warns(titanic_clean):
    boards = []
    lw.train(titanic_clean, target="survived", on_board=boards.append)
    assert [len(b) for b in boards] == [1, 2, 3]
    assert boards[-1][0]["cv_balanced_accuracy"] >= boards[-1][-1]["cv_balanced_accuracy"]
    flights = lw.datasets.load("flights")
    flights["when"] = pd.to_datetime(flights["year"].astype(str) + "-"
                                     + flights["month"].astype(str), format="%Y-%B")
    r = lw.train(flights.drop(columns=["month"]), target="passengers", model="linear")
    assert any(n.startswith("rows are in time order by 'when'") for n in r.notes)


def test_auto_respects_its_time_budget(titanic_clean):
    r = lw.train(titanic_clean, target="survived", time_budget=0.0)
    assert len(r.leaderboard) == 1  # the first candidate always runs
    assert "the 0 s time budget ran out after 1 of 3 models" in r.notes


def test_leakage_notes_numbers_codes_and_odd_columns():
    rng = np.random.default_rng(0)
    y = pd.Series(rng.normal(size=500), name="y")
    X = pd.DataFrame({"copy": y * 3 + 1e-4 * rng.normal(size=500),   # leaks
                      "noise": rng.normal(size=500),
                      "const": 1.0,                                     # no correlation at all
                      "lists": [[i % 3] for i in range(500)]})          # unhashable: skipped
    X.loc[::7, "copy"] = np.nan
    notes = leakage_notes(X, y)
    assert len(notes) == 1
    assert notes[0].startswith("'copy' nearly equals the target (correlation 1.000)")
    labels = pd.Series(["a", "b", None, "a"] * 50)
    code = pd.Series(["x", "y", "z", "x"] * 50)  # decides every known label
    assert leakage_notes(pd.DataFrame({"code": code}), labels)[0].startswith(
        "'code' predicts the target 100% of the time")
    noisy = code.where(np.arange(200) % 10 != 0, "y")  # one row in ten says the wrong thing
    assert leakage_notes(pd.DataFrame({"code": noisy}), labels) == []


def test_a_classifier_no_better_than_guessing_says_so():
    rng = np.random.default_rng(1)
    df = pd.DataFrame({"x": rng.normal(size=400), "city": rng.choice(["a", "b", "c"], 400),
                       "y": rng.choice(["yes", "no"], 400)})
    r = lw.train(df, target="y", model="linear")
    assert r.metrics["balanced_accuracy"] < 0.55
    assert any(n.startswith(f"balanced accuracy is {r.metrics['balanced_accuracy']:.2f} on "
                            "the test split, about what guessing gives (0.50 with 2 classes)")
               for n in r.notes)
    good = lw.train(lw.datasets.load("penguins"), target="species", model="linear")
    assert not any("guessing" in n for n in good.notes)
