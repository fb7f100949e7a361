"""Steps from a form: what a UI sends (display names, typed text) turned into a Step.

The Clean tab sends ``{"op": ..., "columns": [display names], ...}`` with values as the
user typed them; here they become real column labels and values of the column's type.
"""

from __future__ import annotations

import pandas as pd

from . import labels as lb
from .kinds import column_kind
from .steps import Step, StepError, make_step

MISSING_WORDS = ("nan", "nat", "na", "none", "null")


def typed_value(text: object, s: pd.Series, what: str = "value") -> object:
    """Text typed for column ``s``, as the column needs it (exact integers, dates in the
    column's time zone, periods, category values); StepError naming the column otherwise."""
    if not isinstance(text, str):
        return text
    text = text.strip()
    col = lb.display_name(s.name)
    if not text:
        raise StepError(f"type the {what}")
    kind = column_kind(s)
    if isinstance(s.dtype, pd.CategoricalDtype):
        return _category_value(text, s, col)
    if kind != "text" and text.lower() in MISSING_WORDS:
        raise StepError(f"{text!r} is not a value for column {col!r}; to test for missing "
                        "values use 'is missing'")
    if kind == "numeric":
        return _number_value(text, s, col)
    if kind == "datetime":
        return _date_value(text, s, col)
    if kind == "timedelta":
        if text.replace(".", "", 1).isdigit():
            raise StepError(f"give {col!r} a duration with its unit, like '1 days' or '2h'")
        try:
            return pd.Timedelta(text)
        except ValueError:
            raise StepError(f"{text!r} is not a duration for column {col!r}; write it like "
                            "'1 days'") from None
    if kind == "boolean":
        lowered = text.lower()
        if lowered in ("true", "false"):
            return lowered == "true"
        raise StepError(f"column {col!r} holds true/false values; {text!r} is neither")
    return text


def _number_value(text: str, s: pd.Series, col: str) -> int | float:
    try:
        return int(text)  # exact, even beyond 2**53
    except ValueError:
        pass
    try:
        number = float(text)
    except ValueError:
        raise StepError(f"column {col!r} holds numbers; {text!r} is not a number") from None
    if pd.api.types.is_integer_dtype(s.dtype):
        if not number.is_integer():
            raise StepError(f"column {col!r} holds whole numbers; {text!r} is not one")
        return int(number)
    return number


def _date_value(text: str, s: pd.Series, col: str) -> object:
    if "," in text:
        raise StepError(f"write one date for column {col!r}, like 2021-05-11")
    try:
        if isinstance(s.dtype, pd.PeriodDtype):
            return pd.Period(text, freq=s.dtype.freq)
        stamp = pd.Timestamp(text)
    except ValueError:
        raise StepError(f"{text!r} is not a date for column {col!r}; write it like "
                        "2021-05-11") from None
    if not pd.api.types.is_datetime64_any_dtype(s.dtype):  # date objects, pyarrow dates
        return stamp.date()
    tz = getattr(s.dtype, "tz", None)
    if tz is not None and stamp.tz is None:
        return stamp.tz_localize(tz)  # a time typed for this column means its own zone
    return stamp


def _category_value(text: str, s: pd.Series, col: str) -> object:
    categories = s.cat.categories
    for c in categories:
        if str(c) == text:
            return c
    raise StepError(f"{text!r} is not one of the categories of column {col!r} "
                    f"({', '.join(str(c) for c in categories[:8])}"
                    f"{', ...' if len(categories) > 8 else ''})")


def _number(text: object, what: str) -> float:
    try:
        return float(text)  # type: ignore[arg-type]
    except (TypeError, ValueError):
        raise StepError(f"{what} must be a number, not {text!r}") from None


def _split(text: object) -> list[str]:
    return [p.strip() for p in str(text).split(",") if p.strip()]


def _condition(df: pd.DataFrame, cond: dict) -> dict:
    label = lb.by_display_name(df, cond.get("column", ""))
    lb.require(df, [label])
    s, op, raw = df[label], cond.get("op", ""), cond.get("value", "")
    if op in ("isna", "notna"):
        value: object = None
    elif op in ("in", "not in"):
        value = [typed_value(v, s) for v in _split(raw)]
        if not value:
            raise StepError(f"give the values for column {lb.display_name(label)!r}, "
                            "separated by commas")
    elif op == "between":
        parts = _split(raw)
        if len(parts) != 2:
            raise StepError("between needs two values separated by a comma, e.g. 10, 20")
        value = [typed_value(v, s) for v in parts]
    elif op in ("contains", "startswith"):
        value = str(raw)
    else:
        value = typed_value(raw, s)
    return {"column": label, "op": op, "value": value}


def step_from_form(df: pd.DataFrame, form: dict) -> Step:
    """The step a form describes, checked against the current frame ``df``."""
    op = form.get("op", "")
    labels = [lb.by_display_name(df, n) for n in form.get("columns") or []]
    if labels:
        lb.require(df, labels)
    if op == "fill_missing":
        params = {"strategy": form.get("strategy", "median")}
        if params["strategy"] == "constant":
            if not labels:
                raise StepError("choose at least one column to fill")
            params["value"] = typed_value(form.get("value"), df[labels[0]], "value to fill with")
        return make_step(op, columns=labels, **params)
    if op == "drop_duplicates":
        keep = form.get("keep", "first")
        return make_step(op, subset=labels or None, keep=False if keep == "none" else keep)
    if op == "drop_missing":
        return make_step(op, columns=labels or None, how=form.get("how", "any"))
    if op == "drop_missing_columns":
        percent = _number(form.get("threshold"), "the threshold")
        if not 0 <= percent <= 100:
            raise StepError(f"the threshold is a percentage between 0 and 100, not {percent:g}")
        return make_step(op, threshold=percent / 100)
    if op == "rename":
        if len(labels) != 1:
            raise StepError("choose the one column to rename")
        return make_step(op, mapping={labels[0]: str(form.get("new_name", "")).strip()})
    if op == "sort":
        return make_step(op, by=labels, ascending=form.get("order", "asc") != "desc")
    if op == "clip_outliers":
        return make_step(op, columns=labels, method=form.get("method", "iqr"),
                         factor=_number(form.get("factor", 1.5), "the factor"),
                         action=form.get("action", "clip"))
    if op == "text":
        return make_step(op, columns=labels, action=form.get("action", "trim"),
                         pattern=form.get("pattern", ""), replacement=form.get("replacement", ""),
                         regex=bool(form.get("regex", False)))
    if op == "filter":
        conditions = [_condition(df, c) for c in form.get("conditions") or []]
        return make_step(op, conditions=conditions, how=form.get("how", "all"))
    if op == "scale":
        return make_step(op, columns=labels, method=form.get("scale_method", "standard"))
    if op == "encode":
        cap = _number(form.get("max_levels", 20), "the level cap")
        if not cap.is_integer():
            raise StepError(f"the level cap must be a whole number, not {cap:g}")
        return make_step(op, columns=labels, method=form.get("encode_method", "onehot"),
                         max_levels=int(cap))
    if op == "date_parts":
        return make_step(op, columns=labels, parts=list(form.get("parts") or []))
    if op in ("drop_columns", "cast"):
        extra = {"to": form.get("to", "numeric")} if op == "cast" else {}
        return make_step(op, columns=labels, **extra)
    raise StepError(f"unknown step {op!r}")
