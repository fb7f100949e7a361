"""Sentiment per text with VADER (its lexicon ships inside the vaderSentiment wheel)."""

from __future__ import annotations

import numpy as np
import pandas as pd

from .helpers import sentiment_scores
from .textprofile import as_text

POSITIVE, NEGATIVE = 0.05, -0.05  # VADER's own thresholds on the compound score
EXTREMES = 5
SHOWN_CHARS = 200


def _shown(text: str) -> str:
    return text if len(text) <= SHOWN_CHARS else text[: SHOWN_CHARS - 1] + "…"


def _extremes(order, scores: pd.Series, text: pd.Series, labels) -> list[dict]:
    """The first EXTREMES rows in ``order`` with different texts (repeats are skipped)."""
    out, seen = [], set()
    for r in order:
        if text[r] not in seen:
            seen.add(text[r])
            out.append({"row": labels[r], "score": float(scores[r]), "text": _shown(text[r])})
            if len(out) == EXTREMES:
                break
    return out


def sentiment(s: pd.Series, groups: pd.Series | None = None) -> dict:
    """Scores, their distribution, the mean per group and the most positive and negative
    rows. Scores are VADER's compound score (-1 to +1); missing text has no score."""
    labels = s.index
    text = as_text(s).reset_index(drop=True)  # positions: the index may repeat labels
    scores = sentiment_scores(text)
    known = scores.dropna()
    # 21 bands of 0.1 centred on -1.0 ... 1.0: the middle one is VADER's neutral band
    counts, edges = np.histogram(known.to_numpy(), bins=21, range=(-1.05, 1.05))
    out: dict = {
        "scored": len(known), "missing": int(len(scores) - len(known)),
        "mean": float(known.mean()) if len(known) else None,
        "positive": int((known >= POSITIVE).sum()), "negative": int((known <= NEGATIVE).sum()),
        "neutral": int(((known > NEGATIVE) & (known < POSITIVE)).sum()),
        "histogram": {"edges": edges.tolist(), "counts": counts.tolist()},
        "by_group": [],
    }
    order = known.sort_values(kind="stable").index
    out["most_negative"] = _extremes(order, known, text, labels)
    out["most_positive"] = _extremes(order[::-1], known, text, labels)
    if groups is not None:
        by = scores.groupby(groups.to_numpy(), dropna=True, sort=True)
        for level, part in by:
            part = part.dropna()
            out["by_group"].append({
                "group": level, "texts": len(part),
                "mean": float(part.mean()) if len(part) else None,
                "positive": float((part >= POSITIVE).mean()) if len(part) else None,
                "negative": float((part <= NEGATIVE).mean()) if len(part) else None})
    return out
