"""Pages of a frame for the grid: display text as Arrow IPC bytes, and the size limits.

The browser never gets the whole frame: it asks for a window of rows and columns and
gets the cells as text, formatted here so that every value shows exactly (big integers,
dates, periods) whatever the browser's time zone.
"""

from __future__ import annotations

import cmath
import datetime as dt
import math
from collections.abc import Hashable

import numpy as np
import pandas as pd
import pyarrow as pa

from .kinds import column_kind
from .labels import display_names

MAX_MESSAGE_BYTES = 5 * 1024 * 1024      # no comm message may exceed this
MAX_INITIAL_STATE_BYTES = 256 * 1024     # Studio state before any page is asked for
DEFAULT_PAGE_ROWS = 50
MAX_PAGE_ROWS = 1000
MAX_PAGE_COLUMNS = 60                    # wide frames are paged by columns too
MAX_CELL_CHARS = 300                     # longer cell text is cut, with an ellipsis
MAX_CACHED_SEARCHES = 8                  # grid search results kept per frame
SEARCH_TEXT_ROWS = 200_000               # unusual dtypes are searched as text up to this
MAX_SCHEMA_COLUMNS = 500                 # beyond this the schema comes with each page
MAX_PROFILED_SHOWN = 300                 # column profiles sent to the browser at once
MAX_LISTED_COLUMNS = 1000                # columns offered in the Clean/Model pickers


def index_as_columns(idx: pd.Index) -> bool:
    """Whether the grid shows the index as leading columns.

    A plain unnamed integer index (the default, or what filtering leaves) is shown as the
    row label in the '#' column instead; named, multi-level or non-integer indexes
    (groupby results, dates, names) become columns so that nothing is hidden.
    """
    if idx.nlevels > 1 or idx.name is not None:
        return True
    return not pd.api.types.is_integer_dtype(idx.dtype)


def grid_view(df: pd.DataFrame) -> pd.DataFrame:
    """The frame as the grid shows it: index levels as leading columns when they carry data."""
    idx = df.index
    if not index_as_columns(idx):
        return df
    names = [n if n is not None else ("index" if idx.nlevels == 1 else f"level_{i}")
             for i, n in enumerate(idx.names)]
    levels = {f"__index_{i}": idx.get_level_values(i) for i in range(idx.nlevels)}
    front = pd.DataFrame(levels, index=idx)
    front.columns = names
    return pd.concat([front.reset_index(drop=True), df.reset_index(drop=True)], axis=1)


def _is_missing(v: object) -> bool:
    if v is None or v is pd.NA or v is pd.NaT:
        return True
    if isinstance(v, float):
        return math.isnan(v)
    if isinstance(v, complex):
        return cmath.isnan(v)
    if isinstance(v, (np.datetime64, np.timedelta64)):
        return bool(np.isnat(v))
    return False


def format_value(v: object, date_only: bool = False) -> str | None:
    """One cell as display text (None for missing)."""
    if _is_missing(v):
        return None
    if isinstance(v, (bool, np.bool_)):
        return "True" if v else "False"
    if isinstance(v, (float, np.floating)):
        return repr(float(v)) if not isinstance(v, np.float32) else str(v)
    if isinstance(v, (int, np.integer)):
        return str(int(v))
    if isinstance(v, pd.Timestamp):
        return v.strftime("%Y-%m-%d") if date_only else v.isoformat(sep=" ")
    if isinstance(v, dt.datetime):
        return v.isoformat(sep=" ")
    if isinstance(v, dt.date):
        return v.isoformat()
    text = str(v)
    return text if len(text) <= MAX_CELL_CHARS else text[: MAX_CELL_CHARS - 1] + "…"


def _all_midnight(s: pd.Series) -> bool:
    """Naive datetimes that are all at midnight show as dates."""
    try:
        if not pd.api.types.is_datetime64_any_dtype(s.dtype) or s.dt.tz is not None:
            return False
        present = s.dropna()
        return bool(len(present)) and bool((present == present.dt.normalize()).all())
    except (AttributeError, TypeError, NotImplementedError):  # pyarrow date types and such
        return False


def format_column(s: pd.Series) -> list[str | None]:
    """Display text of every cell (float32 keeps its short form, big ints their digits)."""
    if s.dtype == np.float32:
        return [None if math.isnan(v) else str(v) for v in s.to_numpy()]
    values = s.astype(object).tolist() if s.dtype != object else s.tolist()
    date_only = _all_midnight(s)
    return [format_value(v, date_only) for v in values]


