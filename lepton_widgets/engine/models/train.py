"""train(df, target): split, build a leak-free Pipeline, fit, score, explain."""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import asdict, dataclass, field
from pathlib import Path

import numpy as np
import pandas as pd
from sklearn.inspection import permutation_importance
from sklearn.model_selection import KFold, StratifiedKFold, cross_val_score, train_test_split

from .. import metrics as mt
from ..kinds import column_kind
from ..labels import display_name
from .explain import driver_sentences
from .persist import save_pipeline
from .pipeline import (
    MAX_ONEHOT_LEVELS,
    FeatureOptions,
    FeaturePlan,
    TrainError,
    build_pipeline,
    image_plan,
    pipeline_code,
    plan_features,
    text_plan,
)
from .registry import AUTO_CANDIDATES, MODELS, check_params, missing_extra, model_spec
from .torch_estimators import training_hooks

MAX_CLASSES = 50          # an integer target with more levels than this is a regression
IMBALANCE_SHARE = 0.05    # minority class below this share gets a warning
CHANCE_MARGIN = 0.05      # balanced accuracy within this of guessing gets a warning
DRIVER_ROWS = 2000        # permutation importance runs on at most this many test rows
SILHOUETTE_ROWS = 5000    # silhouette (pairwise distances) on at most this many rows
CV_ROWS = 10_000          # auto mode cross-validates on at most this many training rows
MAX_AGGLOMERATIVE_ROWS = 20_000
CV_SCORING = {"regression": "r2", "classification": "balanced_accuracy"}
MAIN_METRIC = {"regression": "r2", "classification": "accuracy", "clustering": "silhouette"}

Progress = Callable[[float, str], None]
PROGRESS_EVERY = 0.25     # seconds between batch-progress reports of a network (<= 4/s)


class TrainingStopped(RuntimeError):
    """Stop was pressed before any model finished."""


@dataclass
class TrainResult:
    """A fitted model and everything measured about it."""

    task: str
    target: str | None
    model: str
    pipeline: object
    metrics: dict
    leaderboard: pd.DataFrame
    plan: FeaturePlan
    X_test: pd.DataFrame
    y_test: pd.Series | None
    y_pred: np.ndarray
    classes: list = field(default_factory=list)
    confusion: list = field(default_factory=list)
    per_class: list = field(default_factory=list)
    curves: dict = field(default_factory=dict)  # ROC and precision-recall, classification
    notes: list[str] = field(default_factory=list)
    settings: dict = field(default_factory=dict)
    _drivers: pd.DataFrame | None = field(default=None, repr=False)

    @property
    def drivers(self) -> pd.DataFrame:
        """Input columns ranked by permutation importance on the test split (computed on
        first use: it costs several predictions per column)."""
        if self._drivers is None:
            if self.y_test is None:
                self._drivers = pd.DataFrame(columns=["feature", "importance", "std"])
            else:
                self._drivers = _drivers(self.pipeline, self.X_test, self.y_test, self.task,
                                         self.settings.get("random_state", 0))
        return self._drivers

    @property
    def driver_summary(self) -> list[str]:
        """What drives the target in plain words, with the numbers (test split)."""
        if self.y_test is None:
            return []
        return driver_sentences(self.drivers, self.X_test, self.y_test, self.task,
                                MAIN_METRIC[self.task], self.classes)

    @property
    def main_metric(self) -> tuple[str, float]:
        name = MAIN_METRIC[self.task]
        return name, self.metrics[name]

    @property
    def predictions(self) -> pd.DataFrame:
        """Held-out rows: actual and predicted values, in test-split order."""
        if self.y_test is None:
            return pd.DataFrame({"cluster": self.y_pred}, index=self.X_test.index)
        return pd.DataFrame({"actual": self.y_test, "predicted": self.y_pred},
                            index=self.y_test.index)

    def __repr__(self) -> str:
        name, value = self.main_metric
        return (f"TrainResult(task={self.task!r}, model={self.model!r}, "
                f"{name}={value:.4f}, features={len(self.plan.features)})")

    def save(self, path: str | Path) -> Path:
        """Save the fitted Pipeline (skops format; load with ``lepton_widgets.load_model``)."""
        return save_pipeline(self.pipeline, path)

    def to_code(self, data: str = "df") -> str:
        """Source that rebuilds, refits and scores the same Pipeline on ``data``."""
        s = self.settings
        spec = model_spec(self.model, self.task, s.get("params"))
        lines = ["import numpy as np", "from sklearn import metrics",
                 "from sklearn.model_selection import train_test_split",
                 *pipeline_code(self.plan, spec, FeatureOptions.of(s.get("features")),
                                self.task), ""]
        cols = self.plan.features
        if self.task == "clustering":
            lines += [f"X = {data}[{cols!r}]", "labels = pipeline.fit_predict(X)",
                      'print("silhouette", metrics.silhouette_score('
                      'pipeline[:-1].transform(X), labels))']
            return "\n".join(lines) + "\n"
        lines += [
            f"data = {data}[{data}[{self.target!r}].notna()]",
            f"X, y = data[{cols!r}], data[{self.target!r}]"
            + (".astype(str)" if s.get("label_text") else ""),
            "X_train, X_test, y_train, y_test = train_test_split(",
            f"    X, y, test_size={s['test_size']!r}, random_state={s['random_state']!r}, "
            f"stratify={'y' if s['stratify'] else 'None'})",
            "pipeline.fit(X_train, y_train)",
            "y_pred = pipeline.predict(X_test)",
        ]
        if self.task == "regression":
            lines += ['print("r2", metrics.r2_score(y_test, y_pred))',
                      'print("mae", metrics.mean_absolute_error(y_test, y_pred))']
        else:
            lines += ['print("accuracy", metrics.accuracy_score(y_test, y_pred))',
                      'print("balanced accuracy", metrics.balanced_accuracy_score(y_test, '
                      'y_pred))']
        return "\n".join(lines) + "\n"


