"""Column summaries, quality warnings and ranked findings for a DataFrame."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

import numpy as np
import pandas as pd

from . import jsonsafe
from .correlations import correlations, strong_pairs
from .kinds import column_kind
from .labels import display_names

TOP_VALUES = 10
MAX_VALUE_CHARS = 200
MAX_DUPLICATE_CELLS = 5_000_000  # duplicate rows are counted on frames up to this size
HISTOGRAM_BINS = 20
SKEW_LIMIT = 2.0
FAR_OUTLIER_IQR = 3.0
HIGH_CARDINALITY = 50
IMBALANCED_SHARE = 0.9   # one level holding this share of a categorical column
ID_MIN_ROWS = 50         # all-distinct columns longer than this look like identifiers
QUANTILES = (0.05, 0.25, 0.5, 0.75, 0.95)


@dataclass
class Profile:
    """Per-column stats, warnings and ranked findings; see :meth:`to_dict`."""

    n_rows: int
    n_columns: int
    columns: list[dict] = field(default_factory=list)
    findings: list[dict] = field(default_factory=list)
    correlations: dict = field(default_factory=dict)
    duplicate_rows: int | None = None  # None: not counted (frame too big, or unhashable)

    def to_dict(self) -> dict:
        """The stable JSON form documented in the README."""
        return {
            "n_rows": self.n_rows,
            "n_columns": self.n_columns,
            "columns": self.columns,
            "findings": self.findings,
            "correlations": self.correlations,
            "duplicate_rows": self.duplicate_rows,
        }

    def column(self, name: str) -> dict:
        """The summary of the column shown as ``name``."""
        for col in self.columns:
            if col["name"] == name:
                return col
        raise KeyError(name)

    def summary(self) -> pd.DataFrame:
        """One row per column: kind, dtype, count, missing, distinct, warnings."""
        keys = ["name", "kind", "dtype", "count", "missing", "distinct"]
        rows = [{k: c[k] for k in keys} | {"warnings": ", ".join(c["warnings"])}
                for c in self.columns]
        return pd.DataFrame(rows, columns=[*keys, "warnings"])

    def _repr_html_(self) -> str:
        return self.summary().to_html(index=False)  # pandas escapes the cells


class ProfileStopped(RuntimeError):
    """``should_stop`` asked the profile to end early."""


def profile(df: pd.DataFrame, should_stop: Callable[[], bool] | None = None,
            with_correlations: bool = True,
            on_column: Callable[[int, int, dict], None] | None = None) -> Profile:
    """Profile every column of ``df`` (which is not modified).

    ``should_stop`` is checked between columns; when it answers True the profile ends with
    :class:`ProfileStopped`. ``on_column(i, n, summary)`` hears of each column as it is done.
    """
    names = display_names(df.columns)
    columns = []
    for i in range(df.shape[1]):
        if should_stop is not None and should_stop():
            raise ProfileStopped("profile stopped")
        columns.append(profile_column(df.iloc[:, i], names[i]))
        if on_column is not None:
            on_column(i, df.shape[1], columns[-1])
    corr = correlations(df, columns) if with_correlations and len(df) > 1 else {}
    findings = rank_findings(columns, int(df.shape[0]), corr)
    dup = duplicate_rows(df)
    extra = {"duplicate_rows": dup}
    if dup:
        share = dup / len(df)
        findings.append({"text": f"{dup:,} rows ({_percent(share)}) repeat an earlier row",
                         "score": round(0.3 + 0.5 * share, 3), "columns": [],
                         "warning": "duplicate_rows"})
        findings.sort(key=lambda f: -f["score"])
    return Profile(
        n_rows=int(df.shape[0]),
        n_columns=int(df.shape[1]),
        columns=columns,
        findings=findings,
        correlations=corr,
        **extra,
    )


def duplicate_rows(df: pd.DataFrame) -> int | None:
    """Rows equal to an earlier row (all columns), by 64-bit row hashes; None when the frame
    is over MAX_DUPLICATE_CELLS (the count costs more than the rest of the profile there)
    or its cells cannot be hashed."""
    if df.size == 0 or df.size > MAX_DUPLICATE_CELLS or df.columns.has_duplicates:
        return None
    try:
        return int(pd.util.hash_pandas_object(df, index=False).duplicated().sum())
    except TypeError:  # lists or dicts in cells
        return None


def _counted(s: pd.Series) -> tuple[pd.Series, int, pd.Series | None]:
    """(hashable form of ``s``, distinct count, value counts when cheap to keep).

    Cells holding lists or dicts are counted by their text. Non-numeric columns are
    counted once with ``value_counts``, which gives both the distinct count and the top.
    """
    numeric = pd.api.types.is_numeric_dtype(s.dtype) and not pd.api.types.is_bool_dtype(s.dtype)
    try:
        if numeric or pd.api.types.is_datetime64_any_dtype(s.dtype):
            return s, int(s.nunique(dropna=True)), None
        counts = s.value_counts(dropna=True)
        counts = counts[counts > 0]  # unused categories are reported on their own
        return s, len(counts), counts
    except TypeError:
        text = s.map(lambda v: v if v is None or v is pd.NA else repr(v)).astype(object)
        counts = text.value_counts(dropna=True)
        return text, len(counts), counts


def profile_column(s: pd.Series, name: str) -> dict:
    """Summary of one column: the common fields plus its kind's stats and warnings.

    Never raises: a column whose stats fail gets the common fields and a
    ``profile_failed`` warning with the reason in ``error``.
    """
    with np.errstate(over="ignore", invalid="ignore"):  # huge values: inf stats become null
        try:
            return _profile_column(s, name)
        except Exception as exc:  # an exotic dtype must not take the whole profile down
            n, missing = len(s), int(s.isna().sum())
            return {"name": name, "kind": "other", "dtype": str(s.dtype), "count": n - missing,
                    "missing": missing, "distinct": None, "warnings": ["profile_failed"],
                    "error": f"{type(exc).__name__}: {exc}"}


def _profile_column(s: pd.Series, name: str) -> dict:
    hs, distinct, counts = _counted(s)
    kind = column_kind(s, distinct)
    n = len(s)
    missing = int(s.isna().sum())
    count = n - missing
    col: dict = {
        "name": name,
        "kind": kind,
        "dtype": str(s.dtype),
        "count": count,
        "missing": missing,
        "distinct": distinct,
        "warnings": [],
    }
    if kind == "numeric":
        col.update(_numeric_stats(s))
    elif kind in ("datetime", "timedelta"):
        col.update(_time_stats(s, kind))
    if kind in ("categorical", "text", "boolean", "mixed", "nested", "other") and count:
        col["top"] = (_top_values(hs) if counts is None else _top_values(counts, counted=True))
    if kind == "text" and count:
        lengths = s.dropna().astype(str).str.len()
        col["length"] = {"min": int(lengths.min()), "mean": float(lengths.mean()),
                         "max": int(lengths.max())}
    if kind == "mixed":
        col["types"] = sorted({type(v).__name__ for v in s.dropna().iloc[:10000]})
    if isinstance(s.dtype, pd.CategoricalDtype):
        used = set(s.cat.codes[s.cat.codes >= 0].unique())
        col["unused_categories"] = [c for i, c in enumerate(s.cat.categories) if i not in used]
    if kind == "numeric" and count > ID_MIN_ROWS and distinct == count and (
            pd.api.types.is_integer_dtype(s.dtype)):
        col["id_like"] = True
    col["warnings"] = _warnings(col, n)
    return jsonsafe.tree(col)  # type: ignore[return-value]


def _top_values(values_or_counts: pd.Series, counted: bool = False) -> list[list]:
    counts = values_or_counts.value_counts(dropna=True) if not counted else values_or_counts
    return [[_short(jsonsafe.scalar(v)), int(c)] for v, c in counts.head(TOP_VALUES).items()]


def _short(value: object) -> object:
    """Long text values are cut in summaries (a profile must stay small)."""
    if isinstance(value, str) and len(value) > MAX_VALUE_CHARS:
        return value[: MAX_VALUE_CHARS - 1] + "…"
    return value


def _as_float(s: pd.Series) -> np.ndarray:
    if s.dtype == object:
        s = pd.to_numeric(s, errors="coerce")
    return s.to_numpy(dtype="float64", na_value=np.nan)


def _numeric_stats(s: pd.Series) -> dict:
    values = _as_float(s)
    values = values[~np.isnan(values)]
    finite = values[np.isfinite(values)]
    out: dict = {"infinite": int(values.size - finite.size)}
    if finite.size == 0:
        return out | {"min": None, "max": None, "mean": None, "std": None}
    exact = s.dropna()
    if s.dtype.kind in "iu" or str(s.dtype).startswith(("Int", "UInt")):
        out["min"], out["max"] = int(exact.min()), int(exact.max())  # exact beyond 2**53
    else:
        out["min"], out["max"] = float(finite.min()), float(finite.max())
    q = np.quantile(finite, QUANTILES)
    iqr = q[3] - q[1]
    far = np.sum((finite < q[1] - FAR_OUTLIER_IQR * iqr) | (finite > q[3] + FAR_OUTLIER_IQR * iqr))
    out |= {
        "mean": float(finite.mean()),
        "std": float(finite.std(ddof=1)) if finite.size > 1 else None,
        "quantiles": {str(k): float(v) for k, v in zip(QUANTILES, q, strict=False)},
        "skew": float(pd.Series(finite).skew()) if finite.size > 2 else None,
        "zeros": int(np.sum(finite == 0)),
        "outliers": int(far) if iqr > 0 else 0,
    }
    out["histogram"] = histogram(finite)
    return out


def histogram(values: np.ndarray) -> dict:
    """Equal-width bins over finite float values; robust to one value and huge ranges."""
    lo, hi = float(values.min()), float(values.max())
    bins = max(1, min(HISTOGRAM_BINS, np.unique(values[:100_000]).size))
    if lo == hi:
        return {"edges": [lo, hi], "counts": [int(values.size)]}
    scale = 1.0 if np.isfinite(hi - lo) else 0.5  # a range that overflows float64
    try:
        counts, edges = np.histogram(values * scale, bins=bins, range=(lo * scale, hi * scale))
    except ValueError:  # bins narrower than float resolution: one bin
        return {"edges": [lo, hi], "counts": [int(values.size)]}
    return {"edges": (edges / scale).tolist(), "counts": counts.tolist()}


def _time_stats(s: pd.Series, kind: str) -> dict:
    if kind == "datetime" and s.dtype == object:
        s = pd.to_datetime(s, errors="coerce", utc=_has_tz(s))
    t = s.dropna()
    if t.empty:
        return {"min": None, "max": None}
    lo, hi = t.min(), t.max()
    out: dict = {"min": lo, "max": hi}
    try:  # ticks in the column's own unit: differences could overflow int64
        unit = t.dt.unit
        ticks = t.astype("int64").to_numpy(dtype="float64")
    except (AttributeError, TypeError, ValueError, NotImplementedError):
        return out  # e.g. pyarrow date types: min/max only
    hist = histogram(ticks)
    if kind == "timedelta":
        inner = [pd.Timedelta(np.timedelta64(int(e), unit)) for e in hist["edges"][1:-1]]
    else:
        tz = getattr(t.dtype, "tz", None)
        inner = [pd.Timestamp(np.datetime64(int(e), unit)) for e in hist["edges"][1:-1]]
        if tz is not None:
            inner = [v.tz_localize("UTC").tz_convert(tz) for v in inner]
    hist["edges"] = [lo, *inner, hi]  # exact ends: float ticks may round past them
    out["histogram"] = hist
    return out


def _has_tz(s: pd.Series) -> bool:
    sample = s.dropna().iloc[:100]
    return any(getattr(v, "tzinfo", None) is not None for v in sample)


def _warnings(col: dict, n_rows: int) -> list[str]:
    w = []
    count, distinct, kind = col["count"], col["distinct"], col["kind"]
    if n_rows and count == 0:
        w.append("all_missing")
    elif col["missing"]:
        w.append("missing")
    if count and distinct == 1:
        w.append("constant")
    if kind in ("text", "categorical", "mixed") and distinct > HIGH_CARDINALITY and (
        distinct > 0.5 * count
    ):
        w.append("high_cardinality")
    if kind == "mixed":
        w.append("mixed_types")
    if col.get("infinite"):
        w.append("infinite")
    skew = col.get("skew")
    if skew is not None and abs(skew) > SKEW_LIMIT:
        w.append("skewed")
    if col.get("outliers"):
        w.append("outliers")
    top = col.get("top")
    if kind in ("categorical", "boolean") and top and distinct >= 2 and (
            top[0][1] >= IMBALANCED_SHARE * count):
        w.append("imbalanced")
    if col.get("unused_categories"):
        w.append("unused_categories")
    if col.get("id_like") or (distinct == count > ID_MIN_ROWS and kind in ("text",
                                                                          "categorical")):
        w.append("id_like")
    return w


def _percent(share: float) -> str:
    return "under 1%" if 0 < share < 0.01 else f"{share:.0%}"


def _finding(text: str, score: float, column: str, code: str) -> dict:
    return {"text": text, "score": round(float(score), 3), "columns": [column], "warning": code}


MEASURE = {"pearson": "Pearson", "cramers_v": "Cramér's V"}
MAX_PAIR_FINDINGS = 15


def _pair_findings(corr: dict) -> list[dict]:
    out: list[dict] = []
    copies: set[str] = set()  # a column that repeats another adds no new pair findings
    for a, b, measure, v in strong_pairs(corr):
        if a in copies or b in copies or len(out) >= MAX_PAIR_FINDINGS:
            continue
        if abs(v) >= 0.99:
            copies.add(b)
        sample = " on a sample" if corr.get("sampled") else ""
        if abs(v) >= 0.99:
            text = f"{a} and {b} carry the same information ({MEASURE[measure]} {v:.2f}{sample})"
        elif measure == "pearson":
            sign = "positively" if v > 0 else "negatively"
            text = f"{a} and {b} are {sign} correlated (Pearson {v:.2f}{sample})"
        else:
            text = f"{a} is strongly associated with {b} (Cramér's V {v:.2f}{sample})"
        out.append({"text": text, "score": round(0.15 + 0.3 * abs(v), 3), "columns": [a, b],
                    "warning": "duplicate_information" if abs(v) >= 0.99 else "association"})
    return out


def rank_findings(columns: list[dict], n_rows: int, corr: dict | None = None) -> list[dict]:
    """Plain-language findings with the number behind each, most important first."""
    out = _pair_findings(corr or {})
    for c in columns:
        name, w = c["name"], c["warnings"]
        if "all_missing" in w:
            out.append(_finding(f"{name} is empty: all {n_rows:,} values are missing", 0.95,
                                name, "all_missing"))
        elif "missing" in w:
            share = c["missing"] / n_rows
            out.append(_finding(f"{name} is missing in {_percent(share)} of rows "
                                f"({c['missing']:,} of {n_rows:,})", 0.3 + 0.6 * share, name,
                                "missing"))
        if "constant" in w:
            value = c["top"][0][0] if c.get("top") else c.get("min")
            out.append(_finding(f"{name} has a single value ({value!s})", 0.7, name,
                                "constant"))
        if "mixed_types" in w:
            kinds = ", ".join(c.get("types", []))
            out.append(_finding(f"{name} mixes value types ({kinds})", 0.8, name,
                                "mixed_types"))
        if "infinite" in w:
            out.append(_finding(f"{name} holds {c['infinite']:,} infinite values", 0.85, name,
                                "infinite"))
        if "imbalanced" in w:
            value, n_top = c["top"][0]
            out.append(_finding(f"{name} is imbalanced: {value!s} is {n_top / c['count']:.0%} "
                                "of its values", 0.3 + 0.2 * n_top / c["count"], name,
                                "imbalanced"))
        if "unused_categories" in w:
            unused = ", ".join(str(u) for u in c["unused_categories"][:5])
            out.append(_finding(f"{name} has {len(c['unused_categories']):,} unused "
                                f"categories ({unused})", 0.2, name, "unused_categories"))
        if "id_like" in w and "high_cardinality" not in w:
            out.append(_finding(f"{name} looks like an identifier: every one of its "
                                f"{c['count']:,} values is different", 0.45, name, "id_like"))
        if "high_cardinality" in w and c["kind"] == "text":
            out.append(_finding(f"{name} is free text: {c['distinct']:,} distinct values in "
                                f"{c['count']:,} rows", 0.35, name, "free_text"))
        elif "high_cardinality" in w:
            out.append(_finding(f"{name} looks like an identifier: {c['distinct']:,} distinct "
                                f"values in {c['count']:,} rows", 0.5, name, "high_cardinality"))
        if "skewed" in w:
            side = "right" if c["skew"] > 0 else "left"
            out.append(_finding(f"{name} is strongly {side}-skewed (skew {c['skew']:.1f})",
                                min(0.6, 0.2 + abs(c["skew"]) / 20), name, "skewed"))
        if "outliers" in w:
            out.append(_finding(f"{name} has {c['outliers']:,} far outliers (beyond 3 IQR)",
                                0.25 + 0.3 * c["outliers"] / max(c["count"], 1), name, "outliers"))
    out.sort(key=lambda f: -f["score"])
    return out
