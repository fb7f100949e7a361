"""NLP results as new columns: sentiment score, entity counts, keywords, predicted label.

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
    predict_text_label,
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

    def added(self, df: pd.DataFrame, column) -> dict:
        """{new label: values} for one text column of ``df``."""
        raise NotImplementedError

    def apply(self, df: pd.DataFrame) -> pd.DataFrame:
        _check_text(df, self.columns)
        out = df.copy(deep=False)
        for c in self.columns:
            for label, values in self.added(df, c).items():
                out[label] = values
        return out


@dataclass
class Sentiment(_TextStep):
    """Add ``<column>_sentiment``: VADER's compound score, -1 to +1 (NaN for missing)."""

    op: ClassVar[str] = "sentiment"
    helpers: ClassVar[tuple] = (text_values, sentiment_scores)

    def added(self, df: pd.DataFrame, column) -> dict:
        return {new_name(column, "sentiment"): sentiment_scores(df[column])}

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

    def added(self, df: pd.DataFrame, column) -> dict:
        counts = count_entities(df[column], self.kinds)
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

    def added(self, df: pd.DataFrame, column) -> dict:
        return {new_name(column, "keywords"): row_keywords(df[column], self.top)}

    def to_code(self) -> str:
        return "\n".join(f"df[{lit(new_name(c, 'keywords'))}] = row_keywords(df[{lit(c)}], "
                         f"{self.top!r})" for c in self.columns)

    def describe(self) -> str:
        return f"Top {self.top} keywords of {names(self.columns)}"


@dataclass
class PredictLabel(_TextStep):
    """Add ``<target>_predicted``: a label for every row from TF-IDF words of the text and
    logistic regression (``C``), fitted on the rows whose ``target`` is known each time the
    recipe runs. Those rows get in-sample predictions; new rows get real ones."""

    target: object = None
    C: float = 30.0
    op: ClassVar[str] = "predict_label"
    helpers: ClassVar[tuple] = (text_values, predict_text_label)

    def __post_init__(self) -> None:
        super().__post_init__()
        if len(self.columns) != 1:
            raise StepError("predict a label from one text column")
        if self.target is None:
            raise StepError("choose the label column to predict")
        self.target = lb.from_jsonable(self.target)
        if isinstance(self.C, bool) or not isinstance(self.C, (int, float)) or not (
                0 < self.C <= 1e6):
            raise StepError(f"C must be a positive number, not {self.C!r}")

    def added(self, df: pd.DataFrame, column) -> dict:
        require(df, [self.target])
        y, shown = df[self.target], lb.display_name(self.target)
        if y.nunique(dropna=True) < 2:
            raise StepError(f"label {shown!r} needs at least two classes to learn from")
        try:
            return {new_name(self.target, "predicted"): predict_text_label(df[column], y,
                                                                           self.C)}
        except ValueError as exc:  # e.g. no word appears twice
            raise StepError(f"cannot learn {shown!r} from {lb.display_name(column)!r}: "
                            f"{exc}") from None

    def to_code(self) -> str:
        return (f"df[{lit(new_name(self.target, 'predicted'))}] = predict_text_label("
                f"df[{lit(self.columns[0])}], df[{lit(self.target)}], {self.C!r})")

    def describe(self) -> str:
        return (f"Predict {lb.display_name(self.target)} from {names(self.columns)} "
                f"(TF-IDF + logistic regression, C={self.C:g})")
