"""NLP helpers that recipe steps call and that exported code embeds verbatim.

Like ``engine/snippets.py``: every function here is self-contained (only ``np``, ``pd``
and imports made inside the function), because ``Recipe.to_code()`` copies its source into
the generated module. The Studio and the exported code therefore run the very same lines.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

__all__ = ["count_entities", "entity_pattern", "predict_text_label", "row_keywords",
           "sentiment_scores", "text_values"]


def text_values(s):
    """A column as Python text for NLP: missing stays None, other values become str."""
    return [None if v is None or v is pd.NA or (isinstance(v, float) and v != v) else str(v)
            for v in s.tolist()]


def entity_pattern():
    """One compiled regular expression whose named groups are the entity kinds.

    At each position the first kind that matches wins, in this order: email, url, date,
    money, percent, phone, hashtag, mention. Matches never overlap.
    """
    import re

    month = (r"(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?"
             r"|aug(?:ust)?|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)")
    number = r"\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?"
    kinds = {
        "email": r"[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}",
        "url": r"(?:https?://|www\.)[^\s<>\"']*[^\s<>\"'.,;:!?)\]]",
        "date": (r"\d{4}-\d{1,2}-\d{1,2}(?!\d)"
                 r"|\d{1,2}[/.]\d{1,2}[/.](?:\d{4}|\d{2})(?!\d)"
                 rf"|\d{{1,2}}(?:st|nd|rd|th)?\s+{month}\b(?:,?\s+\d{{4}})?"
                 rf"|(?!may\s){month}\s+\d{{1,2}}(?:st|nd|rd|th)?\b(?:,?\s+\d{{4}})?"
                 r"|may\s+\d{1,2}(?:st|nd|rd|th)?,?\s+\d{4}"),  # "may 2" alone is a verb
        "money": (rf"[£$€¥]\s?(?:{number})(?:\s?(?:k|m|bn|million|billion)\b)?"
                  rf"|(?:{number})\s?(?:usd|eur|gbp|dollars?|pounds?|euros?|pence)\b"
                  r"|\d+(?:\.\d+)?p\b"),
        "percent": rf"(?:{number})\s?(?:%|per\s?cent\b)",
        "phone": r"(?<![\w.])\+?(?:\(\d{1,4}\)[\s.-]?)?\d(?:[\s.-]?\d){6,14}(?!\d)",
        "hashtag": r"(?<![\w&])#\w*[^\W\d_]\w*",
        "mention": r"(?<![\w@])@\w+",
    }
    return re.compile("|".join(f"(?P<{k}>{p})" for k, p in kinds.items()), re.IGNORECASE)


def count_entities(s, kinds):
    """Per row, how many entities of each kind the text holds (0 for missing text).

    Returns a frame with one int64 column per kind, on the index of ``s``.
    """
    pattern = entity_pattern()
    counts = {k: np.zeros(len(s), dtype="int64") for k in kinds}
    for i, text in enumerate(text_values(s)):
        if text:
            for m in pattern.finditer(text):
                if m.lastgroup in counts:
                    counts[m.lastgroup][i] += 1
    return pd.DataFrame(counts, index=s.index)


def sentiment_scores(s):
    """VADER compound sentiment of each text, from -1 (negative) to +1 (positive).

    Missing text gives NaN (rows stay aligned); empty text scores 0.
    """
    from vaderSentiment.vaderSentiment import SentimentIntensityAnalyzer

    score = SentimentIntensityAnalyzer().polarity_scores
    values = [np.nan if t is None else score(t)["compound"] for t in text_values(s)]
    return pd.Series(values, index=s.index, dtype="float64")


def row_keywords(s, top):
    """The ``top`` terms of each text by TF-IDF (fitted on this column, English stop words
    removed), joined with ", ". Missing text stays missing; text without terms gives ''."""
    from sklearn.feature_extraction.text import TfidfVectorizer

    texts = text_values(s)
    vectorizer = TfidfVectorizer(stop_words="english", sublinear_tf=True)
    try:
        weights = vectorizer.fit_transform([t or "" for t in texts]).tocsr()
    except ValueError:  # no terms at all in the column
        return pd.Series([None if t is None else "" for t in texts], index=s.index,
                         dtype="object")
    vocab = vectorizer.get_feature_names_out()
    out = []
    for i, t in enumerate(texts):
        row = weights.getrow(i)
        # highest weight first; ties in alphabetical order
        order = sorted(zip(-row.data, vocab[row.indices], strict=True))[:top]
        out.append(None if t is None else ", ".join(str(term) for _, term in order))
    return pd.Series(out, index=s.index, dtype="object")


def predict_text_label(s, y, C):
    """Fit TF-IDF words + logistic regression on the rows of ``s`` whose label ``y`` is
    known, and predict a label for every row (missing text counts as empty).

    Rows that had a label get in-sample predictions: use the Model tab to measure how
    well the classifier does on rows it has not seen.
    """
    from sklearn.feature_extraction.text import TfidfVectorizer
    from sklearn.linear_model import LogisticRegression
    from sklearn.pipeline import make_pipeline

    texts = pd.Series([t or "" for t in text_values(s)], index=s.index, dtype="object")
    known = y.notna().to_numpy()
    model = make_pipeline(TfidfVectorizer(max_features=500, min_df=2),
                          LogisticRegression(C=C, max_iter=1000))
    model.fit(texts[known], y[known].astype(object))
    return pd.Series(model.predict(texts), index=s.index, dtype="object")
