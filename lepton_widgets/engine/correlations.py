"""How columns move together: Pearson and Spearman for numbers, Cramér's V for categories.

Computed on a seeded sample of at most ``MAX_ROWS`` rows (the result says so) and on at most
``MAX_COLUMNS`` columns of each family, so that a profile stays fast on any frame.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

MAX_ROWS = 100_000
MAX_COLUMNS = 40
MAX_LEVELS = 50  # categorical columns with more levels are left out of Cramér's V
SMALL_NUMERIC_LEVELS = 10  # numbers with at most this many values count as categories too


def _matrix(names: list[str], values: np.ndarray) -> dict:
    clean = [[None if not np.isfinite(v) else round(float(v), 4) for v in row] for row in values]
    return {"columns": names, "matrix": clean}


def cramers_v(a: np.ndarray, b: np.ndarray) -> float:
    """Bias-corrected Cramér's V of two integer-coded arrays (-1 = missing, left out)."""
    keep = (a >= 0) & (b >= 0)
    a, b = a[keep], b[keep]
    n = a.size
    if n < 2:
        return float("nan")
    ka, kb = a.max() + 1, b.max() + 1
    table = np.bincount(a * kb + b, minlength=ka * kb).reshape(ka, kb).astype(float)
    table = table[table.sum(1) > 0][:, table.sum(0) > 0]
    r, k = table.shape
    if r < 2 or k < 2:
        return float("nan")  # a constant column: no association can be measured
    expected = table.sum(1, keepdims=True) * table.sum(0, keepdims=True) / n
    chi2 = float(((table - expected) ** 2 / expected).sum())
    phi2 = max(0.0, chi2 / n - (k - 1) * (r - 1) / (n - 1))
    rc, kc = r - (r - 1) ** 2 / (n - 1), k - (k - 1) ** 2 / (n - 1)
    denom = min(kc - 1, rc - 1)
    return float(np.sqrt(phi2 / denom)) if denom > 0 else float("nan")


def correlations(df: pd.DataFrame, columns: list[dict], seed: int = 0) -> dict:
    """{"pearson", "spearman", "cramers_v": {"columns", "matrix"}, "sampled", "rows"}.

    ``columns`` are the profile's column summaries of ``df``, in order. Numbers with few
    distinct values (0/1 flags, classes) take part in Cramér's V too. Constant or empty
    columns get null (n/a) entries, never an error.
    """
    names = [c["name"] for c in columns]
    kinds = [c["kind"] for c in columns]
    rows = len(df)
    take = None
    if rows > MAX_ROWS:  # the same seeded rows for every column
        take = np.sort(np.random.default_rng(seed).choice(rows, MAX_ROWS, replace=False))

    def col(i: int) -> pd.Series:
        s = df.iloc[:, i]
        return s if take is None else s.iloc[take]

    out: dict = {"sampled": take is not None, "rows": min(rows, MAX_ROWS)}
    numeric = [i for i, k in enumerate(kinds) if k == "numeric"][:MAX_COLUMNS]
    if len(numeric) >= 2:
        block = pd.DataFrame({j: pd.to_numeric(col(i), errors="coerce").to_numpy(
            dtype="float64", na_value=np.nan) for j, i in enumerate(numeric)})
        block = block.replace([np.inf, -np.inf], np.nan)
        with np.errstate(all="ignore"):
            out["pearson"] = _matrix([names[i] for i in numeric], block.corr().to_numpy())
            out["spearman"] = _matrix([names[i] for i in numeric],
                                      block.rank().corr().to_numpy())
    codes, cat_names = [], []
    for i, k in enumerate(kinds):
        few = k == "numeric" and (columns[i].get("distinct") or 0) <= SMALL_NUMERIC_LEVELS
        if (k in ("categorical", "boolean") or few) and len(codes) < MAX_COLUMNS:
            try:
                c, levels = pd.factorize(col(i), use_na_sentinel=True)
            except TypeError:
                continue
            if 1 <= len(levels) <= MAX_LEVELS:
                codes.append(np.asarray(c, dtype=np.int64))
                cat_names.append(names[i])
    if len(codes) >= 2:
        m = np.eye(len(codes))
        for a in range(len(codes)):
            for b in range(a + 1, len(codes)):
                m[a, b] = m[b, a] = cramers_v(codes[a], codes[b])
        out["cramers_v"] = _matrix(cat_names, m)
    return out


def strong_pairs(corr: dict, limit: float = 0.5) -> list[tuple[str, str, str, float]]:
    """(column, column, measure, value) for each pair at or above ``limit`` in absolute value."""
    pairs = []
    for measure in ("pearson", "cramers_v"):
        block = corr.get(measure)
        if not block:
            continue
        cols, m = block["columns"], block["matrix"]
        for a in range(len(cols)):
            for b in range(a + 1, len(cols)):
                v = m[a][b]
                if v is not None and abs(v) >= limit:
                    pairs.append((cols[a], cols[b], measure, v))
    return sorted(pairs, key=lambda p: -abs(p[3]))
