"""Chart data reduced in the kernel: a few thousand numbers whatever the row count.

Lines are downsampled with MinMaxLTTB (tsdownsample) plus the global minimum and maximum;
scatters are a seeded sample that keeps the extremes of both axes; histograms, 2-D
density heat maps, bars (count, mean, sum) and box plots are aggregates computed here.
Every result says what it shows (``note``) when it is not every row. Datetimes become
exact epoch milliseconds (naive values read as given, whatever the kernel's time zone;
tz-aware values as wall time in their own zone, which ``tz`` names).
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np
import pandas as pd

from .kinds import column_kind
from .labels import by_display_name, display_names
from .sampling import MAX_CHART_POINTS, extreme_sample

KINDS = ("scatter", "line", "bar", "histogram", "box", "heatmap")
AGGREGATIONS = ("count", "mean", "sum")
MAX_BARS = 50          # categories shown in bars and boxes (the most frequent)
MAX_GROUPS = 10        # colour groups drawn as separate marks (the rest: "other")
HIST_BINS = 40
HEAT_BINS = 40         # per axis in a 2-D density heat map
MISSING_LABEL = "NA"   # how a missing category is shown
SNIFF_ROWS = 1000      # rows looked at to type an object column


class ChartError(ValueError):
    """A chart that cannot be drawn from these columns; the message says why."""


@dataclass
class ChartSpec:
    """What to draw. Column names are display names (see :mod:`labels`)."""

    kind: str = "auto"
    x: str | None = None
    y: str | None = None
    color: str | None = None
    size: str | None = None
    agg: str = "count"
    log_x: bool = False
    log_y: bool = False
    title: str = ""

    def to_dict(self) -> dict:
        return dict(self.__dict__)


@dataclass
class ChartData:
    """The reduced data of one chart; arrays are float64 (dates as epoch ms)."""

    kind: str
    spec: ChartSpec
    x_type: str = "number"          # number | date | category
    y_type: str = "number"
    tz: str | None = None           # the zone of a tz-aware x column
    n_rows: int = 0                 # rows in the frame
    n_used: int = 0                 # rows with usable (finite, present) values
    n_shown: int = 0                # points / bins / bars sent
    note: str = ""                  # "sample of 2,000 of 1,000,000 points", ...
    dropped: int = 0                # values <= 0 a log axis left out
    gaps: int = 0                   # rows left out for a missing or infinite x or y
    infinite: dict = field(default_factory=dict)  # column -> count of +-inf left out
    arrays: dict = field(default_factory=dict)    # kind-specific arrays and labels


# --- column values ---------------------------------------------------------------------
def column(df: pd.DataFrame, name: str) -> pd.Series:
    """A column by display name; ChartError names it when it is missing."""
    try:
        s = df[by_display_name(df, name)]
    except (KeyError, ValueError):
        raise ChartError(f"column {name!r} is not in the data") from None
    if isinstance(s, pd.DataFrame):
        raise ChartError(f"column {name!r} is not unique")
    return s


def axis_type(s: pd.Series) -> str:
    """number, date or category: how a column goes on an axis (cheap on any row count)."""
    dtype = s.dtype
    if pd.api.types.is_datetime64_any_dtype(dtype):
        return "date"
    if isinstance(dtype, pd.CategoricalDtype) or pd.api.types.is_bool_dtype(dtype) or (
            pd.api.types.is_string_dtype(dtype) and not _objects(dtype)):
        return "category"
    if pd.api.types.is_timedelta64_dtype(dtype):
        return "number"
    if pd.api.types.is_numeric_dtype(dtype) and not pd.api.types.is_complex_dtype(dtype):
        return "number"
    kind = column_kind(s.iloc[:SNIFF_ROWS])  # object and other columns: look at a few rows
    if kind == "numeric" and not _objects(dtype):
        return "number"
    if kind == "datetime":  # datetime.date objects, pyarrow dates
        return "date"
    return "category"


def _objects(dtype) -> bool:
    """A numpy object column (anything can be in it)."""
    return isinstance(dtype, np.dtype) and dtype.kind == "O"


def epoch_ms(s: pd.Series) -> tuple[np.ndarray, str | None]:
    """Exact epoch milliseconds (NaN for NaT) and the zone of a tz-aware column.

    Naive values are read as given (as if UTC), so the numbers never depend on the
    kernel's time zone; tz-aware values become wall time in their own zone.
    """
    if s.dtype == object:  # datetime.date objects
        s = pd.to_datetime(s, errors="coerce")
    try:
        tz = s.dt.tz
    except (AttributeError, NotImplementedError):  # pyarrow dates and such: plain dates
        tz, s = None, s.astype("datetime64[ms]")
    if tz is not None:
        s = s.dt.tz_localize(None)
    ms = s.to_numpy(dtype="datetime64[ms]")
    out = ms.view("int64").astype("float64")
    out[np.isnat(ms)] = np.nan
    return out, (str(tz) if tz is not None else None)


def numbers(s: pd.Series) -> np.ndarray:
    """float64 values of a numeric, boolean, timedelta (seconds) or date (ms) column."""
    if axis_type(s) == "date":
        return epoch_ms(s)[0]
    if pd.api.types.is_timedelta64_dtype(s.dtype):
        return s.dt.total_seconds().to_numpy(dtype="float64", na_value=np.nan)
    if isinstance(s.dtype, np.dtype) and s.dtype.kind in "fiub":  # plain numpy: no copies
        return s.to_numpy(dtype="float64", copy=False)
    try:
        return pd.to_numeric(s, errors="coerce").astype("Float64").to_numpy(
            dtype="float64", na_value=np.nan)
    except (TypeError, ValueError):
        raise ChartError(f"column {s.name!r} is not numeric") from None


def labels_of(s: pd.Series) -> np.ndarray:
    """Category labels as text, missing filled with ``NA`` (bqplot refuses gaps)."""
    text = s.astype(object).map(lambda v: MISSING_LABEL if _missing(v) else str(v))
    return text.to_numpy(dtype=object).astype(str)


def _missing(v: object) -> bool:
    try:
        return bool(pd.isna(v))
    except (TypeError, ValueError):
        return False


def _count_inf(values: np.ndarray, name: str, where: dict) -> None:
    n = int(np.isinf(values).sum())
    if n:
        where[name] = n


# --- defaults --------------------------------------------------------------------------
def default_kind(df: pd.DataFrame, x: str | None, y: str | None) -> str:
    """The chart that fits a column pair best (numbers: scatter; category and number:
    box; time and number: line; one number: histogram; one category: bars)."""
    if x is None and y is None:
        return "heatmap"
    if x is None:
        x, y = y, None
    tx = axis_type(column(df, x))
    if y is None:
        return "histogram" if tx in ("number", "date") else "bar"
    ty = axis_type(column(df, y))
    if ty == "category":
        return "bar" if tx == "category" else "box"
    return {"number": "scatter", "date": "line", "category": "box"}[tx]


def chart_data(df: pd.DataFrame, spec: ChartSpec, correlations: dict | None = None,
               max_points: int = MAX_CHART_POINTS, seed: int = 0) -> ChartData:
    """Reduce ``df`` to what ``spec`` draws. ``correlations`` (the profile's) feeds the
    correlation heat map."""
    kind = spec.kind if spec.kind != "auto" else default_kind(df, spec.x, spec.y)
    if kind not in KINDS:
        raise ChartError(f"unknown chart kind {kind!r}; choose one of {', '.join(KINDS)}")
    if spec.agg not in AGGREGATIONS:
        raise ChartError(f"unknown aggregation {spec.agg!r}; choose count, mean or sum")
    spec = ChartSpec(**{**spec.to_dict(), "kind": kind})
    out = ChartData(kind=kind, spec=spec, n_rows=len(df))
    if kind == "heatmap":
        _heatmap(df, spec, out, correlations)
    else:
        build = {"scatter": _scatter, "line": _line, "bar": _bar, "histogram": _histogram,
                 "box": _box}[kind]
        build(df, spec, out, max_points, seed)
    return out


def _need(spec: ChartSpec, *names: str) -> None:
    for n in names:
        if getattr(spec, n) is None:
            raise ChartError(f"a {spec.kind} chart needs a column for {n}")


def _xy(df: pd.DataFrame, spec: ChartSpec, out: ChartData) -> tuple[np.ndarray, np.ndarray]:
    xs, ys = column(df, spec.x), column(df, spec.y)
    out.x_type = "date" if axis_type(xs) == "date" else "number"
    if out.x_type == "date":
        x, out.tz = epoch_ms(xs)
    else:
        x = numbers(xs)
    y = numbers(ys)
    _count_inf(x, spec.x, out.infinite)
    _count_inf(y, spec.y, out.infinite)
    return x, y


def _usable(x: np.ndarray, y: np.ndarray, spec: ChartSpec, out: ChartData) -> np.ndarray:
    """Positions of finite pairs (positive ones on a log axis); ``out.dropped`` says how
    many present values a log axis left out."""
    finite = np.isfinite(x) & np.isfinite(y)
    out.gaps = int(finite.size - finite.sum())
    keep = finite.copy()
    if spec.log_x and out.x_type == "number":
        keep &= x > 0
    if spec.log_y:
        keep &= y > 0
    out.dropped = int(finite.sum() - keep.sum())
    return np.flatnonzero(keep)


def _log_note(out: ChartData) -> str:
    """What the points leave out: rows without both values, values a log axis cannot show."""
    gaps = (f"; {out.gaps:,} row{'s' if out.gaps > 1 else ''} without both values (missing "
            "or infinite) left out") if out.gaps else ""
    return gaps + (f"; {out.dropped:,} values ≤ 0 left out on the log axis"
                   if out.dropped else "")


def _scatter(df, spec, out, max_points, seed) -> None:
    _need(spec, "x", "y")
    x, y = _xy(df, spec, out)
    rows = _usable(x, y, spec, out)
    out.n_used = rows.size
    picked = rows[extreme_sample(x[rows], y[rows], max_points, seed)]
    out.arrays = {"x": x[picked], "y": y[picked], "rows": picked}
    if spec.color is not None:
        _colour(df, spec.color, picked, out)
    if spec.size is not None:
        size = numbers(column(df, spec.size))[picked]
        out.arrays["size"] = np.where(np.isfinite(size), size, np.nanmin(size) if
                                      np.isfinite(size).any() else 0.0)
    out.n_shown = picked.size
    if picked.size < rows.size:
        out.note = f"sample of {picked.size:,} of {rows.size:,} points (extremes kept)"
    out.note = (out.note + _log_note(out)).lstrip("; ")


def _colour(df: pd.DataFrame, name: str, picked: np.ndarray, out: ChartData) -> None:
    s = column(df, name)
    if axis_type(s) == "number":
        c = numbers(s)[picked]
        out.arrays["color"] = c
        out.arrays["color_type"] = "number"
        return
    text = labels_of(s.iloc[picked])
    top = pd.Series(text).value_counts().index[:MAX_GROUPS].tolist()
    out.arrays["groups"] = np.where(np.isin(text, top), text, "other")
    out.arrays["color_type"] = "category"


def _line(df, spec, out, max_points, seed) -> None:
    _need(spec, "x", "y")
    x, y = _xy(df, spec, out)
    keep = _usable(x, y, spec, out)
    out.n_used = keep.size
    order = keep[np.argsort(x[keep], kind="stable")]
    picked = order[downsample_line(x[order], y[order], max_points)]
    out.arrays = {"x": x[picked], "y": y[picked], "rows": picked}
    out.n_shown = picked.size
    if picked.size < order.size:
        out.note = f"{picked.size:,} of {order.size:,} points (MinMaxLTTB, min and max kept)"
    out.note = (out.note + _log_note(out)).lstrip("; ")


def downsample_line(x: np.ndarray, y: np.ndarray, n_out: int = MAX_CHART_POINTS) -> np.ndarray:
    """Positions of at most ``n_out`` points of a line sorted by x (finite values), chosen
    by MinMaxLTTB, always including the first, last, minimum and maximum."""
    n = x.size
    if n <= n_out:
        return np.arange(n)
    from tsdownsample import MinMaxLTTBDownsampler

    idx = MinMaxLTTBDownsampler().downsample(np.ascontiguousarray(x), np.ascontiguousarray(y),
                                             n_out=max(4, n_out - 2)).astype("int64")
    return np.unique(np.concatenate([idx, [0, n - 1, int(np.argmin(y)), int(np.argmax(y))]]))


def histogram(values: np.ndarray, bins: int = HIST_BINS, log: bool = False
              ) -> tuple[np.ndarray, np.ndarray]:
    """(edges, counts) over the finite values; counts sum to the number of finite values
    (positive ones when ``log``)."""
    v = values[np.isfinite(values)]
    if log:
        v = v[v > 0]
    if v.size == 0:
        return np.array([0.0, 1.0]), np.array([0.0])
    lo, hi = float(v.min()), float(v.max())
    if lo == hi:
        lo, hi = lo - 0.5, hi + 0.5
    edges = np.geomspace(lo, hi, bins + 1) if log else np.linspace(lo, hi, bins + 1)
    counts, edges = np.histogram(v, bins=edges)
    return edges, counts.astype("float64")


def _histogram(df, spec, out, max_points, seed) -> None:
    name = spec.x if spec.x is not None else spec.y
    if name is None:
        raise ChartError("a histogram needs a column for x")
    s = column(df, name)
    out.x_type = "date" if axis_type(s) == "date" else "number"
    if out.x_type == "date":
        v, out.tz = epoch_ms(s)
    else:
        v = numbers(s)
    _count_inf(v, name, out.infinite)
    edges, counts = histogram(v, log=spec.log_x)
    out.arrays = {"edges": edges, "counts": counts}
    out.n_used = int(counts.sum())
    out.n_shown = counts.size
    inf = out.infinite.get(name)
    out.note = f"counts of {out.n_used:,} values in {counts.size} bins" + (
        f"; {inf:,} infinite values left out" if inf else "")


def _categories(df: pd.DataFrame, name: str) -> np.ndarray:
    return labels_of(column(df, name))


def _bar(df, spec, out, max_points, seed) -> None:
    _need(spec, "x")
    out.x_type = "category"
    cats = _categories(df, spec.x)
    if spec.agg == "count" or spec.y is None:
        agg, frame = "count", pd.DataFrame({"c": cats, "v": 1.0})
    else:
        agg = spec.agg
        y = numbers(column(df, spec.y))
        _count_inf(y, spec.y, out.infinite)
        ok = np.isfinite(y)
        frame = pd.DataFrame({"c": cats[ok], "v": y[ok]})
    grouped = frame.groupby("c", sort=False)["v"]
    sizes = grouped.size().sort_values(ascending=False, kind="stable")
    values = {"count": grouped.size, "mean": grouped.mean, "sum": grouped.sum}[agg]()
    top = sizes.index[:MAX_BARS]
    if not _ordered(df, spec.x):
        top = sorted(top, key=lambda c: -float(values[c])) if agg != "count" else list(top)
    else:
        top = [c for c in _category_order(df, spec.x) if c in set(top)]
    out.arrays = {"x": np.array(top, dtype=str),
                  "y": np.array([float(values[c]) for c in top], dtype="float64"),
                  "agg": agg}
    out.n_used = len(frame)
    out.n_shown = len(top)
    what = "rows" if agg == "count" else f"{agg} of {spec.y}"
    out.note = f"{what} per {spec.x} ({len(frame):,} rows)" + (
        f", the {MAX_BARS} most frequent of {len(sizes):,}" if len(sizes) > MAX_BARS else "")


def _ordered(df: pd.DataFrame, name: str) -> bool:
    return isinstance(column(df, name).dtype, pd.CategoricalDtype)


def _category_order(df: pd.DataFrame, name: str) -> list[str]:
    return [str(c) for c in column(df, name).cat.categories] + [MISSING_LABEL]


def box_stats(values: np.ndarray) -> list[float]:
    """[low whisker, q1, median, q3, high whisker] (Tukey: 1.5 IQR) of finite values."""
    v = values[np.isfinite(values)]
    if v.size == 0:
        return [np.nan] * 5
    q1, med, q3 = np.percentile(v, [25, 50, 75])
    iqr = q3 - q1
    lo = float(v[v >= q1 - 1.5 * iqr].min())
    hi = float(v[v <= q3 + 1.5 * iqr].max())
    return [lo, float(q1), float(med), float(q3), hi]


def _box(df, spec, out, max_points, seed) -> None:
    _need(spec, "y")
    y = numbers(column(df, spec.y))
    _count_inf(y, spec.y, out.infinite)
    ok = np.isfinite(y)
    if spec.x is None:
        cats = np.full(y.size, spec.y, dtype=object).astype(str)
    else:
        cats = _categories(df, spec.x)
    frame = pd.DataFrame({"c": cats[ok], "v": y[ok]})
    sizes = frame["c"].value_counts()
    top = list(sizes.index[:MAX_BARS])
    if spec.x is not None and _ordered(df, spec.x):
        top = [c for c in _category_order(df, spec.x) if c in set(top)]
    groups = dict(tuple(frame.groupby("c", sort=False)["v"]))
    stats = np.array([box_stats(groups[c].to_numpy()) for c in top], dtype="float64")
    out.x_type = "category"
    out.arrays = {"x": np.array(top, dtype=str), "stats": stats.reshape(-1, 5),
                  "counts": np.array([float(sizes[c]) for c in top])}
    out.n_used = len(frame)
    out.n_shown = len(top)
    out.note = f"quartiles of {spec.y} ({len(frame):,} values)" + (
        f", the {MAX_BARS} most frequent of {len(sizes):,} {spec.x}" if len(sizes) > MAX_BARS
        else "")


def density(x: np.ndarray, y: np.ndarray, bins: int = HEAT_BINS
            ) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """2-D counts (rows: y bins, columns: x bins) of the finite pairs, with bin edges."""
    keep = np.isfinite(x) & np.isfinite(y)
    x, y = x[keep], y[keep]
    if x.size == 0:
        return np.array([0.0, 1.0]), np.array([0.0, 1.0]), np.zeros((1, 1))
    ex, ix = _bin(x, bins)
    ey, iy = _bin(y, bins)
    counts = np.bincount(iy * bins + ix, minlength=bins * bins).reshape(bins, bins)
    return ex, ey, counts.astype("float64")


def _bin(v: np.ndarray, bins: int) -> tuple[np.ndarray, np.ndarray]:
    """Equal-width edges over [min, max] and each value's bin (the maximum in the last,
    as numpy.histogram does)."""
    lo, hi = float(v.min()), float(v.max())
    if lo == hi:
        lo, hi = lo - 0.5, hi + 0.5
    edges = np.linspace(lo, hi, bins + 1)
    idx = ((v - lo) * (bins / (hi - lo))).astype("int64")
    np.clip(idx, 0, bins - 1, out=idx)
    return edges, idx


def _heatmap(df, spec, out, correlations) -> None:
    if spec.x is not None and spec.y is not None:  # dense scatter as 2-D bins
        x, y = _xy(df, spec, out)
        ex, ey, counts = density(x, y)
        out.arrays = {"x_edges": ex, "y_edges": ey, "counts": counts}
        out.n_used = int(counts.sum())
        out.n_shown = counts.size
        out.note = f"counts of {out.n_used:,} points in {counts.shape[1]}×{counts.shape[0]} bins"
        return
    corr = (correlations or {}).get("pearson")
    if not corr or not corr.get("columns"):
        raise ChartError("no numeric columns to correlate")
    names = [str(c) for c in corr["columns"]]
    matrix = np.array([[np.nan if v is None else float(v) for v in row]
                       for row in corr["matrix"]], dtype="float64")
    out.x_type = out.y_type = "category"
    out.arrays = {"names": np.array(names, dtype=str), "matrix": matrix}
    out.n_used = int((correlations or {}).get("rows", len(df)))
    out.n_shown = matrix.size
    out.note = "Pearson correlation" + (" on a sample of rows"
                                        if correlations.get("sampled") else "")


def rows_in_range(df: pd.DataFrame, name: str, lo: float, hi: float,
                  mask: np.ndarray | None = None) -> np.ndarray:
    """Boolean mask of rows whose ``name`` lies in [lo, hi] (dates as epoch ms), ANDed
    with ``mask``: what a brush on a chart selects, over every row, not the sample."""
    s = column(df, name)
    v = epoch_ms(s)[0] if axis_type(s) == "date" else numbers(s)
    inside = (v >= min(lo, hi)) & (v <= max(lo, hi))
    return inside if mask is None else inside & mask


def rows_in_categories(df: pd.DataFrame, name: str, labels: list[str]) -> np.ndarray:
    """Boolean mask of rows whose ``name`` shows as one of ``labels`` (bars or boxes
    clicked on a chart; missing values show as ``NA``)."""
    return np.isin(labels_of(column(df, name)), np.asarray(labels, dtype=str))


def names(df: pd.DataFrame, limit: int | None = None) -> list[dict]:
    """Columns a chart can use: {name, type} (number | date | category), the first
    ``limit`` of them."""
    shown = display_names(df.columns)[:limit]
    return [{"name": n, "type": axis_type(df.iloc[:, i])} for i, n in enumerate(shown)]
