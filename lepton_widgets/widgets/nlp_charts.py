"""bqplot charts of the NLP tab: keyword bars per group and the sentiment distribution.

They take the small JSON-safe summaries of ``engine.nlp.analyze``, never the texts.
"""

from __future__ import annotations

import bqplot as bq
import numpy as np

from .charts import HALF_LAYOUT, PALETTE

MARGIN = {"top": 40, "bottom": 50, "left": 110, "right": 20}


def keyword_bars(entry: dict, column: str, color: str = PALETTE[0]) -> bq.Figure:
    """The keywords of one group (its top TF-IDF terms) with the share of its texts that
    contain each, most frequent on top."""
    ranked = sorted(entry["terms"], key=lambda t: -t["share"])
    terms = [t["term"] for t in ranked]
    share = np.array([100.0 * t["share"] for t in ranked], dtype="float64")
    sx, sy = bq.OrdinalScale(reverse=True), bq.LinearScale(min=0.0)  # best term on top
    bars = bq.Bars(x=terms, y=share, orientation="horizontal", colors=[color],
                   scales={"x": sx, "y": sy})
    who = "all texts" if entry["group"] is None else f"{entry['group']}"
    return bq.Figure(
        marks=[bars], layout=HALF_LAYOUT, fig_margin=MARGIN,
        title=f"Keywords of {column}: {who} ({entry['texts']:,} texts)",
        axes=[bq.Axis(scale=sx, side="left"),
              bq.Axis(scale=sy, side="bottom", label="% of texts containing the word")])


def sentiment_histogram(summary: dict, column: str, sample: int | None = None) -> bq.Figure:
    """How many texts fall in each band of the VADER compound score (-1 to +1)."""
    edges = np.asarray(summary["histogram"]["edges"], dtype="float64")
    counts = np.asarray(summary["histogram"]["counts"], dtype="float64")
    centers = (edges[:-1] + edges[1:]) / 2
    sx, sy = bq.LinearScale(min=-1.05, max=1.05), bq.LinearScale(min=0.0)
    colors = [PALETTE[1] if c < -0.01 else PALETTE[3] if c > 0.01 else "#999"  # neutral: grey
              for c in centers]
    bars = bq.Bars(x=centers, y=counts, colors=colors, scales={"x": sx, "y": sy},
                   padding=0.05)
    title = f"Sentiment of {column}" + (f" (sample of {sample:,} rows)" if sample else "")
    return bq.Figure(
        marks=[bars], title=title, layout=HALF_LAYOUT,
        fig_margin={**MARGIN, "left": 60},
        axes=[bq.Axis(scale=sx, side="bottom", label="compound score (negative to positive)"),
              bq.Axis(scale=sy, side="left", label="texts", label_offset="45px")])


def figures(result: dict) -> list:
    """Every chart for one analysis: one keyword chart per group (or overall), sentiment."""
    column = result["column"]
    entries = result["keywords"]
    groups = [e for e in entries if e["group"] is not None] or entries[:1]
    out = [keyword_bars(e, column, PALETTE[i % len(PALETTE)]) for i, e in enumerate(groups)
           if e["terms"]]
    if result["sentiment"]["scored"]:
        out.append(sentiment_histogram(result["sentiment"], column, result.get("sample")))
    return out
