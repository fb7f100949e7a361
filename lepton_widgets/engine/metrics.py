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
    labels = np.unique(np.concatenate([np.asarray(y_true), np.asarray(y_pred)]))
    cm = skm.confusion_matrix(y_true, y_pred, labels=labels)
    out = {"accuracy": float(np.trace(cm) / cm.sum())} | _from_confusion(cm)
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


def _rates(cm: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
    """Precision, recall, F1 and support per class of a confusion matrix (0 where a class
    is never predicted or never true, as scikit-learn's ``zero_division=0``)."""
    tp = np.diag(cm).astype("float64")
    support, predicted = cm.sum(axis=1), cm.sum(axis=0)
    with np.errstate(divide="ignore", invalid="ignore"):
        precision = np.where(predicted > 0, tp / predicted, 0.0)
        recall = np.where(support > 0, tp / support, 0.0)
        both = 2 * tp + (predicted - tp) + (support - tp)
        f1 = np.where(both > 0, 2 * tp / both, 0.0)
    return precision, recall, f1, support


def _from_confusion(cm: np.ndarray) -> dict[str, float]:
    """Balanced accuracy (mean recall of the classes present) and macro F1, as scikit-learn
    computes them, from one confusion matrix instead of a pass over the labels each."""
    _, recall, f1, support = _rates(cm)
    return {"balanced_accuracy": float(recall[support > 0].mean()),
            "f1_macro": float(f1.mean())}


def per_class(y_true, y_pred, classes, matrix=None) -> list[dict]:
    """Precision, recall, F1 and support for each class (``matrix``: their confusion
    matrix in ``classes`` order, when it is already known)."""
    if matrix is None:
        matrix = skm.confusion_matrix(y_true, y_pred, labels=list(classes))
    p, r, f, s = _rates(np.asarray(matrix))
    return [{"class": c, "precision": float(pi), "recall": float(ri), "f1": float(fi),
             "support": int(si)} for c, pi, ri, fi, si in zip(classes, p, r, f, s, strict=False)]


def confusion(y_true, y_pred, classes) -> list[list[int]]:
    """Confusion matrix: rows are true classes, columns predicted, in ``classes`` order."""
    return skm.confusion_matrix(y_true, y_pred, labels=list(classes)).tolist()


MAX_CURVE_POINTS = 200


def _thin(x: np.ndarray, y: np.ndarray) -> tuple[list[float], list[float]]:
    """At most MAX_CURVE_POINTS points of a curve, always keeping both ends."""
    if len(x) > MAX_CURVE_POINTS:
        keep = np.unique(np.linspace(0, len(x) - 1, MAX_CURVE_POINTS).round().astype(int))
        x, y = x[keep], y[keep]
    return [float(v) for v in x], [float(v) for v in y]


def curves(y_true, proba, classes) -> dict:
    """ROC and precision-recall curves, one per class (one for the positive class when
    there are two): {"roc": [{"label", "x", "y", "auc"}], "pr": [{"label", "x", "y", "ap"}]}."""
    out: dict = {"roc": [], "pr": []}
    if proba is None:
        return out
    y_true = np.asarray(y_true)
    shown = [1] if len(classes) == 2 else range(len(classes))
    for k in shown:
        positive = y_true == classes[k]
        if positive.all() or not positive.any():
            continue
        fpr, tpr, _ = skm.roc_curve(positive, proba[:, k])
        precision, recall, _ = skm.precision_recall_curve(positive, proba[:, k])
        x, y = _thin(fpr, tpr)
        out["roc"].append({"label": str(classes[k]), "x": x, "y": y,
                           "auc": float(skm.auc(fpr, tpr))})
        x, y = _thin(recall[::-1], precision[::-1])
        out["pr"].append({"label": str(classes[k]), "x": x, "y": y,
                          "ap": float(skm.average_precision_score(positive, proba[:, k]))})
    return out


def projection(X_transformed, seed: int = 0) -> np.ndarray:
    """Rows projected on their first two principal components (for a cluster chart)."""
    from sklearn.decomposition import PCA

    X = np.asarray(X_transformed, dtype="float64")
    if X.shape[1] < 2:
        return np.column_stack([X[:, 0], np.zeros(len(X))])
    return PCA(n_components=2, random_state=seed).fit_transform(X)
