"""Which columns feed a model and how: one plan that builds the Pipeline and prints its code."""

from __future__ import annotations

import inspect
from dataclasses import dataclass, field

import numpy as np
import pandas as pd
from sklearn.compose import ColumnTransformer
from sklearn.impute import SimpleImputer
from sklearn.pipeline import Pipeline
from sklearn.preprocessing import FunctionTransformer, OneHotEncoder, StandardScaler

from ..errors import TrainError
from ..kinds import column_kind
from ..labels import display_name
from ..snippets import as_text, date_part_names, date_parts
from .registry import Spec, build_estimator

MAX_ONEHOT_LEVELS = 20  # rarer levels fall into one "infrequent" bucket
ID_LEVELS = 50          # a categorical with more levels, mostly unique, is an identifier


@dataclass
class FeaturePlan:
    """Numeric and categorical inputs, and the columns left out with the reason."""

    numeric: list = field(default_factory=list)
    categorical: list = field(default_factory=list)
    dates: list = field(default_factory=list)  # become year, month, day, weekday, hour
    dropped: dict = field(default_factory=dict)
    capped: dict = field(default_factory=dict)  # label -> levels beyond the one-hot cap

    @property
    def features(self) -> list:
        return self.numeric + self.categorical + self.dates


def plan_features(X: pd.DataFrame) -> FeaturePlan:
    """Sort columns into numeric / categorical, or leave them out with a reason."""
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
        elif kind == "text":
            plan.dropped[label] = (f"free text ({s.nunique():,} distinct values); "
                                   "text is not used by models yet")
        elif kind == "datetime":
            plan.dates.append(label)
        elif kind == "timedelta":
            plan.dropped[label] = "durations are not used by models yet"
        else:
            plan.dropped[label] = f"{kind} values are not used by models yet"
    if not plan.features:
        reasons = "; ".join(f"{k}: {v}" for k, v in plan.dropped.items()) or "no columns"
        raise TrainError(f"no usable feature columns ({reasons})")
    return plan


def build_pipeline(plan: FeaturePlan, spec: Spec) -> Pipeline:
    """The preprocessing + model Pipeline (unfitted)."""
    parts = []
    if plan.numeric:
        parts.append(("numeric", Pipeline([
            ("impute", SimpleImputer(strategy="median")),
            ("scale", StandardScaler()),
        ]), list(plan.numeric)))
    if plan.categorical:
        parts.append(("categorical", Pipeline([
            ("text", FunctionTransformer(as_text, feature_names_out="one-to-one")),
            ("encode", OneHotEncoder(handle_unknown="infrequent_if_exist",
                                     max_categories=MAX_ONEHOT_LEVELS, sparse_output=False)),
        ]), list(plan.categorical)))
    if plan.dates:
        parts.append(("dates", Pipeline([
            ("parts", FunctionTransformer(date_parts, feature_names_out=date_part_names)),
            ("impute", SimpleImputer(strategy="median")),
            ("scale", StandardScaler()),
        ]), list(plan.dates)))
    prepare = ColumnTransformer(parts, remainder="drop", verbose_feature_names_out=False)
    return Pipeline([("prepare", prepare), ("model", build_estimator(spec))])


def pipeline_code(plan: FeaturePlan, spec: Spec) -> list[str]:
    """Source lines that build the same Pipeline as :func:`build_pipeline`."""
    module, cls, params = spec
    args = ", ".join(f"{k}={v!r}" for k, v in params.items())
    lines = [
        "from sklearn.compose import ColumnTransformer",
        "from sklearn.impute import SimpleImputer",
        "from sklearn.pipeline import Pipeline",
        "from sklearn.preprocessing import FunctionTransformer, OneHotEncoder, StandardScaler",
        f"from {module} import {cls}",
        "",
        "import pandas as pd",
        "",
        *inspect.getsource(as_text).splitlines(),
        "",
        *([line for f in (date_parts, date_part_names)
           for line in [*inspect.getsource(f).splitlines(), ""]] if plan.dates else []),
        "",
        "parts = []",
    ]
    if plan.numeric:
        lines += [
            'parts.append(("numeric", Pipeline([',
            '    ("impute", SimpleImputer(strategy="median")),',
            '    ("scale", StandardScaler()),',
            f"]), {list(plan.numeric)!r}))",
        ]
    if plan.categorical:
        lines += [
            'parts.append(("categorical", Pipeline([',
            '    ("text", FunctionTransformer(as_text, feature_names_out="one-to-one")),',
            '    ("encode", OneHotEncoder(handle_unknown="infrequent_if_exist",',
            f"                             max_categories={MAX_ONEHOT_LEVELS}, "
            "sparse_output=False)),",
            f"]), {list(plan.categorical)!r}))",
        ]
    if plan.dates:
        lines += [
            'parts.append(("dates", Pipeline([',
            '    ("parts", FunctionTransformer(date_parts, feature_names_out=date_part_names)),',
            '    ("impute", SimpleImputer(strategy="median")),',
            '    ("scale", StandardScaler()),',
            f"]), {list(plan.dates)!r}))",
        ]
    lines += [
        'prepare = ColumnTransformer(parts, remainder="drop", verbose_feature_names_out=False)',
        f'pipeline = Pipeline([("prepare", prepare), ("model", {cls}({args}))])',
    ]
    return lines
