"""The model catalogue: what each key builds for each task, as importable names.

Every entry is (module, class, params) so that the fitted object and the exported code
come from the same description.
"""

from __future__ import annotations

import importlib

Spec = tuple[str, str, dict]

MODELS: dict[str, dict] = {
    "linear": {
        "label": "Linear model",
        "regression": ("sklearn.linear_model", "LinearRegression", {}),
        "classification": ("sklearn.linear_model", "LogisticRegression", {"max_iter": 1000}),
    },
    "random_forest": {
        "label": "Random forest",
        "regression": ("sklearn.ensemble", "RandomForestRegressor",
                       {"n_estimators": 200, "min_samples_leaf": 2, "random_state": 0}),
        "classification": ("sklearn.ensemble", "RandomForestClassifier",
                           {"n_estimators": 200, "min_samples_leaf": 2, "random_state": 0}),
    },
    "gradient_boosting": {
        "label": "Gradient boosting",
        "regression": ("sklearn.ensemble", "HistGradientBoostingRegressor", {"random_state": 0}),
        "classification": ("sklearn.ensemble", "HistGradientBoostingClassifier",
                           {"random_state": 0}),
    },
    "ridge": {
        "label": "Ridge regression",
        "regression": ("sklearn.linear_model", "Ridge", {"alpha": 1.0}),
    },
    "lasso": {
        "label": "Lasso regression",
        "regression": ("sklearn.linear_model", "Lasso", {"alpha": 0.1}),
    },
    "knn": {
        "label": "k nearest neighbours",
        "regression": ("sklearn.neighbors", "KNeighborsRegressor", {"n_neighbors": 10}),
        "classification": ("sklearn.neighbors", "KNeighborsClassifier", {"n_neighbors": 10}),
    },
    "svm": {
        "label": "Support vector machine",
        "regression": ("sklearn.svm", "SVR", {"C": 1.0}),
        "classification": ("sklearn.svm", "SVC", {"C": 1.0, "random_state": 0}),
    },
    "naive_bayes": {
        "label": "Naive Bayes",
        "classification": ("sklearn.naive_bayes", "GaussianNB", {}),
    },
    "kmeans": {
        "label": "k-means",
        "clustering": ("sklearn.cluster", "KMeans", {"n_clusters": 3, "n_init": 10,
                                                     "random_state": 0}),
    },
    "gaussian_mixture": {
        "label": "Gaussian mixture",
        "clustering": ("sklearn.mixture", "GaussianMixture", {"n_components": 3,
                                                              "random_state": 0}),
    },
    "agglomerative": {
        "label": "Agglomerative (hierarchical)",
        "clustering": ("sklearn.cluster", "AgglomerativeClustering", {"n_clusters": 3}),
    },
    "dbscan": {
        "label": "DBSCAN (density)",
        "clustering": ("sklearn.cluster", "DBSCAN", {"eps": 0.5, "min_samples": 5}),
    },
}

AUTO_CANDIDATES = ("linear", "random_forest", "gradient_boosting")


def model_spec(key: str, task: str) -> Spec:
    """The (module, class, params) for ``key`` on ``task``; ValueError names the choices."""
    entry = MODELS.get(key)
    if entry is None or task not in entry:
        known = [k for k, v in MODELS.items() if task in v]
        raise ValueError(f"no model {key!r} for {task}; choose one of {', '.join(known)}")
    module, cls, params = entry[task]
    return module, cls, dict(params)


def build_estimator(spec: Spec, **overrides: object):
    module, cls, params = spec
    return getattr(importlib.import_module(module), cls)(**(params | overrides))


def choices(task: str | None = None) -> list[tuple[str, str]]:
    """(key, label) of the models for ``task`` (all models when None)."""
    tasks = (task,) if task else ("regression", "classification", "clustering")
    return [(k, v["label"]) for k, v in MODELS.items() if any(t in v for t in tasks)]
