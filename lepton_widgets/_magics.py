"""The ``%lepton`` line magic (loaded by ``%load_ext lepton_widgets``)."""

from __future__ import annotations

import re

import pandas as pd
from IPython.core.error import UsageError

USAGE = "%lepton EXPRESSION [--page-size N]   e.g.  %lepton df"
# Options come last; everything before them is the expression, quotes and all.
_OPTION = re.compile(r"\s--page-size(?:=|\s+)(?P<value>\S+)\s*$")


def parse(line: str) -> tuple[str, int | None]:
    """Split ``%lepton`` arguments into (expression, page size)."""
    page_size = None
    match = _OPTION.search(" " + line)
    if match:
        line = (" " + line)[: match.start()].strip()
        try:
            page_size = int(match.group("value"))
        except ValueError:
            raise UsageError(f"--page-size needs a whole number, not "
                             f"{match.group('value')!r}\nusage: {USAGE}") from None
        if page_size < 1:
            raise UsageError(f"--page-size must be at least 1\nusage: {USAGE}")
    expr = line.strip()
    if not expr:
        raise UsageError(f"name a DataFrame: {USAGE}")
    return expr, page_size


def lepton(line: str, ipython=None):
    """Show the lepton Studio for a DataFrame: ``%lepton df``."""
    from .widgets.studio import Studio

    expr, page_size = parse(line)
    try:
        value = ipython.ev(expr)
    except Exception as exc:
        raise UsageError(f"%lepton could not evaluate {expr!r}: {exc}") from None
    if isinstance(value, pd.Series):
        value = value.to_frame()
    if not isinstance(value, pd.DataFrame):
        raise UsageError(f"%lepton needs a pandas DataFrame; {expr!r} is a "
                         f"{type(value).__name__}")
    return Studio(value, page_size=page_size)


def register(ipython) -> None:
    ipython.register_magic_function(
        lambda line: lepton(line, ipython), magic_kind="line", magic_name="lepton")


def unregister(ipython) -> None:
    ipython.magics_manager.magics["line"].pop("lepton", None)
