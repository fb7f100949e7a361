"""Text cleaning: trim, change case, replace, extract with a regular expression."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import ClassVar

import pandas as pd

from .. import labels as lb
from .base import Step, StepError, lit, names, need_columns, require, shown

TEXT_ACTIONS = ("trim", "lower", "upper", "title", "replace", "extract")
_SIMPLE = {"trim": "strip", "lower": "lower", "upper": "upper", "title": "title"}


@dataclass
class TextClean(Step):
    """One text operation on string columns. ``replace`` and ``extract`` take ``pattern``
    (a regular expression when ``regex`` is true); ``extract`` keeps the first group, or the
    whole match when the pattern has no group."""

    columns: list = field(default_factory=list)
    action: str = "trim"
    pattern: str = ""
    replacement: str = ""
    regex: bool = False
    op: ClassVar[str] = "text"

    def __post_init__(self) -> None:
        self.columns = need_columns(self.columns, "choose at least one text column")
        if self.action not in TEXT_ACTIONS:
            raise StepError(f"unknown text action {self.action!r}; use one of "
                            f"{', '.join(TEXT_ACTIONS)}")
        if self.action in ("replace", "extract"):
            if not self.pattern:
                raise StepError(f"{self.action} needs a pattern")
            if self.regex or self.action == "extract":
                try:
                    re.compile(self.pattern)
                except re.error as exc:
                    raise StepError(f"the pattern {self.pattern!r} is not a valid regular "
                                    f"expression: {exc}") from None

    @property
    def _extract_pattern(self) -> str:
        """The pattern with one group around it when it has none (inline flags stay first)."""
        if re.compile(self.pattern).groups:
            return self.pattern
        flags = re.match(r"\(\?[aiLmsux]+\)", self.pattern)
        head = flags.group(0) if flags else ""
        return f"{head}({self.pattern[len(head):]})"

    def _expr(self, s: str) -> str:
        """The pandas expression on column source ``s`` (shared by apply and to_code)."""
        if self.action in _SIMPLE:
            return f"{s}.str.{_SIMPLE[self.action]}()"
        if self.action == "replace":
            return (f"{s}.str.replace({self.pattern!r}, {self.replacement!r}, "
                    f"regex={self.regex!r})")
        return f"{s}.str.extract({self._extract_pattern!r}, expand=True)[0]"

    def apply(self, df: pd.DataFrame) -> pd.DataFrame:
        require(df, self.columns)
        out = df.copy(deep=False)
        for c in self.columns:
            s = df[c]
            text_categories = isinstance(s.dtype, pd.CategoricalDtype) and (
                pd.api.types.is_string_dtype(s.cat.categories.dtype))
            if not (pd.api.types.is_string_dtype(s.dtype) or text_categories):
                raise StepError(f"column {lb.display_name(c)!r} holds {s.dtype} values; text "
                                "steps need text (change its type to string first)")
            if s.dtype == object and not s.dropna().map(lambda v: isinstance(v, str)).all():
                raise StepError(f"column {lb.display_name(c)!r} holds values that are not text; "
                                "change its type to string first")
            if self.action in _SIMPLE:
                out[c] = getattr(s.str, _SIMPLE[self.action])()
            elif self.action == "replace":
                out[c] = s.str.replace(self.pattern, self.replacement, regex=self.regex)
            else:
                out[c] = s.str.extract(self._extract_pattern, expand=True)[0]
        return out

    def to_code(self) -> str:
        return "\n".join(f"df[{lit(c)}] = {self._expr(f'df[{lit(c)}]')}" for c in self.columns)

    def describe(self) -> str:
        what = {"trim": "Trim spaces in", "lower": "Lower-case", "upper": "Upper-case",
                "title": "Title-case", "replace": f"Replace {shown(self.pattern)} with "
                f"{shown(self.replacement)} in", "extract": f"Extract {shown(self.pattern)} from"}
        return f"{what[self.action]} {names(self.columns)}"
