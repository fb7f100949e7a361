"""Entities found by rules (regular expressions), with their exact spans.

Recognised: e-mail addresses, URLs (``http(s)://`` or ``www.``), dates (ISO 2024-05-11,
11/05/2024 or 11.05.24, "5th May 2024", "May 5, 2024"), money (a currency sign £ $ € ¥
before a number, a currency word or code after it, or pence such as "150p"), percentages
("12%", "12 per cent"), phone-like numbers (7 to 15 digits, spaces, dots, dashes and a
leading + or (area) allowed), hashtags (#word) and mentions (@name).
Not recognised: names of people, places or organisations, times of day, bare domains
without www (example.com), amounts written in words, dates in words without a day
("May 2024"), and numbers in other scripts. Where two kinds could match at the same
place, the first in the order above (email, url, date, money, percent, phone, hashtag,
mention) wins; matches never overlap.
"""

from __future__ import annotations

from collections import Counter

import numpy as np
import pandas as pd

from .helpers import entity_pattern
from .textprofile import as_text

KINDS = ("email", "url", "date", "money", "percent", "phone", "hashtag", "mention")
TOP_VALUES = 5


def find_entities(text: str | None) -> list[dict]:
    """Every entity in one text: ``{"kind", "start", "end", "text"}``, in order."""
    if not text:
        return []
    return [{"kind": m.lastgroup, "start": m.start(), "end": m.end(), "text": m.group()}
            for m in entity_pattern().finditer(text)]


def entities(s: pd.Series, groups: pd.Series | None = None) -> dict:
    """Counts overall, rows holding each kind, the commonest values, and per group the
    share of texts holding at least one of each kind."""
    text = as_text(s)
    values: dict[str, Counter] = {k: Counter() for k in KINDS}
    found = {k: np.zeros(len(text), dtype="int64") for k in KINDS}
    pattern = entity_pattern()
    for i, t in enumerate(text.tolist()):  # one pass: the counts of count_entities + values
        if t:
            for m in pattern.finditer(t):
                values[m.lastgroup][m.group()] += 1
                found[m.lastgroup][i] += 1
    counts = pd.DataFrame(found, index=text.index)
    out = {"kinds": [{"kind": k, "total": int(counts[k].sum()),
                      "rows": int((counts[k] > 0).sum()),
                      "top": [[v, n] for v, n in values[k].most_common(TOP_VALUES)]}
                     for k in KINDS],
           "by_group": []}
    if groups is not None:
        shares = (counts > 0).groupby(groups.to_numpy(), dropna=True).mean()
        out["by_group"] = [{"group": level, **{k: float(shares.loc[level, k]) for k in KINDS}}
                           for level in shares.index]
    return out