class PageSource:
    """Serves windows of one frame, sorted in the kernel with cached orders."""

    def __init__(self, df: pd.DataFrame) -> None:
        self.view = grid_view(df)
        self.index_columns = self.view.shape[1] - df.shape[1]
        # row labels for the '#' column: the integer index itself, unless it became columns
        self._index = None if self.index_columns else df.index  # no copy: sliced per page
        self.names = display_names(self.view.columns)
        self._orders: dict[tuple[int, bool], np.ndarray] = {}
        self._matches: dict[str, np.ndarray] = {}
        self.row_filter: np.ndarray | None = None  # sorted positions a view filter keeps

    def set_row_filter(self, keep: np.ndarray | None) -> None:
        """Show only some rows (a brush on a chart): a boolean mask over the rows or their
        positions; None shows every row again. Sort and search combine with it."""
        if keep is None:
            self.row_filter = None
            return
        keep = np.asarray(keep)
        if keep.dtype == bool:
            if keep.size != self.shape[0]:
                raise ValueError(f"row mask has {keep.size:,} values for {self.shape[0]:,} rows")
            keep = np.flatnonzero(keep)
        self.row_filter = np.unique(keep.astype("int64"))

    @property
    def shape(self) -> tuple[int, int]:
        return int(self.view.shape[0]), int(self.view.shape[1])

    def column_info(self, i: int) -> dict:
        """Name, kind and dtype of grid column ``i``."""
        return {"name": self.names[i], "kind": column_kind(self.view.iloc[:, i]),
                "dtype": str(self.view.dtypes.iloc[i])}

    def schema(self, start: int = 0, stop: int | None = None) -> list[dict]:
        """:meth:`column_info` for columns ``[start, stop)``, at most MAX_SCHEMA_COLUMNS."""
        stop = min(self.shape[1], start + MAX_SCHEMA_COLUMNS if stop is None else stop)
        return [self.column_info(i) for i in range(start, stop)]

    def order(self, column: int, ascending: bool) -> np.ndarray:
        """Row positions sorted by one column, missing values last; cached."""
        key = (column, ascending)
        if key not in self._orders:
            s = self.view.iloc[:, column].reset_index(drop=True)
            try:
                ranked = s.sort_values(ascending=ascending, kind="stable", na_position="last")
            except TypeError:  # mixed or unorderable values: order by their text
                text = s.map(lambda v: None if _is_missing(v) else str(v))
                ranked = text.sort_values(ascending=ascending, kind="stable",
                                          na_position="last")
            self._orders[key] = ranked.index.to_numpy()
        return self._orders[key]

    def matches(self, query: str) -> np.ndarray:
        """Positions of rows that match the whole query, or every word of it (any case);
        cached.

        A term matches a row when some text or categorical cell contains it, or a number,
        date, duration or true/false cell equals it ("1 days" and "2019-03-23 20:21:09"
        match as phrases, "female first" as two words).
        """
        key = " ".join(query.lower().split())
        if key not in self._matches:
            if len(self._matches) >= MAX_CACHED_SEARCHES:
                self._matches.pop(next(iter(self._matches)))
            rows = self._term(key)
            words = key.split(" ")
            if len(words) > 1:
                every = np.ones(self.shape[0], dtype=bool)
                for word in words:
                    every &= self._term(word)
                rows |= every
            self._matches[key] = np.flatnonzero(rows)
        return self._matches[key]

    def _term(self, term: str) -> np.ndarray:
        hit = np.zeros(self.shape[0], dtype=bool)
        for i in range(self.shape[1]):
            found = _column_matches(self.view.iloc[:, i], term)
            if found is not None:
                hit |= found
        return hit

    def page(self, offset: int = 0, limit: int = DEFAULT_PAGE_ROWS, col_offset: int = 0,
             col_limit: int = MAX_PAGE_COLUMNS, sort: tuple[int, bool] | None = None,
             query: str = "") -> tuple[dict, bytes]:
        """A window of rows and columns: (metadata, Arrow IPC stream of text columns).

        Columns are named ``c<position>`` in the Arrow table; their display names are in
        the metadata, so duplicate or odd names never collide. ``__row`` holds the row
        label (the integer index, or the position when the index is shown as columns).
        With ``query`` or a row filter, only those rows are paged (``n_matching`` says how
        many).
        """
        n_rows, n_cols = self.shape
        rows = None  # positions in view order, when a search or a view filter narrows them
        if sort is not None and not 0 <= int(sort[0]) < n_cols:
            raise ValueError(f"there is no column {sort[0]} to sort by")
        found = self.matches(query) if query.strip() else None
        if self.row_filter is not None:
            found = self.row_filter if found is None else np.intersect1d(
                found, self.row_filter, assume_unique=True)
        if found is not None:
            if sort is not None:
                order = self.order(int(sort[0]), bool(sort[1]))
                keep = np.zeros(n_rows, dtype=bool)
                keep[found] = True
                rows = order[keep[order]]
            else:
                rows = found
        n_shown = n_rows if rows is None else len(rows)
        offset = max(0, min(int(offset), n_shown))
        limit = max(0, min(int(limit), MAX_PAGE_ROWS))
        col_offset = max(0, min(int(col_offset), n_cols))
        cols = list(range(col_offset, min(n_cols, col_offset + max(0, int(col_limit)),
                                          col_offset + MAX_PAGE_COLUMNS)))
        positions = np.arange(offset, min(n_shown, offset + limit))
        if rows is not None:
            positions = rows[positions]
        elif sort is not None and len(positions):
            positions = self.order(int(sort[0]), bool(sort[1]))[positions]
        window = self.view.iloc[positions, cols] if cols else self.view.iloc[positions, :0]
        labels = positions if self._index is None else self._index[positions].to_numpy()
        arrays = {"__row": pa.array(labels, type=pa.int64())}
        for j, col in enumerate(cols):
            arrays[f"c{col}"] = pa.array(format_column(window.iloc[:, j]), type=pa.string())
        data = _ipc(pa.table(arrays))
        meta = {"offset": offset, "rows": len(positions), "columns": cols,
                "schema": [self.column_info(c) for c in cols],
                "n_rows": n_rows, "n_columns": n_cols, "n_matching": n_shown}
        return meta, data


