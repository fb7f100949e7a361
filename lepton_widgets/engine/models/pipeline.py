"""Which columns feed a model and how: one plan that builds the Pipeline and prints its code."""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np
import pandas as pd
from sklearn.pipeline import Pipeline

from ..errors import TrainError
from ..kinds import column_kind
from ..labels import display_name
from ..snippets import (
    as_text,
    date_cycle_names,
    date_cycles,
    date_part_names,
    date_parts,
    fill_text,
    info_for_classes,
    info_for_numbers,
    signed_log,
)
from .components import C, build, source
from .registry import Spec

MAX_ONEHOT_LEVELS = 20  # rarer levels fall into one "infrequent" bucket
ID_LEVELS = 50          # a categorical with more levels, mostly unique, is an identifier
MAX_TFIDF_TERMS = 500   # words kept per text column


@dataclass
class FeaturePlan:
    """Numeric and categorical inputs, and the columns left out with the reason."""

    numeric: list = field(default_factory=list)
    categorical: list = field(default_factory=list)
    dates: list = field(default_factory=list)  # become year, month, day, weekday, hour
    text: list = field(default_factory=list)   # TF-IDF, when asked for
    images: list = field(default_factory=list)  # arrays in cells, for the convolutional net
    dropped: dict = field(default_factory=dict)
    capped: dict = field(default_factory=dict)  # label -> levels beyond the one-hot cap

    @property
    def features(self) -> list:
        return self.numeric + self.categorical + self.dates + self.text + self.images


def plan_features(X: pd.DataFrame, options: FeatureOptions | None = None) -> FeaturePlan:
    """Sort columns into numeric / categorical / dates / text, or leave them out with a
    reason."""
    options = options or FeatureOptions()
    plan = FeaturePlan()
    for label in X.columns:
        if not isinstance(label, str):
            raise TrainError(f"column {display_name(label)!r} has a non-text name; "
                             "rename the columns to text to train on them")
        if not isinstance(X[label], pd.Series):
            raise TrainError(f"column {label!r} appears more than once; rename the duplicates")
        s = X[label]
        kind = column_kind(s)
        if s.count() == 0:
            plan.dropped[label] = "all values missing"
        elif kind == "numeric":
            values = s.to_numpy(dtype="float64", na_value=np.nan) if s.dtype != object else (
                pd.to_numeric(s, errors="coerce").to_numpy(dtype="float64"))
            n_inf = int(np.isinf(values).sum())
            if n_inf:
                raise TrainError(f"column {label!r} holds {n_inf} infinite values; replace "
                                 "them with missing (Clean tab) or drop the column")
            plan.numeric.append(label)
        elif kind in ("boolean", "categorical", "mixed"):
            levels = int(s.astype(object).nunique())
            if levels > ID_LEVELS and levels > 0.5 * s.count():
                plan.dropped[label] = (f"looks like an identifier ({levels:,} distinct values "
                                       f"in {int(s.count()):,} rows)")
                continue
            if levels > MAX_ONEHOT_LEVELS:
                plan.capped[label] = levels
            plan.categorical.append(label)
        elif kind == "text" and options.text == "tfidf":
            plan.text.append(label)
        elif kind == "text":
            plan.dropped[label] = (f"free text ({s.nunique():,} distinct values); turn on "
                                   "TF-IDF text features to use it")
        elif kind == "datetime" and options.dates != "none":
            plan.dates.append(label)
        elif kind == "datetime":
            plan.dropped[label] = "date parts are turned off"
        elif kind == "timedelta":
            plan.dropped[label] = "durations are not used by models yet"
        else:
            plan.dropped[label] = f"{kind} values are not used by models yet"
    if not plan.features:
        reasons = "; ".join(f"{k}: {v}" for k, v in plan.dropped.items()) or "no columns"
        raise TrainError(f"no usable feature columns ({reasons})")
    return plan


def text_plan(X: pd.DataFrame) -> FeaturePlan:
    """The plan of a network that reads raw text: the free-text columns, nothing else."""
    plan = FeaturePlan()
    for label in X.columns:
        if column_kind(X[label]) == "text" and X[label].count():
            plan.text.append(label)
        else:
            plan.dropped[label] = "the text network reads only the free-text columns"
    if not plan.text:
        raise TrainError("the text network needs a free-text column (sentences, messages, "
                         "reviews) and this frame has none; choose another model")
    return plan


