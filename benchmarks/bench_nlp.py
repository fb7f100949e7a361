"""NLP on sms_spam repeated to N rows: the tab's analysis (sampled beyond 20,000 rows)
and the recipe steps (every row) against the bare libraries they wrap.

Run: .venv/bin/python benchmarks/bench_nlp.py [--rows N]
"""

from __future__ import annotations

import argparse

import pandas as pd
from _timing import compare

import lepton_widgets as lw
from lepton_widgets.engine.nlp.helpers import sentiment_scores


def bare_vader(s: pd.Series) -> list:
    from vaderSentiment.vaderSentiment import SentimentIntensityAnalyzer

    score = SentimentIntensityAnalyzer().polarity_scores
    return [score(t)["compound"] for t in s]


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--rows", type=int, default=1_000_000)
    args = ap.parse_args()
    sms = lw.datasets.load("sms_spam")
    big = sms.sample(n=args.rows, replace=True, random_state=0).reset_index(drop=True)
    print(f"analysis of {len(big):,} texts (keywords, sentiment, entities on 20,000 sampled)")
    compare({"lw.nlp.analyze": lambda: lw.nlp.analyze(big, "SMS", "Label")}, repeat=3)
    small = sms.sample(n=min(args.rows, 50_000), replace=True, random_state=1)
    print(f"sentiment of {len(small):,} texts, every row")
    compare({"bare VADER loop (baseline)": lambda: bare_vader(small["SMS"]),
             "sentiment step helper": lambda: sentiment_scores(small["SMS"])}, repeat=3)
    print(f"entity counts of {len(small):,} texts, every row")
    recipe = lw.Recipe().add("entity_counts", columns=["SMS"])
    compare({"entity_counts step": lambda: recipe.apply(small)}, repeat=3)


if __name__ == "__main__":
    main()
