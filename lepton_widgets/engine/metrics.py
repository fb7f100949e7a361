"""Metric tables and chart data for fitted models, as plain numbers and lists."""

from __future__ import annotations

import numpy as np
from sklearn import metrics as skm


def regression_metrics(y_true, y_pred) -> dict[str, float]:
    """R2, MAE and RMSE."""
    return {
        "r2": float(skm.r2_score(y_true, y_pred)),
        "mae": float(skm.mean_absolute_error(y_true, y_pred)),
        "rmse": float(np.sqrt(skm.mean_squared_error(y_true, y_pred))),
    }


def classification_metrics(y_true, y_pred, proba=None, classes=None) -> dict[str, float]:
    """Accuracy, balanced accuracy, macro F1 and (with probabilities) ROC AUC."""
    out = {
        "accuracy": float(skm.accuracy_score(y_true, y_pred)),
        "balanced_accuracy": float(skm.balanced_accuracy_score(y_true, y_pred)),
        "f1_macro": float(skm.f1_score(y_true, y_pred, average="macro", zero_division=0)),
    }
    if proba is not None and classes is not None and len(np.unique(y_true)) > 1:
        try:
            if len(classes) == 2:
                out["roc_auc"] = float(skm.roc_auc_score(y_true == classes[1], proba[:, 1]))
            else:
                out["roc_auc"] = float(skm.roc_auc_score(
                    y_true, proba, multi_class="ovr", labels=list(classes)))
        except ValueError:  # a class absent from the test split
            pass
    return out


def per_class(y_true, y_pred, classes) -> list[dict]:
    """Precision, recall, F1 and support for each class."""
    p, r, f, s = skm.precision_recall_fscore_support(
        y_true, y_pred, labels=list(classes), zero_division=0)
    return [{"class": c, "precision": float(pi), "recall": float(ri), "f1": float(fi),
             "support": int(si)} for c, pi, ri, fi, si in zip(classes, p, r, f, s, strict=False)]


def confusion(y_true, y_pred, classes) -> list[list[int]]:
    """Confusion matrix: rows are true classes, columns predicted, in ``classes`` order."""
    return skm.confusion_matrix(y_true, y_pred, labels=list(classes)).tolist()
