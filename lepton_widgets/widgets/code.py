"""Code tab: the recipe and the model as plain Python."""

from __future__ import annotations

import traitlets as t

from ._base import Panel, static_file


class CodePanel(Panel):
    """Shows (and copies) the code that reproduces the Studio's work."""

    _esm = static_file("code.js")

    code = t.Unicode("").tag(sync=True)
    """Self-contained source: ``transform(df)`` for the recipe, then the model."""
