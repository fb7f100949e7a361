"""The ``%lepton`` line magic (loaded by ``%load_ext lepton_widgets``)."""

from __future__ import annotations

import argparse
import shlex

import pandas as pd
from IPython.core.error import UsageError

USAGE = "%lepton EXPRESSION [--page-size N]   e.g.  %lepton df"


class _Parser(argparse.ArgumentParser):
    def error(self, message: str):  # argparse would exit the kernel's process
        raise UsageError(f"{message}\nusage: {USAGE}")


def _parser() -> argparse.ArgumentParser:
    p = _Parser(prog="%lepton", add_help=False)
    p.add_argument("expression", nargs="+", help="a DataFrame, or an expression giving one")
    p.add_argument("--page-size", type=int, default=None, help="grid rows per page")
    return p


def lepton(line: str, ipython=None):
    """Show the lepton Studio for a DataFrame: ``%lepton df``."""
    from .widgets.studio import Studio

    ip = ipython
    if not line.strip():
        raise UsageError(f"name a DataFrame: {USAGE}")
    args = _parser().parse_args(shlex.split(line))
    expr = " ".join(args.expression)
    try:
        value = ip.ev(expr)
    except Exception as exc:
        raise UsageError(f"%lepton could not evaluate {expr!r}: {exc}") from None
    if isinstance(value, pd.Series):
        value = value.to_frame()
    if not isinstance(value, pd.DataFrame):
        raise UsageError(f"%lepton needs a pandas DataFrame; {expr!r} is a "
                        f"{type(value).__name__}")
    kwargs = {"page_size": args.page_size} if args.page_size else {}
    return Studio(value, **kwargs)


def register(ipython) -> None:
    ipython.register_magic_function(
        lambda line: lepton(line, ipython), magic_kind="line", magic_name="lepton")


def unregister(ipython) -> None:
    ipython.magics_manager.magics["line"].pop("lepton", None)
