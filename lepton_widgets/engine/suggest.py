"""For each finding, the cleaning step that addresses it (one click in the Data tab)."""

from __future__ import annotations

import pandas as pd

from . import labels as lb
from .errors import LeptonError
from .steps import Step, make_step

MOSTLY_MISSING = 0.5  # above this share a column is dropped rather than filled


def suggest(finding: dict, df: pd.DataFrame, columns: dict[str, dict]) -> Step | None:
    """The step for ``finding`` on ``df`` (``columns``: profile summaries by name), or None."""
    code = finding.get("warning")
    try:
        labels = [lb.by_display_name(df, name) for name in finding.get("columns", [])]
    except LeptonError:
        return None
    if not labels:
        return make_step("drop_duplicates") if code == "duplicate_rows" else None
    label, info = labels[0], columns.get(finding["columns"][0], {})
    if code in ("all_missing", "constant", "high_cardinality", "id_like"):
        return make_step("drop_columns", columns=[label])
    if code == "duplicate_information" and len(labels) == 2:
        return make_step("drop_columns", columns=[labels[1]])
    if code == "missing":
        kind = info.get("kind")
        share = info.get("missing", 0) / max(1, info.get("missing", 0) + info.get("count", 0))
        if share > MOSTLY_MISSING and kind in ("numeric", "categorical", "boolean", "text",
                                               "datetime"):
            return make_step("drop_columns", columns=[label])
        # a typical value exists for numbers and categories; the most common date or free
        # text would only invent data, so those gaps are left for the person to decide
        if kind not in ("numeric", "categorical", "boolean"):
            return None
        if kind != "numeric" and info.get("distinct", 0) >= info.get("count", 0):
            return None  # no value repeats: the "most common" one would be arbitrary
        strategy = "median" if kind == "numeric" else "mode"
        return make_step("fill_missing", columns=[label], strategy=strategy)
    if code == "mixed_types":
        return make_step("cast", columns=[label], to="string")
    if code == "infinite":
        return make_step("replace_infinite", columns=[label])
    if code == "outliers":
        return make_step("clip_outliers", columns=[label], method="iqr", factor=3.0,
                         action="clip")
    return None
