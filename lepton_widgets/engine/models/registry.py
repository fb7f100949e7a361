"""The model catalogue: what each key builds for each task, as importable names.

Every entry is (module, class, params) so that the fitted object and the exported code
come from the same description.
"""

from __future__ import annotations

import importlib

Spec = tuple[str, str, dict]
NETS = "lepton_widgets.engine.models.torch_estimators"
MAX_LAYERS = 5  # hidden layers a person may ask for in the settings form
ARCHS = ("transformer", "lstm", "gru")  # what reads the tokens in the text network

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
    # PyTorch networks (the optional extra): "needs" names the package fitting them imports.
    "neural_network": {
        "label": "Neural network (PyTorch)", "needs": "torch",
        "regression": (NETS, "NeuralNetRegressor", {"hidden_layer_sizes": (64,)}),
        "classification": (NETS, "NeuralNetClassifier", {"hidden_layer_sizes": (64,)}),
    },
    "conv_network": {
        "label": "Convolutional network (PyTorch, pixel columns)", "needs": "torch",
        "classification": (NETS, "ConvNetClassifier", {"image_shape": None}),
    },
    "text_network": {
        "label": "Text network (PyTorch Transformer on a text column)", "needs": "torch",
        "classification": (NETS, "TextNetClassifier", {"arch": "transformer"}),
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

# The key settings a person may change, per estimator class: name -> (type, low, high).
# ``None`` in a default means "no limit" and is allowed where the type says so. "sizes" is
# a list of layer widths; "choice" has its allowed words where ``low`` stands.
TUNABLE: dict[str, dict[str, tuple]] = {
    "LogisticRegression": {"C": (float, 1e-6, 1e6)},
    "Ridge": {"alpha": (float, 0.0, 1e6)},
    "Lasso": {"alpha": (float, 1e-8, 1e6)},
    "RandomForestRegressor": {"n_estimators": (int, 1, 2000), "max_depth": ("int?", 1, 200),
                              "min_samples_leaf": (int, 1, 1000)},
    "RandomForestClassifier": {"n_estimators": (int, 1, 2000), "max_depth": ("int?", 1, 200),
                               "min_samples_leaf": (int, 1, 1000)},
    "HistGradientBoostingRegressor": {"learning_rate": (float, 1e-4, 1.0),
                                      "max_iter": (int, 1, 5000),
                                      "max_depth": ("int?", 1, 200)},
    "HistGradientBoostingClassifier": {"learning_rate": (float, 1e-4, 1.0),
                                       "max_iter": (int, 1, 5000),
                                       "max_depth": ("int?", 1, 200)},
    "KNeighborsRegressor": {"n_neighbors": (int, 1, 1000)},
    "KNeighborsClassifier": {"n_neighbors": (int, 1, 1000)},
    "SVR": {"C": (float, 1e-6, 1e6)},
    "SVC": {"C": (float, 1e-6, 1e6)},
    "NeuralNetRegressor": {"learning_rate": (float, 1e-6, 1.0), "epochs": (int, 1, 1000),
                           "batch_size": (int, 1, 4096), "hidden_layer_sizes": ("sizes", 1, 4096)},
    "NeuralNetClassifier": {"learning_rate": (float, 1e-6, 1.0), "epochs": (int, 1, 1000),
                            "batch_size": (int, 1, 4096),
                            "hidden_layer_sizes": ("sizes", 1, 4096)},
    "ConvNetClassifier": {"learning_rate": (float, 1e-6, 1.0), "epochs": (int, 1, 1000),
                          "batch_size": (int, 1, 4096), "hidden": (int, 1, 4096)},
    "TextNetClassifier": {"arch": ("choice", ARCHS, None),
                          "learning_rate": (float, 1e-6, 1.0), "epochs": (int, 1, 1000),
                          "batch_size": (int, 1, 4096), "embed_dim": (int, 4, 1024),
                          "hidden": (int, 1, 4096)},
    "KMeans": {"n_clusters": (int, 2, 100)},
    "GaussianMixture": {"n_components": (int, 1, 100)},
    "AgglomerativeClustering": {"n_clusters": (int, 2, 100)},
    "DBSCAN": {"eps": (float, 1e-6, 1e6), "min_samples": (int, 1, 10000)},
}


def tunable(key: str) -> list[dict]:
    """The settings of model ``key`` a person may change, with their defaults."""
    seen: dict[str, dict] = {}
    for task in ("regression", "classification", "clustering"):
        if task not in MODELS.get(key, {}):
            continue
        _, cls, params = MODELS[key][task]
        default = getattr(importlib.import_module(MODELS[key][task][0]), cls)().get_params()
        for name, (kind, lo, hi) in TUNABLE.get(cls, {}).items():
            shown = (kind if kind in ("sizes", "choice") else "int" if kind in (int, "int?")
                     else "float")
            value = params.get(name, default.get(name))
            entry = {"name": name, "type": shown, "optional": kind == "int?", "low": lo,
                     "high": hi, "default": list(value) if isinstance(value, tuple) else value}
            if kind == "choice":
                entry |= {"choices": list(lo), "low": None}
            seen.setdefault(name, entry)
    return list(seen.values())


def check_params(key: str, task: str, params: dict) -> dict:
    """Settings for ``key`` checked against TUNABLE; ValueError names the bad one."""
    _, cls, _ = model_spec(key, task)
    allowed = TUNABLE.get(cls, {})
    out = {}
    for name, value in params.items():
        if name not in allowed:
            raise ValueError(f"{MODELS[key]['label']} has no setting {name!r} here; it has "
                             f"{', '.join(allowed) or 'none'}")
        kind, lo, hi = allowed[name]
        if kind == "sizes":
            out[name] = _sizes(name, value, lo, hi)
            continue
        if kind == "choice":
            if value not in lo:
                raise ValueError(f"{name} must be one of {', '.join(lo)}, not {value!r}")
            out[name] = value
            continue
        if value is None or value == "":
            if kind != "int?":
                raise ValueError(f"give {name} a value")
            out[name] = None
            continue
        try:
            number = float(value)
        except (TypeError, ValueError):
            raise ValueError(f"{name} must be a number, not {value!r}") from None
        if kind in (int, "int?"):
            if not number.is_integer():
                raise ValueError(f"{name} must be a whole number, not {value!r}")
            number = int(number)
        if not lo <= number <= hi:
            raise ValueError(f"{name} must be between {lo:g} and {hi:g}, not {number:g}")
        out[name] = number
    return out


def _sizes(name: str, value: object, lo: int, hi: int) -> tuple:
    """Layer widths from "64, 32" (or a list): a tuple of whole numbers in [lo, hi]."""
    parts = (str(value).replace(",", " ").split() if isinstance(value, str)
             else list(value) if isinstance(value, (list, tuple)) else [value])
    if not 1 <= len(parts) <= MAX_LAYERS:
        raise ValueError(f"{name} takes 1 to {MAX_LAYERS} layer widths such as 64, 32; "
                         f"not {value!r}")
    out = []
    for p in parts:
        try:
            number = float(p)
        except (TypeError, ValueError):
            raise ValueError(f"{name} must be layer widths such as 64, 32; not {value!r}") from None
        if not number.is_integer() or not lo <= number <= hi:
            raise ValueError(f"each of {name} must be a whole number from {lo} to {hi}, "
                             f"not {p!r}")
        out.append(int(number))
    return tuple(out)


def missing_extra(key: str) -> str | None:
    """Why model ``key`` cannot be fitted here (the install line), or None when it can."""
    if MODELS.get(key, {}).get("needs") == "torch":
        from .torch_estimators import INSTALL, torch_available

        if not torch_available():
            return f"{MODELS[key]['label']} needs PyTorch: {INSTALL}"
    return None


def model_spec(key: str, task: str, overrides: dict | None = None) -> Spec:
    """The (module, class, params) for ``key`` on ``task``; ValueError names the choices."""
    entry = MODELS.get(key)
    if entry is None or task not in entry:
        known = [k for k, v in MODELS.items() if task in v]
        raise ValueError(f"no model {key!r} for {task}; choose one of {', '.join(known)}")
    module, cls, params = entry[task]
    return module, cls, dict(params) | dict(overrides or {})


def build_estimator(spec: Spec, **overrides: object):
    module, cls, params = spec
    return getattr(importlib.import_module(module), cls)(**(params | overrides))


def choices(task: str | None = None) -> list[tuple[str, str]]:
    """(key, label) of the models for ``task`` (all models when None)."""
    tasks = (task,) if task else ("regression", "classification", "clustering")
    return [(k, v["label"]) for k, v in MODELS.items() if any(t in v for t in tasks)]