def image_plan(X: pd.DataFrame) -> FeaturePlan | None:
    """The plan of a convolutional network on images held as arrays in cells: the first
    column whose values are 2-D or 3-D arrays; None when there is none (pixel columns)."""
    for label in X.columns:
        s = X[label]
        if column_kind(s) != "nested" or s.count() == 0:
            continue
        first = np.asarray(s.dropna().iloc[0])
        if first.ndim in (2, 3):
            plan = FeaturePlan(images=[label])
            plan.dropped = {k: "the convolutional network reads only the image column"
                            for k in X.columns if k != label}
            return plan
    return None


# Estimators that take the raw text columns themselves (their own tokenizer, no TF-IDF).
RAW_TEXT_MODELS = {"TextNetClassifier"}

SCALERS = {"standard": "StandardScaler", "minmax": "MinMaxScaler", "robust": "RobustScaler"}
PRE = "sklearn.preprocessing"


@dataclass
class FeatureOptions:
    """How the Pipeline turns columns into features (all fitted on the training split).

    scale: standard | minmax | robust | none (numbers); transform: none | log |
    yeo-johnson (numbers, before scaling); bins: cut numbers into k bins (one-hot) instead
    of scaling, by quantile or uniform ``bin_strategy``; poly: none | interactions | squares
    (products of the numeric features); encode: onehot | ordinal | target (categories);
    text: drop | tfidf (free-text columns); dates: parts | cyclical | none; min_variance:
    drop features whose variance is at most this; select: keep the k most informative
    features (mutual information); pca: project on n components.
    """

    scale: str = "standard"
    transform: str = "none"
    bins: int | None = None
    bin_strategy: str = "quantile"
    poly: str = "none"
    encode: str = "onehot"
    text: str = "drop"
    dates: str = "parts"
    min_variance: float | None = None
    select: int | None = None
    pca: int | None = None

    def __post_init__(self) -> None:
        choices = {"scale": (*SCALERS, "none"), "transform": ("none", "log", "yeo-johnson"),
                   "encode": ("onehot", "ordinal", "target"), "text": ("drop", "tfidf"),
                   "dates": ("parts", "cyclical", "none"), "poly": ("none", "interactions",
                                                                   "squares"),
                   "bin_strategy": ("quantile", "uniform")}
        for name, allowed in choices.items():
            if getattr(self, name) not in allowed:
                raise TrainError(f"{name} must be one of {', '.join(allowed)}, not "
                                 f"{getattr(self, name)!r}")
        for name in ("select", "pca", "bins"):
            value = getattr(self, name)
            if value is not None and (isinstance(value, bool) or not isinstance(value, int)
                                      or value < (2 if name == "bins" else 1)):
                what = "bins (2 or more)" if name == "bins" else "features"
                raise TrainError(f"{name} must be a whole number of {what}, not {value!r}")
        if self.min_variance is not None and (
                isinstance(self.min_variance, bool) or not isinstance(self.min_variance,
                                                                      (int, float))
                or self.min_variance < 0):
            raise TrainError(f"min_variance must be a number of 0 or more, not "
                             f"{self.min_variance!r}")

    @classmethod
    def of(cls, value: FeatureOptions | dict | None) -> FeatureOptions:
        if isinstance(value, FeatureOptions):
            return value
        try:
            return cls(**(value or {}))
        except TypeError as exc:
            raise TrainError(f"unknown feature option: {exc}") from None


def _numeric(options: FeatureOptions) -> C:
    steps: list = [("impute", C("sklearn.impute", "SimpleImputer", {"strategy": "median"}))]
    if options.transform == "log":
        steps.append(("log", C(PRE, "FunctionTransformer",
                               {"func": signed_log, "feature_names_out": "one-to-one"})))
    elif options.transform == "yeo-johnson":
        steps.append(("power", C(PRE, "PowerTransformer", {"method": "yeo-johnson",
                                                           "standardize": False})))
    if options.bins:
        steps.append(("bins", C(PRE, "KBinsDiscretizer", {
            "n_bins": options.bins, "encode": "onehot-dense", "strategy": options.bin_strategy,
            **({"quantile_method": "averaged_inverted_cdf"}
               if options.bin_strategy == "quantile" else {})})))
        return C("sklearn.pipeline", "Pipeline", {"steps": steps})
    if options.scale != "none":
        steps.append(("scale", C(PRE, SCALERS[options.scale])))
    if options.poly != "none":
        steps.append(("poly", C(PRE, "PolynomialFeatures", {
            "degree": 2, "interaction_only": options.poly == "interactions",
            "include_bias": False})))
    return C("sklearn.pipeline", "Pipeline", {"steps": steps})


