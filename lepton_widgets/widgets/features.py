"""Features tab: how columns become model inputs, with a preview of names and shape."""

from __future__ import annotations

from dataclasses import asdict

import traitlets as t

from ..engine import labels as lb
from ..engine import transport
from ..engine.models import FeatureOptions, preview_features
from ..engine.session import Session
from ._base import Panel, static_file


class FeaturesPanel(Panel):
    """Feature options for the Studio's models (used by the Model tab's Train)."""

    _esm = static_file("features.js")

    columns = t.List(t.Unicode()).tag(sync=True)
    """Columns that can be the target, for the preview (display names)."""
    options = t.Dict().tag(sync=True)
    """The current FeatureOptions as a dict (scale, transform, encode, text, dates, ...)."""
    preview = t.Dict().tag(sync=True)
    """{names (first 200), n_features, rows, dropped} of the last preview."""

    def __init__(self, session: Session, **kwargs) -> None:
        super().__init__(**kwargs)
        self.session = session
        self.options = asdict(session.features)
        self.refresh()

    def refresh(self) -> None:
        self.columns = lb.display_names(self.session.current.columns)[
            : transport.MAX_LISTED_COLUMNS]
        self.preview = {}

    def _read(self, content: dict) -> FeatureOptions:
        raw = dict(content.get("options") or {})
        for name in ("select", "pca", "bins"):
            value = str(raw.get(name) or "").strip()
            raw[name] = int(value) if value.isdigit() else (value or None)
        variance = str(raw.get("min_variance") or "").strip()
        try:
            raw["min_variance"] = float(variance) if variance else None
        except ValueError:
            raw["min_variance"] = variance
        return FeatureOptions.of(raw)

    def _msg_set(self, content: dict) -> None:
        """Use these options for the next models."""
        self.error = ""
        self.session.features = self._read(content)
        self.options = asdict(self.session.features)

    def _msg_preview(self, content: dict) -> None:
        self.error, self.preview = "", {}
        options = self._read(content)
        self.session.features = options
        self.options = asdict(options)
        name = content.get("target") or ""
        target = lb.by_display_name(self.session.current, name) if name else None
        out = preview_features(self.session.current, target, options)
        self.preview = {"names": out["names"][:200], "n_features": out["shape"][1],
                        "rows": out["shape"][0], "dropped": out["dropped"]}
