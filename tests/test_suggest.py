"""Each finding's suggested step, and what it does when applied."""

from __future__ import annotations

import numpy as np
import pandas as pd

import lepton_widgets as lw
from lepton_widgets.engine.suggest import suggest


def fixes(df: pd.DataFrame) -> dict[str, str | None]:
    prof = lw.profile(df)
    by_name = {c["name"]: c for c in prof.columns}
    out = {}
    for f in prof.findings:
        step = suggest(f, df, by_name)
        out[f["text"]] = step.describe() if step else None
    return out


def test_titanic_suggestions(titanic):
    f = fixes(titanic)
    assert f["deck is missing in 77% of rows (688 of 891)"] == "Drop columns deck"
    assert f["age is missing in 20% of rows (177 of 891)"] == "Fill missing age by median"
    assert f["embarked is missing in under 1% of rows (2 of 891)"] == (
        "Fill missing embarked by mode")
    assert f["survived and alive carry the same information (Cramér's V 1.00)"] == (
        "Drop columns alive")
    assert f["107 rows (12%) repeat an earlier row"] == "Drop duplicate rows (keep first)"
    assert f["fare has 53 far outliers (beyond 3 IQR)"] == "Clip outliers in fare (beyond 3 x IQR)"
    assert f["fare is strongly right-skewed (skew 4.8)"] is None  # no step for it yet


def test_odd_frame_suggestions_fix_the_problem():
    df = pd.DataFrame({"inf": [1.0, np.inf, 2.0, -np.inf], "empty": [None] * 4,
                       "same": ["x"] * 4, "mixed": ["a", 1, None, 2.5]})
    prof = lw.profile(df)
    by_name = {c["name"]: c for c in prof.columns}
    recipe = lw.Recipe([s for f in prof.findings if (s := suggest(f, df, by_name))])
    out = recipe.apply(df)
    assert list(out.columns) == ["inf", "mixed"]
    assert out["inf"].isna().sum() == 2
    assert np.isfinite(out["inf"].dropna()).all()
    assert out["mixed"].tolist()[:2] == ["a", "1"]
    assert [w for c in lw.profile(out).columns for w in c["warnings"]
            if w in ("infinite", "constant", "all_missing", "mixed_types")] == []


def test_no_made_up_dates_or_texts_for_gaps():
    n = 40
    df = pd.DataFrame({
        "when": pd.Series(pd.date_range("2024-03-01", periods=n, freq="D", tz="Asia/Tokyo")
                          ).where(np.arange(n) % 5 != 0),
        "review": pd.Series([f"review number {i} says something" for i in range(n)]
                            ).where(np.arange(n) % 4 != 0),
        "city": pd.Series(["Oslo", "Lima"] * (n // 2)).where(np.arange(n) % 8 != 0)})
    f = fixes(df)
    assert f["when is missing in 20% of rows (8 of 40)"] is None
    assert f["review is missing in 25% of rows (10 of 40)"] is None
    assert f["city is missing in 12% of rows (5 of 40)"] == "Fill missing city by mode"