def needs_text_labels(y: pd.Series) -> bool:
    """Class labels scikit-learn cannot sort as they are (objects, categories) become text."""
    return y.dtype == object or isinstance(y.dtype, pd.CategoricalDtype)


def detect_task(y: pd.Series) -> str:
    """Regression for continuous numbers, classification for labels and small integer sets."""
    kind = column_kind(y)
    if kind == "numeric":
        values = y.dropna()
        floats = values.to_numpy(dtype="float64")
        floats = floats[np.isfinite(floats)]
        integral = y.dtype.kind in "iu" or str(y.dtype).startswith(("Int", "UInt")) or bool(
            np.all(np.mod(floats, 1) == 0))
        if integral and values.nunique() <= min(MAX_CLASSES, max(2, len(values) // 10)):
            return "classification"
        return "regression"
    if kind in ("boolean", "categorical", "text"):
        return "classification"
    raise TrainError(f"target {display_name(y.name)!r} is {kind}; pick a numeric or "
                     "categorical column")


def preview_features(df: pd.DataFrame, target: str | None = None,
                     features: FeatureOptions | dict | None = None, test_size: float = 0.2,
                     random_state: int = 0) -> dict:
    """The features a model would see: names and shape after the preparation steps,
    fitted on the same training split ``train`` uses (no model is fitted)."""
    options = FeatureOptions.of(features)
    data = df if target is None else df[df[target].notna()]
    plan = plan_features(data if target is None else data.drop(columns=[target]), options)
    X = data[plan.features]
    y = None if target is None else data[target]
    task = "clustering" if target is None else detect_task(y)
    if target is not None:
        X, _, y, _ = train_test_split(X, y, test_size=test_size, random_state=random_state)
    prepare = build_pipeline(plan, ("sklearn.dummy", "DummyRegressor", {}), options,
                             task)[:-1]
    if task == "classification" and needs_text_labels(y):
        y = y.astype(str)
    out = prepare.fit_transform(X, y)
    names = [str(n) for n in prepare.get_feature_names_out()]
    return {"names": names, "shape": [int(out.shape[0]), int(out.shape[1])],
            "dropped": {str(k): v for k, v in plan.dropped.items()}}


def leakage_notes(X: pd.DataFrame, y: pd.Series, limit: float = 0.99) -> list[str]:
    """Warn about features that almost equal the target (leaked answers)."""
    notes = []
    numeric_y = column_kind(y) == "numeric"
    y_num = y.to_numpy(dtype="float64", na_value=np.nan) if numeric_y else None
    y_codes, y_levels = pd.factorize(y, use_na_sentinel=True)
    for col in X.columns:
        s = X[col]
        kind = column_kind(s)
        if kind == "nested":  # arrays in cells (images) cannot be counted as levels
            continue
        if numeric_y and kind == "numeric":
            x = s.to_numpy(dtype="float64", na_value=np.nan)
            ok = np.isfinite(x) & np.isfinite(y_num)
            if ok.sum() > 2 and np.ptp(x[ok]) > 0 and np.ptp(y_num[ok]) > 0:
                corr = float(np.corrcoef(x[ok], y_num[ok])[0, 1])
                if abs(corr) >= limit:
                    notes.append(f"{col!r} nearly equals the target (correlation {corr:.3f}): "
                                 "likely leakage; drop it unless it is known before the "
                                 "target")
            continue
        try:
            x_codes, x_levels = pd.factorize(s, use_na_sentinel=True)
        except TypeError:  # unhashable values (lists, dicts) cannot decide the target
            continue
        ok = (x_codes >= 0) & (y_codes >= 0)
        n = int(ok.sum())
        if n == 0 or len(x_levels) > n / 2:
            continue
        # how often the most common target value of each feature value is the right one
        pairs = np.bincount(x_codes[ok] * len(y_levels) + y_codes[ok],
                            minlength=len(x_levels) * len(y_levels))
        purity = pairs.reshape(len(x_levels), len(y_levels)).max(axis=1).sum() / n
        if purity >= limit:
            notes.append(f"{col!r} predicts the target {purity:.0%} of the time on its own: "
                         "likely leakage; drop it unless it is known before the target")
    return notes


def _notify(on_progress: Progress | None, fraction: float, message: str) -> None:
    if on_progress is not None:
        on_progress(fraction, message)


def train(
    df: pd.DataFrame,
    target: str | None = None,
    model: str = "auto",
    *,
    task: str | None = None,
    test_size: float = 0.2,
    random_state: int = 0,
    cv: int = 3,
    on_progress: Progress | None = None,
    should_stop: Callable[[], bool] | None = None,
    on_board: Callable[[list[dict]], None] | None = None,
    params: dict | None = None,
    features: FeatureOptions | dict | None = None,
    time_budget: float = 60.0,
    on_epoch: Callable[[dict], None] | None = None,
) -> TrainResult:
    """Fit a model on ``df`` to predict ``target`` (clustering when ``target`` is None).

    Feature preparation (imputation, scaling, one-hot encoding) lives inside the returned
    scikit-learn Pipeline and is fitted on the training split only. ``model="auto"``
    compares the candidates by cross-validation on the training split and keeps the best;
    ``on_board`` hears the leaderboard each time a candidate finishes; once ``time_budget``
    seconds have gone, Auto starts no further candidate. ``params`` change
    the chosen model's key settings (see ``registry.TUNABLE``), e.g. ``{"max_depth": 4}``.
    A neural network reports each epoch to ``on_epoch`` (train and validation loss, main
    metric), its batches to ``on_progress`` and ends after the batch in which
    ``should_stop()`` turns true, keeping its best weights.
    """
    options = FeatureOptions.of(features)
    if params and model == "auto":
        raise TrainError("settings apply to one model: choose a model instead of Auto")
    if df.shape[0] == 0:
        raise TrainError("no rows to train on")
    if df.columns.has_duplicates:
        dup = display_name(df.columns[df.columns.duplicated()][0])
        raise TrainError(f"column {dup!r} appears more than once; rename the duplicates")
    if target is None:
        return _cluster(df, model, random_state, on_progress, params or {}, options)
    if target not in df.columns:
        raise TrainError(f"target {display_name(target)!r} is not a column")
    if (why := missing_extra(model)) is not None:
        raise TrainError(why)
    notes: list[str] = []
    shown = display_name(target)
    y_all = df[target]
    known = y_all.notna()
    if not known.all():
        notes.append(f"{int((~known).sum()):,} rows with missing {shown!r} were left out")
    data = df if known.all() else df[known]
    if data.shape[0] < 10:
        raise TrainError(f"only {data.shape[0]} rows have a value for {shown!r}; "
                         "need at least 10 to train and test")
    y = data[target]
    task = task or detect_task(y)
    label_text = task == "classification" and needs_text_labels(y)
    if label_text:
        y = y.astype(str)
    if task == "regression":
        n_inf = int(np.isinf(y.to_numpy(dtype="float64", na_value=np.nan)).sum())
        if n_inf:
            raise TrainError(f"target {shown!r} holds {n_inf} infinite values; replace them "
                             "with missing (Clean tab) first")
    inputs = data.drop(columns=[target])
    try:
        plan = (text_plan(inputs) if model == "text_network" else
                (model == "conv_network" and image_plan(inputs)) or plan_features(inputs, options))
    except TrainError as exc:
        if "free text" in str(exc) and task != "regression":
            raise TrainError(f"{exc}; or choose the text network, which reads free text "
                             "itself") from None
        raise
    notes += [f"{k!r} left out: {v}" for k, v in plan.dropped.items()]
    notes += [f"{k!r} has {n:,} levels: one-hot keeps the {MAX_ONEHOT_LEVELS - 1} most "
              "frequent, the rest share one 'infrequent' column" for k, n in plan.capped.items()]
    X = data[plan.features]

    stratify = False
    if task == "classification":
        counts = y.value_counts()
        counts = counts[counts > 0]  # unused categories are not classes
        levels = counts.index.tolist()  # plain Python values for the messages
        if len(counts) < 2:
            raise TrainError(f"target {shown!r} has only one class ({levels[0]!r}); "
                             "nothing to learn")
        share = counts.iloc[-1] / counts.sum()
        if share < IMBALANCE_SHARE:
            notes.append(f"target {shown!r} is imbalanced: class {levels[-1]!r} is "
                         f"{share:.1%} of rows; judge by balanced accuracy and per-class recall")
        stratify = bool(counts.min() >= 2)
    notes += leakage_notes(X, y)
    for label in plan.dates:
        stamps = X[label].dropna()
        if len(stamps) > 10 and stamps.is_monotonic_increasing:
            notes.append(f"rows are in time order by {label!r}: a random split lets the model "
                         "learn from later rows to predict earlier ones; to forecast, keep "
                         "the latest rows for testing")
            break
    X_train, X_test, y_train, y_test = train_test_split(
        X, y, test_size=test_size, random_state=random_state,
        stratify=y if stratify else None)

    candidates = list(AUTO_CANDIDATES) if model == "auto" else [model]
    try:
        params = check_params(model, task, params) if params else {}
    except ValueError as exc:
        raise TrainError(str(exc)) from None
    for key in candidates:
        if "clustering" in MODELS.get(key, {}):
            raise TrainError(f"{MODELS[key]['label']} finds clusters without a target: choose "
                             "no target to use it, or another model to predict "
                             f"{shown!r}")
        try:
            model_spec(key, task)  # fail early on an unknown model
        except ValueError as exc:
            raise TrainError(str(exc)) from None
    board = []
    if len(candidates) > 1:
        splitter = (StratifiedKFold if stratify else KFold)(
            n_splits=cv, shuffle=True, random_state=random_state)
        X_cv, y_cv = X_train, y_train
        if len(X_train) > CV_ROWS:  # compare on a sample; the winner is fitted on all rows
            X_cv = X_train.sample(CV_ROWS, random_state=random_state)
            y_cv = y_train.loc[X_cv.index]
            notes.append(f"models compared on a sample of {CV_ROWS:,} training rows; the best "
                         f"was then fitted on all {len(X_train):,}")
        started = time.perf_counter()
        for i, key in enumerate(candidates):
            if should_stop is not None and should_stop():
                break
            if board and time.perf_counter() - started > time_budget:
                notes.append(f"the {time_budget:g} s time budget ran out after "
                             f"{len(board)} of {len(candidates)} models")
                break
            _notify(on_progress, i / (len(candidates) + 1), f"cross-validating {key}")
            t0 = time.perf_counter()
            scores = cross_val_score(build_pipeline(plan, model_spec(key, task), options, task),
                                     X_cv, y_cv, cv=splitter, scoring=CV_SCORING[task])
            board.append({"model": key, "label": MODELS[key]["label"],
                          f"cv_{CV_SCORING[task]}": float(np.mean(scores)),
                          "cv_std": float(np.std(scores)),
                          "seconds": time.perf_counter() - t0})
            if on_board is not None:
                on_board(sorted(board, key=lambda r: -r[f"cv_{CV_SCORING[task]}"]))
        if not board:
            raise TrainingStopped("stopped before any model finished")
        if len(board) < len(candidates) and should_stop is not None and should_stop():
            notes.append(f"stopped early: compared {len(board)} of {len(candidates)} models "
                         "and kept the best of those")
        board.sort(key=lambda r: -r[f"cv_{CV_SCORING[task]}"])
        chosen = board[0]["model"]
    else:
        chosen = candidates[0]
    _notify(on_progress, 0.8, f"fitting {chosen}")
    pipeline = build_pipeline(plan, model_spec(chosen, task, params), options, task)
    t0 = time.perf_counter()
    with training_hooks(on_epoch=on_epoch, on_batch=_batch_reporter(on_progress, chosen),
                        should_stop=should_stop):
        pipeline.fit(X_train, y_train)
    fit_seconds = time.perf_counter() - t0
    notes += _network_notes(pipeline[-1])
    # the test rows go through the preparation once, for predictions and probabilities
    model_step = pipeline[-1]
    X_ready = pipeline[:-1].transform(X_test) if len(pipeline) > 1 else X_test
    y_pred = model_step.predict(X_ready)

    result_extra: dict = {}
    if task == "regression":
        scores = mt.regression_metrics(y_test, y_pred)
        if scores["r2"] < 0:
            notes.append(f"R² is {scores['r2']:.2f}: on the test split this model does worse "
                         f"than always predicting the mean {shown!r}; it has not found a "
                         "useful pattern")
    else:
        classes = pipeline.classes_.tolist()  # plain Python values
        proba = (model_step.predict_proba(X_ready) if hasattr(model_step, "predict_proba")
                 else None)
        scores = mt.classification_metrics(y_test.to_numpy(), y_pred, proba, classes)
        chance = 1 / len(classes)
        if scores["balanced_accuracy"] <= chance + CHANCE_MARGIN:
            notes.append(f"balanced accuracy is {scores['balanced_accuracy']:.2f} on the test "
                         f"split, about what guessing gives ({chance:.2f} with {len(classes)} "
                         "classes): this model has not found a useful pattern, so what it "
                         "seems to rely on is noise")
        matrix = mt.confusion(y_test, y_pred, classes)
        result_extra = {"classes": classes, "confusion": matrix,
                        "per_class": mt.per_class(y_test, y_pred, classes, matrix),
                        "curves": mt.curves(y_test.to_numpy(), proba, classes)}
    if not board:
        board.append({"model": chosen, "label": MODELS[chosen]["label"]})
    for row in board:
        if row["model"] == chosen:
            row |= {f"test_{k}": v for k, v in scores.items()} | {"fit_seconds": fit_seconds}
    _notify(on_progress, 1.0, "done")
    return TrainResult(
        task=task, target=target, model=chosen, pipeline=pipeline, metrics=scores,
        leaderboard=pd.DataFrame(board), plan=plan, X_test=X_test,
        y_test=y_test, y_pred=y_pred, notes=notes,
        settings={"test_size": test_size, "random_state": random_state, "stratify": stratify,
                  "params": params, "features": asdict(options),
                  "label_text": label_text},
        **result_extra,
    )


def _batch_reporter(on_progress: Progress | None, key: str):
    """A network's batch hook: progress from 0.05 to 0.8 of the bar, at most 4 times a s."""
    if on_progress is None:
        return None
    last = [0.0]

    def report(epoch: int, batch: int, n_batches: int, epochs: int) -> None:
        now = time.perf_counter()
        if now - last[0] < PROGRESS_EVERY and batch < n_batches:
            return
        last[0] = now
        done = (epoch - 1 + batch / n_batches) / epochs
        on_progress(0.05 + 0.75 * done, f"fitting {key}: epoch {epoch}/{epochs}, "
                                        f"batch {batch}/{n_batches}")
    return report


def _network_notes(model) -> list[str]:
    """How a network's training ended: all epochs, early stopping, or Stop."""
    how = getattr(model, "stopped_", None)
    if how is None:
        return []
    kept = f"kept the weights of epoch {model.best_epoch_} (lowest validation loss)"
    if how == "stopped":
        return [f"stopped by you during epoch {model.n_epochs_} of {model.epochs}; {kept}"]
    if how == "early_stopping":
        return [f"early stopping after epoch {model.n_epochs_} of {model.epochs}: validation "
                f"loss had not improved for {model.patience} epochs; {kept}"]
    return [f"trained all {model.n_epochs_} epochs; {kept}"]


def _drivers(pipeline, X_test, y_test, task, random_state) -> pd.DataFrame:
    """Permutation importance of each raw input column on the test split."""
    if len(X_test) > DRIVER_ROWS:
        X_test = X_test.sample(DRIVER_ROWS, random_state=random_state)
        y_test = y_test.loc[X_test.index]
    scoring = MAIN_METRIC[task]
    imp = permutation_importance(pipeline, X_test, y_test, n_repeats=5,
                                 random_state=random_state, scoring=scoring)
    # float round-off of "no change at all" (like -1.1e-17) is shown as the 0 it is
    mean = np.where(np.abs(imp.importances_mean) < 1e-12, 0.0, imp.importances_mean)
    out = pd.DataFrame({"feature": list(X_test.columns), "importance": mean,
                        "std": imp.importances_std})
    return out.sort_values("importance", ascending=False, kind="stable").reset_index(drop=True)


def _cluster(df, model, random_state, on_progress, params, options) -> TrainResult:
    from sklearn.metrics import silhouette_score

    key = "kmeans" if model == "auto" else model
    if key in MODELS and "clustering" not in MODELS[key]:
        raise TrainError(f"{MODELS[key]['label']} needs a target: choose the column to "
                         "predict, or a clustering model to find groups")
    try:
        spec = model_spec(key, "clustering", check_params(key, "clustering", params))
    except ValueError as exc:
        raise TrainError(str(exc)) from None
    plan = plan_features(df, options)
    X = df[plan.features]
    if len(X) < 3:
        raise TrainError("need at least 3 rows to find clusters")
    if key == "agglomerative" and len(X) > MAX_AGGLOMERATIVE_ROWS:
        raise TrainError(f"agglomerative clustering needs memory for every pair of rows; use "
                         f"it on at most {MAX_AGGLOMERATIVE_ROWS:,} rows (k-means scales)")
    _notify(on_progress, 0.3, f"fitting {key}")
    pipeline = build_pipeline(plan, spec, options, "clustering")
    labels = pipeline.fit_predict(X)
    Xt = pipeline[:-1].transform(X)
    n_labels = len(set(labels) - {-1})
    notes = [f"{k!r} left out: {v}" for k, v in plan.dropped.items()]
    score = float("nan")
    if 1 < len(set(labels)) < len(X):
        sample = min(len(X), SILHOUETTE_ROWS)
        score = float(silhouette_score(Xt, labels, sample_size=sample,
                                       random_state=random_state))
        if sample < len(X):
            notes.append(f"silhouette measured on a sample of {sample:,} rows")
    sizes = pd.Series(labels).value_counts().sort_index()
    named = {("noise points" if k == -1 else f"size of cluster {k}"): int(v)
             for k, v in sizes.items()}
    return TrainResult(
        task="clustering", target=None, model=key, pipeline=pipeline,
        metrics={"silhouette": score, "clusters": n_labels, **named},
        leaderboard=pd.DataFrame([{"model": key, "label": MODELS[key]["label"],
                                   "silhouette": score}]),
        plan=plan,
        X_test=X, y_test=None, y_pred=labels, notes=notes,
        settings={"random_state": random_state, "params": params,
                  "features": asdict(options)},
    )