def _categorical(options: FeatureOptions, task: str) -> C:
    text = ("text", C(PRE, "FunctionTransformer",
                      {"func": as_text, "feature_names_out": "one-to-one"}))
    if options.encode == "ordinal":
        encode = C(PRE, "OrdinalEncoder", {"handle_unknown": "use_encoded_value",
                                           "unknown_value": -1})
    elif options.encode == "target" and task != "clustering":
        encode = C(PRE, "TargetEncoder", {"cv": C("sklearn.model_selection", "KFold", {
            "n_splits": 5, "shuffle": True, "random_state": 0})})
    else:
        encode = C(PRE, "OneHotEncoder", {"handle_unknown": "infrequent_if_exist",
                                          "max_categories": MAX_ONEHOT_LEVELS,
                                          "sparse_output": False})
    return C("sklearn.pipeline", "Pipeline", {"steps": [text, ("encode", encode)]})


def pipeline_component(plan: FeaturePlan, spec: Spec, options: FeatureOptions | None = None,
                       task: str = "regression") -> C:
    """The whole Pipeline as a description (see ``components``)."""
    options = options or FeatureOptions()
    module, cls, params = spec
    if cls in RAW_TEXT_MODELS or plan.images:
        return C("sklearn.pipeline", "Pipeline", {"steps": [("model", C(module, cls, params))]})
    parts: list = []
    if plan.numeric:
        parts.append(("numeric", _numeric(options), list(plan.numeric)))
    if plan.categorical:
        parts.append(("categorical", _categorical(options, task), list(plan.categorical)))
    if plan.dates:
        func, names = ((date_cycles, date_cycle_names) if options.dates == "cyclical"
                       else (date_parts, date_part_names))
        parts.append(("dates", C("sklearn.pipeline", "Pipeline", {"steps": [
            ("parts", C(PRE, "FunctionTransformer", {"func": func,
                                                     "feature_names_out": names})),
            ("impute", C("sklearn.impute", "SimpleImputer", {"strategy": "median"})),
            ("scale", C(PRE, "StandardScaler")),
        ]}), list(plan.dates)))
    for label in plan.text:  # one TF-IDF per text column (it takes one column, not a table)
        parts.append((f"text_{label}", C("sklearn.pipeline", "Pipeline", {"steps": [
            ("fill", C(PRE, "FunctionTransformer", {"func": fill_text,
                                                    "feature_names_out": "one-to-one"})),
            ("tfidf", C("sklearn.feature_extraction.text", "TfidfVectorizer",
                        {"max_features": MAX_TFIDF_TERMS, "min_df": 2})),
        ]}), label))
    steps: list = [("prepare", C("sklearn.compose", "ColumnTransformer", {
        "transformers": parts, "remainder": "drop", "sparse_threshold": 0.0,
        # short names ("age", "sex_female"); two TF-IDF vocabularies would share words, so
        # then every name says where it comes from ("text_review__great")
        "verbose_feature_names_out": len(plan.text) > 1}))]
    if options.min_variance is not None:
        steps.append(("variance", C("sklearn.feature_selection", "VarianceThreshold",
                                    {"threshold": float(options.min_variance)})))
    if options.select and task != "clustering":
        score = info_for_classes if task == "classification" else info_for_numbers
        steps.append(("select", C("sklearn.feature_selection", "SelectKBest",
                                  {"score_func": score, "k": options.select})))
    if options.pca:
        steps.append(("pca", C("sklearn.decomposition", "PCA",
                               {"n_components": options.pca, "random_state": 0})))
    steps.append(("model", C(module, cls, params)))
    return C("sklearn.pipeline", "Pipeline", {"steps": steps})


def build_pipeline(plan: FeaturePlan, spec: Spec, options: FeatureOptions | None = None,
                   task: str = "regression") -> Pipeline:
    """The preprocessing + model Pipeline (unfitted)."""
    return build(pipeline_component(plan, spec, options, task))  # type: ignore[return-value]


def pipeline_code(plan: FeaturePlan, spec: Spec, options: FeatureOptions | None = None,
                  task: str = "regression") -> list[str]:
    """Source lines that build the same Pipeline as :func:`build_pipeline`."""
    return source(pipeline_component(plan, spec, options, task))
