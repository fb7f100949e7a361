"""The NLP tab's text classifiers and their leaderboard.

Each choice is one model of the Model tab's registry with fixed settings; every run goes
through :func:`lepton_widgets.train`, whose test split depends only on the rows, the label,
``test_size`` and ``random_state``, so the runs of one board are scored on the same rows.
"""

from __future__ import annotations

import pandas as pd

from .. import jsonsafe
from ..models.registry import missing_extra

# The linear model's default regularisation (C=1) under-fits sparse TF-IDF words: spam
# recall on sms_spam drops to 0.79. C=30 keeps a held-out spam F1 above 0.9. The networks
# keep the registry's defaults (8 epochs, early stopping on a validation tenth).
CLASSIFIERS = {
    "tfidf_linear": {"label": "TF-IDF + logistic regression", "model": "linear",
                     "params": {"C": 30.0}, "text": "tfidf"},
    "transformer": {"label": "Text network (Transformer)", "model": "text_network",
                    "params": {"arch": "transformer"}},
    "gru": {"label": "Text network (GRU)", "model": "text_network", "params": {"arch": "gru"}},
}


def classifier_choices() -> list[list[str]]:
    """``[key, label, why_not]`` for each classifier; ``why_not`` is the install line of a
    model whose extra is missing here ('' when it can be trained)."""
    return [[key, spec["label"], missing_extra(spec["model"]) or ""]
            for key, spec in CLASSIFIERS.items()]


def board_row(key: str, result, seconds: float) -> dict:
    """One leaderboard row (JSON-safe) from a classification ``TrainResult``."""
    spec = CLASSIFIERS[key]
    m = result.metrics
    stopped = any(note.startswith("stopped by you") for note in result.notes)
    return jsonsafe.tree({
        "key": key, "model": spec["label"], "accuracy": m["accuracy"],
        "balanced_accuracy": m["balanced_accuracy"], "f1_macro": m["f1_macro"],
        "f1": [[str(row["class"]), row["f1"]] for row in result.per_class],
        "seconds": seconds, "test_rows": len(result.X_test), "stopped": stopped})


def add_row(rows: list[dict], row: dict) -> list[dict]:
    """The board with ``row`` in it: a model's new row replaces its old one; best first by
    balanced accuracy."""
    kept = [r for r in rows if r["key"] != row["key"]] + [row]
    return sorted(kept, key=lambda r: -r["balanced_accuracy"])


def board_frame(rows: list[dict]) -> pd.DataFrame:
    """The board as a DataFrame: one row per model, one ``f1 <class>`` column per class."""
    records = [{"model": r["model"], "accuracy": r["accuracy"],
                "balanced_accuracy": r["balanced_accuracy"], "f1_macro": r["f1_macro"],
                **{f"f1 {c}": v for c, v in r["f1"]}, "seconds": r["seconds"],
                "stopped": r["stopped"]} for r in rows]
    columns = ["model", "accuracy", "balanced_accuracy", "f1_macro"]
    return pd.DataFrame(records, columns=None if records else [*columns, "seconds"])