def _column_matches(s: pd.Series, key: str) -> np.ndarray | None:
    """Rows of one column matching a lower-cased search ``key`` (vectorized per kind)."""
    if isinstance(s.dtype, pd.CategoricalDtype):  # search the few categories, map the codes
        cats = pd.Series(s.cat.categories.astype(str)).str.lower()
        wanted = np.flatnonzero(cats.str.contains(key, regex=False).to_numpy())
        return np.isin(s.cat.codes.to_numpy(), wanted)
    kind = column_kind(s)
    if kind in ("text", "categorical", "mixed"):
        text = s.astype("string").str.lower()
        return text.str.contains(key, regex=False, na=False).to_numpy(dtype=bool)
    if kind == "numeric" and s.dtype != object:
        try:
            number: int | float = int(key)  # exact for big integers
        except ValueError:
            try:
                number = float(key)
            except ValueError:
                return None
        return (s == number).fillna(False).to_numpy(dtype=bool)
    if kind == "boolean":
        if key not in ("true", "false"):
            return None
        return (s == (key == "true")).fillna(False).to_numpy(dtype=bool)
    if kind == "datetime" and pd.api.types.is_datetime64_any_dtype(s.dtype):
        try:
            when = pd.Timestamp(key)
        except ValueError:
            return None
        if s.dt.tz is not None:  # compare with the local times the grid shows
            s = s.dt.tz_localize(None)
            when = when.tz_localize(None)
        day = len(key) <= 10  # "2019-03-23": the whole day
        same = s.dt.normalize() == when.normalize() if day else s == when
        return same.fillna(False).to_numpy(dtype=bool)
    if kind == "timedelta" and pd.api.types.is_timedelta64_dtype(s.dtype):
        try:
            span = pd.Timedelta(key)
        except ValueError:
            return None
        return (s == span).fillna(False).to_numpy(dtype=bool)
    if len(s) <= SEARCH_TEXT_ROWS:  # other kinds: compare shown text on small frames
        return np.array([v is not None and v.lower() == key for v in format_column(s)],
                        dtype=bool)
    return None


def _ipc(table: pa.Table) -> bytes:
    sink = pa.BufferOutputStream()
    with pa.ipc.new_stream(sink, table.schema) as writer:
        writer.write_table(table)
    return sink.getvalue().to_pybytes()


def column_position(names: list[str], name: Hashable) -> int:
    """Position of a display name (ValueError names the column when it is absent)."""
    try:
        return names.index(str(name))
    except ValueError:
        raise ValueError(f"column {name!r} is not in the grid") from None
