"""NLP results as new columns: sentiment score, entity counts, keywords of each text.

Each step adds columns named after the text column (``SMS_sentiment``, ``SMS_url``,
``SMS_keywords``) and replays through the helpers in ``engine/nlp/helpers.py``, which the
exported code embeds, so ``transform(df)`` gives the very same values.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import ClassVar

import pandas as pd

from .. import labels as lb
from ..nlp.entities import KINDS as ENTITY_KINDS
from ..nlp.helpers import (
    count_entities,
    entity_pattern,
    row_keywords,
    sentiment_scores,
    text_values,
)
from .base import Step, StepError, lit, names, need_columns, require

MAX_KEYWORDS = 20


def _check_text(df: pd.DataFrame, columns: list) -> None:
    require(df, columns)
    for c in columns:
        s = df[c]
        if pd.api.types.is_numeric_dtype(s.dtype) or pd.api.types.is_bool_dtype(s.dtype) or (
                pd.api.types.is_datetime64_any_dtype(s.dtype)):
            raise StepError(f"column {lb.display_name(c)!r} holds {s.dtype} values; NLP "
                            "steps need text")


def new_name(column, suffix: str):
    """The label of a column an NLP step adds for ``column`` (a MultiIndex label keeps its
    depth: its last level gets the suffix)."""
    if isinstance(column, tuple) and column:
        return (*column[:-1], f"{column[-1]}_{suffix}")
    return f"{lb.display_name(column)}_{suffix}"


@dataclass
class _TextStep(Step):
    """Adds columns computed from each text column in ``columns``."""

    columns: list = field(default_factory=list)

    def __post_init__(self) -> None:
        self.columns = need_columns(self.columns, "choose at least one text column")

    def added(self, s: pd.Series, column) -> dict:
        """{new label: values} for one text column."""
        raise NotImplementedError

    def apply(self, df: pd.DataFrame) -> pd.DataFrame:
        _check_text(df, self.columns)
        out = df.copy(deep=False)
        for c in self.columns:
            for label, values in self.added(df[c], c).items():
                out[label] = values
        return out


@dataclass
class Sentiment(_TextStep):
    """Add ``<column>_sentiment``: VADER's compound score, -1 to +1 (NaN for missing)."""

    op: ClassVar[str] = "sentiment"
    helpers: ClassVar[tuple] = (text_values, sentiment_scores)

    def added(self, s: pd.Series, column) -> dict:
        return {new_name(column, "sentiment"): sentiment_scores(s)}

    def to_code(self) -> str:
        return "\n".join(f"df[{lit(new_name(c, 'sentiment'))}] = sentiment_scores(df[{lit(c)}])"
                         for c in self.columns)

    def describe(self) -> str:
        return f"Sentiment score of {names(self.columns)}"


@dataclass
class EntityCounts(_TextStep):
    """Add ``<column>_<kind>`` per entity kind: how many the text holds (0 when missing)."""

    kinds: list = field(default_factory=lambda: list(ENTITY_KINDS))
    op: ClassVar[str] = "entity_counts"
    helpers: ClassVar[tuple] = (text_values, entity_pattern, count_entities)

    def __post_init__(self) -> None:
        super().__post_init__()
        self.kinds = list(self.kinds or [])
        unknown = [k for k in self.kinds if k not in ENTITY_KINDS]
        if unknown or not self.kinds:
            raise StepError(f"unknown entity kinds {unknown}; use some of "
                            f"{', '.join(ENTITY_KINDS)}")

    def added(self, s: pd.Series, column) -> dict:
        counts = count_entities(s, self.kinds)
        return {new_name(column, k): counts[k] for k in self.kinds}

    def to_code(self) -> str:
        lines = []
        for c in self.columns:
            lines.append(f"counts = count_entities(df[{lit(c)}], {self.kinds!r})")
            lines += [f"df[{lit(new_name(c, k))}] = counts[{k!r}]" for k in self.kinds]
        return "\n".join(lines)

    def describe(self) -> str:
        return f"Count {', '.join(self.kinds)} in {names(self.columns)}"


@dataclass
class Keywords(_TextStep):
    """Add ``<column>_keywords``: the ``top`` TF-IDF terms of each text, comma-separated
    (TF-IDF fitted on the column each time the recipe runs)."""

    top: int = 3
    op: ClassVar[str] = "keywords"
    helpers: ClassVar[tuple] = (text_values, row_keywords)

    def __post_init__(self) -> None:
        super().__post_init__()
        if isinstance(self.top, bool) or not isinstance(self.top, int) or not (
                1 <= self.top <= MAX_KEYWORDS):
            raise StepError(f"keywords per text must be a whole number from 1 to "
                            f"{MAX_KEYWORDS}, not {self.top!r}")

    def added(self, s: pd.Series, column) -> dict:
        return {new_name(column, "keywords"): row_keywords(s, self.top)}

    def to_code(self) -> str:
        return "\n".join(f"df[{lit(new_name(c, 'keywords'))}] = row_keywords(df[{lit(c)}], "
                         f"{self.top!r})" for c in self.columns)

    def describe(self) -> str:
        return f"Top {self.top} keywords of {names(self.columns)}"
