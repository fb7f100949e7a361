"""Keywords: the terms that set a group of texts (or one text) apart, by TF-IDF."""

from __future__ import annotations

import numpy as np
import pandas as pd

from .textprofile import as_text

TOP_KEYWORDS = 10


def keywords(s: pd.Series, groups: pd.Series | None = None, top: int = TOP_KEYWORDS,
             ) -> list[dict]:
    """Top terms overall and per group.

    One TF-IDF (English stop words removed, sublinear term frequency) is fitted on all
    texts; a group's keywords are the terms with the highest mean weight over its texts.
    Returns ``[{"group", "texts", "terms": [{"term", "weight", "share"}]}]`` where
    ``share`` is the fraction of the group's texts containing the term. The first entry
    (group ``None``) covers every text. Missing texts count as empty (zero vectors).
    """
    from sklearn.feature_extraction.text import TfidfVectorizer

    text = as_text(s)
    vectorizer = TfidfVectorizer(stop_words="english", sublinear_tf=True)
    try:
        weights = vectorizer.fit_transform(text.fillna("").tolist()).tocsr()
    except ValueError:  # no terms in any text
        return []
    terms = vectorizer.get_feature_names_out()
    present = weights.copy()
    present.data[:] = 1.0
    parts: list[tuple[object, np.ndarray]] = [(None, np.ones(len(text), dtype=bool))]
    if groups is not None:
        keys = groups.reset_index(drop=True)
        for level in keys.dropna().unique():
            parts.append((level, (keys == level).to_numpy()))
    out = []
    for level, mask in parts:
        n = int(mask.sum())
        if n == 0:
            continue
        mean = np.asarray(weights[mask].mean(axis=0)).ravel()
        share = np.asarray(present[mask].mean(axis=0)).ravel()
        order = sorted(np.flatnonzero(mean), key=lambda i: (-mean[i], terms[i]))[:top]
        out.append({"group": level, "texts": n,
                    "terms": [{"term": str(terms[i]), "weight": float(mean[i]),
                               "share": float(share[i])} for i in order]})
    return out
