"""NLP on text columns: text profile, keywords, sentiment and entities.

Pure pandas/scikit-learn/vaderSentiment. :func:`analyze` gathers everything the NLP tab
shows for one column; the parts are usable alone.
"""

from __future__ import annotations

from collections.abc import Callable

import pandas as pd

from .. import jsonsafe
from .. import labels as lb
from .entities import KINDS as ENTITY_KINDS
from .entities import entities, find_entities
from .keywords import keywords
from .sentiment import sentiment
from .textprofile import (
    MAX_GROUPS,
    TextError,
    group_columns,
    text_columns,
    text_profile,
    top_terms,
)

SAMPLE_ROWS = 20_000  # keywords, sentiment and entities of bigger columns use a sample

__all__ = ["ENTITY_KINDS", "SAMPLE_ROWS", "TextError", "analyze", "entities",
           "find_entities", "group_columns", "keywords", "sentiment", "text_columns",
           "text_profile", "top_terms"]


class AnalysisStopped(Exception):
    """``should_stop`` asked the analysis to end."""


def analyze(df: pd.DataFrame, column, by=None, sample_rows: int = SAMPLE_ROWS,
            on_progress: Callable[[float, str], None] | None = None,
            should_stop: Callable[[], bool] | None = None) -> dict:
    """Text profile, keywords, sentiment and entities of ``df[column]``, split by the
    column ``by`` when given. JSON-safe.

    Counts and length distributions cover every row. Keywords, sentiment and entities use
    a seeded sample of ``sample_rows`` rows when the frame is bigger (``sample`` says so).
    """
    lb.require(df, [column] + ([by] if by is not None else []))
    s = df[column]
    groups = df[by] if by is not None else None
    if groups is not None and groups.nunique(dropna=True) > MAX_GROUPS:
        raise TextError(f"column {lb.display_name(by)!r} has {groups.nunique():,} values; "
                        f"group by a column with at most {MAX_GROUPS}")
    sampled = len(s) > sample_rows
    if sampled:
        rows = s.sample(n=sample_rows, random_state=0).index
        part, part_groups = s.loc[rows], (groups.loc[rows] if groups is not None else None)
        if s.index.has_duplicates:  # .loc would repeat rows: take positions instead
            pos = pd.Series(range(len(s))).sample(n=sample_rows, random_state=0).to_numpy()
            part = s.iloc[pos]
            part_groups = groups.iloc[pos] if groups is not None else None
    else:
        part, part_groups = s, groups

    def step(fraction: float, message: str) -> None:
        if should_stop is not None and should_stop():
            raise AnalysisStopped("analysis stopped")
        if on_progress is not None:
            on_progress(fraction, message)

    out: dict = {"column": lb.display_name(column),
                 "by": None if by is None else lb.display_name(by),
                 "rows": len(s), "sample": len(part) if sampled else None}
    step(0.0, "text profile")
    out["profile"] = text_profile(s, part if sampled else None)
    step(0.25, "keywords")
    out["keywords"] = keywords(part, part_groups)
    step(0.5, "sentiment")
    out["sentiment"] = sentiment(part, part_groups)
    step(0.8, "entities")
    out["entities"] = entities(part, part_groups)
    step(1.0, "done")
    return jsonsafe.tree(out)  # type: ignore[return-value]
