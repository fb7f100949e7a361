"""lepton-widgets: an interactive Studio around a pandas DataFrame.

>>> import lepton_widgets as lw
>>> df = lw.datasets.load("titanic")
>>> lw.Studio(df)                       # or: %load_ext lepton_widgets / %lepton df
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from . import datasets, metrics
from ._version import __version__
from .engine import nlp
from .engine.models import TrainError, TrainResult, train
from .engine.models.persist import load_pipeline as load_model
from .engine.profile import Profile, profile
from .engine.recipe import Recipe
from .engine.steps import StepError

if TYPE_CHECKING:
    from .widgets.studio import Studio

__all__ = [
    "Profile", "Recipe", "StepError", "Studio", "TrainError", "TrainResult", "__version__",
    "chart", "chart_code", "datasets", "load_ipython_extension", "load_model", "metrics", "nlp",
    "plot", "profile", "train", "unload_ipython_extension",
]


# The short path analysts type by hand: scikit-learn's own estimators under one import.
ESTIMATORS = {
    "LinearRegression": "sklearn.linear_model", "LogisticRegression": "sklearn.linear_model",
    "Ridge": "sklearn.linear_model", "Lasso": "sklearn.linear_model",
    "RandomForestRegressor": "sklearn.ensemble", "RandomForestClassifier": "sklearn.ensemble",
    "HistGradientBoostingRegressor": "sklearn.ensemble",
    "HistGradientBoostingClassifier": "sklearn.ensemble",
    "KNeighborsRegressor": "sklearn.neighbors", "KNeighborsClassifier": "sklearn.neighbors",
    "SVR": "sklearn.svm", "SVC": "sklearn.svm", "GaussianNB": "sklearn.naive_bayes",
    "KMeans": "sklearn.cluster", "DBSCAN": "sklearn.cluster",
    "AgglomerativeClustering": "sklearn.cluster", "GaussianMixture": "sklearn.mixture",
    "train_test_split": "sklearn.model_selection",
    # our PyTorch networks (the torch extra); importing them needs no torch, fitting does
    **dict.fromkeys(["NeuralNetClassifier", "NeuralNetRegressor", "ConvNetClassifier",
                     "TextNetClassifier", "save_network", "load_network"],
                    "lepton_widgets.engine.models.torch_estimators"),
}


def __getattr__(name: str) -> Any:
    # Widgets import anywidget/bqplot; load them only when asked for.
    if name == "Studio":
        from .widgets.studio import Studio

        return Studio
    if name in ESTIMATORS:
        import importlib

        return getattr(importlib.import_module(ESTIMATORS[name]), name)
    raise AttributeError(f"module 'lepton_widgets' has no attribute {name!r}")


def __dir__() -> list[str]:
    return sorted([*globals(), "Studio", *ESTIMATORS])


def plot(y_true, y_pred, title: str = "Predicted vs actual"):
    """A bqplot figure of predicted against actual values (downsampled when large)."""
    from .widgets.charts import predicted_vs_actual

    return predicted_vs_actual(y_true, y_pred, title=title)


def _chart_data(df, x, y, kind, options):
    from .engine.chartdata import ChartSpec, chart_data

    spec = ChartSpec(kind=kind, x=x, y=y, **options)
    corr = None
    if spec.kind == "heatmap" and (x is None or y is None):
        corr = profile(df).to_dict().get("correlations")
    return chart_data(df, spec, corr)


def chart(df, x: str | None = None, y: str | None = None, kind: str = "auto", **options: Any):
    """A bqplot Figure of ``df`` with the data reduced in the kernel (any row count).

    ``kind``: auto (from the column types), scatter, line, bar, histogram, box or heatmap;
    ``options``: ``color``, ``size``, ``agg`` (count, mean, sum), ``log_x``, ``log_y``,
    ``title``. The title says when the chart shows a sample or an aggregate.
    """
    from .widgets.chartfig import figure

    return figure(_chart_data(df, x, y, kind, options))


def chart_code(df, x: str | None = None, y: str | None = None, kind: str = "auto",
               **options: Any) -> str:
    """The bqplot code that rebuilds :func:`chart` with the same arguments."""
    from .widgets.chartfig import code

    return code(_chart_data(df, x, y, kind, options))


def load_ipython_extension(ipython) -> None:
    """``%load_ext lepton_widgets`` registers the ``%lepton`` magic."""
    from ._magics import register

    register(ipython)


def unload_ipython_extension(ipython) -> None:
    from ._magics import unregister

    unregister(ipython)
