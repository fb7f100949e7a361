"""Cleaning steps: each applies to a frame, prints its own pandas code and has a JSON form.

A step never modifies the frame it is given. Columns are addressed by their real labels
(tuples for MultiIndex columns); generated code quotes every label with ``lit`` (repr).
"""

from __future__ import annotations

from .base import Step, StepError, lit
from .columns import CAST_TARGETS, Cast, DropColumns, Rename
from .features import DATE_PARTS, ENCODE_METHODS, SCALE_METHODS, DateParts, Encode, Scale
from .missing import (
    FILL_STRATEGIES,
    DropMissing,
    DropMissingColumns,
    FillMissing,
    ReplaceInfinite,
)
from .nlp import EntityCounts, Keywords, PredictLabel, Sentiment
from .rows import (
    CONDITIONS,
    OUTLIER_ACTIONS,
    OUTLIER_METHODS,
    ClipOutliers,
    DropDuplicates,
    Filter,
    Sort,
)
from .text import TEXT_ACTIONS, TextClean

STEPS: dict[str, type[Step]] = {
    cls.op: cls for cls in (DropColumns, Rename, DropDuplicates, FillMissing, DropMissing,
                            DropMissingColumns, ReplaceInfinite, Cast, Filter, Sort,
                            ClipOutliers, TextClean, Scale, Encode, DateParts, Sentiment,
                            EntityCounts, Keywords, PredictLabel)
}


def make_step(op: str | Step, **params: object) -> Step:
    """A step from its op name and parameters (or the step itself)."""
    if isinstance(op, Step):
        return op
    if op not in STEPS:
        raise StepError(f"unknown step {op!r}; known: {', '.join(STEPS)}")
    try:
        return STEPS[op].from_dict({"op": op, **params})
    except TypeError as exc:
        raise StepError(f"bad parameters for {op}: {exc}") from exc


__all__ = ["CAST_TARGETS", "CONDITIONS", "DATE_PARTS", "ENCODE_METHODS", "FILL_STRATEGIES",
           "OUTLIER_ACTIONS", "OUTLIER_METHODS", "SCALE_METHODS", "STEPS", "TEXT_ACTIONS", "Cast",
           "ClipOutliers", "DateParts", "DropColumns", "DropDuplicates", "DropMissing",
           "DropMissingColumns", "Encode", "EntityCounts", "FillMissing", "Filter", "Keywords",
           "PredictLabel", "Rename", "ReplaceInfinite", "Scale", "Sentiment", "Sort", "Step",
           "StepError", "TextClean", "lit", "make_step"]
