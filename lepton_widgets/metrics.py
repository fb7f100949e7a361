"""The usual scores under one short name: ``lepton_widgets.metrics.r2_score`` and friends.

These are scikit-learn's own functions, re-exported so that an analyst needs one import.
"""

from sklearn.metrics import (
    accuracy_score,
    balanced_accuracy_score,
    confusion_matrix,
    f1_score,
    mean_absolute_error,
    mean_squared_error,
    precision_score,
    r2_score,
    recall_score,
    roc_auc_score,
    root_mean_squared_error,
)

__all__ = [
    "accuracy_score", "balanced_accuracy_score", "confusion_matrix", "f1_score",
    "mean_absolute_error", "mean_squared_error", "precision_score", "r2_score",
    "recall_score", "roc_auc_score", "root_mean_squared_error",
]
