"""Data tab: a paged grid (pages as Arrow IPC bytes) with column profiles beside it."""

from __future__ import annotations

import time
from collections.abc import Callable

import pandas as pd
import traitlets as t

from ..engine import transport
from ..engine.profile import Profile, ProfileStopped, profile
from ..engine.steps import Step
from ..engine.suggest import suggest
from ._base import WORKERS, Panel, static_file

BACKGROUND_PROFILE_CELLS = 2_000_000  # bigger frames are profiled in a worker thread
BACKGROUND_PROFILE_COLUMNS = 200      # and so are wide ones
MAX_FINDINGS = 30
PROGRESS_SECONDS = 0.5  # at most two progress updates a second
TOP_SHOWN = 5


def compact(col: dict) -> dict:
    """What the profile sidebar shows of one column summary."""
    keep = ("name", "kind", "dtype", "count", "missing", "distinct", "warnings", "min",
            "max", "mean", "std", "histogram", "infinite")
    out = {k: col[k] for k in keep if k in col}
    if "top" in col:
        out["top"] = col["top"][:TOP_SHOWN]
    return out


class DataPanel(Panel):
    """The grid and the profile of the Studio's current frame."""

    _esm = static_file("grid.js")

    shape = t.List(t.Int(), [0, 0]).tag(sync=True)
    """True [rows, columns] of the frame (``df.shape``)."""
    index_columns = t.Int(0).tag(sync=True)
    """Index levels shown as leading grid columns (0 for a plain integer index)."""
    columns = t.List(t.Dict()).tag(sync=True)
    """Schema of the grid's columns (index levels first): {name, kind, dtype} each."""
    page_size = t.Int(transport.DEFAULT_PAGE_ROWS).tag(sync=True)
    """Rows per page the grid asks for."""
    max_page_columns = t.Int(transport.MAX_PAGE_COLUMNS).tag(sync=True)
    """Columns per page on wide frames."""
    version = t.Int(0).tag(sync=True)
    """Bumped whenever the data changes; the grid then asks for its page again."""
    profiles = t.List(t.Dict()).tag(sync=True)
    """Compact column summaries for the sidebar (empty while computing)."""
    findings = t.List(t.Dict()).tag(sync=True)
    """Ranked findings, most important first; ``fix`` describes the suggested step."""
    profile_status = t.Unicode("").tag(sync=True)
    """'ready', or what the sidebar should say (progress, a cap, an error)."""
    profiling = t.Bool(False).tag(sync=True)
    """True while a background profile runs (cards appear as columns finish)."""
    filter_label = t.Unicode("").tag(sync=True)
    """Why only some rows are shown ("brushed on chart"); empty when every row is."""
    filter_rows = t.Int(-1).tag(sync=True)
    """Rows the view filter keeps (-1: no filter). The grid then pages only those."""

    def __init__(self, df: pd.DataFrame, on_fix: Callable[[Step], object] | None = None,
                 **kwargs) -> None:
        super().__init__(**kwargs)
        self._source: transport.PageSource | None = None
        self._df = df
        self._fixes: list[Step | None] = []
        self._on_fix = on_fix
        self.set_frame(df)

    def set_frame(self, df: pd.DataFrame, prof: Profile | None = None) -> None:
        """Show a new frame: shape and schema at once, the profile when it is ready."""
        self._source = transport.PageSource(df)
        self._df = df
        with self.hold_sync():
            self.shape = [int(df.shape[0]), int(df.shape[1])]
            self.index_columns = self._source.index_columns
            self.columns = self._source.schema()
            self.filter_label, self.filter_rows = "", -1
            self.version += 1
            self.error = ""
        self._profile_token = object()
        if prof is not None:
            self._show_profile(prof)
        elif df.size >= BACKGROUND_PROFILE_CELLS or df.shape[1] > BACKGROUND_PROFILE_COLUMNS:
            with self.hold_sync():
                self.profiling, self.profile_status = True, "profiling columns…"
                self.profiles, self.findings = [], []
            token = self._profile_token
            WORKERS.submit(self._profile_worker, df, token)
        else:
            self._show_profile(profile(df))

    def _profile_worker(self, df: pd.DataFrame, token: object) -> None:
        done: list[dict] = []
        last = [0.0]

        def on_column(i: int, n: int, summary: dict) -> None:
            if len(done) < transport.MAX_PROFILED_SHOWN:
                done.append(compact(summary))
            if time.monotonic() - last[0] < PROGRESS_SECONDS and i < n - 1:
                return
            last[0] = time.monotonic()
            cards, status = list(done), f"profiling columns: {i + 1:,} of {n:,} done"

            def show() -> None:
                if token is self._profile_token:
                    with self.hold_sync():
                        self.profiles, self.profile_status = cards, status
            self.on_main(show)

        try:
            prof = profile(df, should_stop=lambda: token is not self._profile_token,
                           on_column=on_column)
        except ProfileStopped:  # newer data arrived; its own profile is on the way
            return
        except Exception as exc:  # reported in the panel
            status = f"profile failed: {exc}"

            def fail() -> None:
                with self.hold_sync():
                    self.profiling, self.profile_status = False, status
            self.on_main(fail)
            return
        if token is self._profile_token:
            self.on_main(lambda: self._show_profile(prof))

    def _show_profile(self, prof: Profile) -> None:
        shown = transport.MAX_PROFILED_SHOWN
        findings = prof.findings[:MAX_FINDINGS]
        by_name = {c["name"]: c for c in prof.columns}
        self._fixes = [suggest(f, self._df, by_name) for f in findings]
        with self.hold_sync():
            self.profiles = [compact(c) for c in prof.columns[:shown]]
            self.findings = [{**f, "fix": fix.describe() if fix else None}
                             for f, fix in zip(findings, self._fixes, strict=True)]
            self.profiling = False
            self.profile_status = "ready" if len(prof.columns) <= shown else (
                f"cards for the first {shown:,} of {len(prof.columns):,} columns; "
                "lepton_widgets.profile(df) has them all")

    def set_row_filter(self, keep, label: str = "brushed on chart") -> None:
        """Show only the rows of a boolean mask (or positions); None shows all again.

        A view filter, not a recipe step: the data and the recipe stay as they are.
        """
        assert self._source is not None
        self._source.set_row_filter(keep)
        rows = self._source.row_filter
        with self.hold_sync():
            self.filter_rows = -1 if rows is None else int(rows.size)
            self.filter_label = "" if rows is None else label

    def page(self, offset: int = 0, limit: int | None = None, col_offset: int = 0,
             sort: tuple[int, bool] | None = None, query: str = "") -> tuple[dict, bytes]:
        """The page the browser would get (also handy from Python)."""
        assert self._source is not None
        return self._source.page(offset, limit or self.page_size, col_offset,
                                 self.max_page_columns, sort, query)

    @property
    def fixes(self) -> list[Step | None]:
        """The suggested step of each finding shown (None where there is none)."""
        return list(self._fixes)

    def _msg_fix(self, content: dict) -> None:
        """Add the step suggested for finding ``index`` to the recipe."""
        index = int(content.get("index", -1))
        if not 0 <= index < len(self._fixes) or self._fixes[index] is None:
            raise ValueError("that finding has no suggested step any more; the data changed")
        if self._on_fix is None:
            raise RuntimeError("this grid is not part of a Studio")
        self.error = ""
        self._on_fix(self._fixes[index])

    def _msg_page(self, content: dict) -> None:
        sort = content.get("sort")
        meta, data = self.page(
            int(content.get("offset", 0)), int(content.get("limit", self.page_size)),
            int(content.get("col_offset", 0)),
            (int(sort[0]), bool(sort[1])) if sort else None,
            str(content.get("query", ""))[:200],
        )
        if len(data) > transport.MAX_MESSAGE_BYTES:
            raise ValueError("this page is too large to send; show fewer rows per page")
        self.send({"type": "page", "id": content.get("id"), **meta}, buffers=[data])
