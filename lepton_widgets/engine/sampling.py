"""Reduce point clouds for charts in the kernel, keeping the extremes."""

from __future__ import annotations

import numpy as np

MAX_CHART_POINTS = 2000


def sample_points(x, y, max_points: int = MAX_CHART_POINTS, seed: int = 0):
    """At most ``max_points`` (x, y) pairs as float64: the extremes of both axes plus a
    seeded random sample. Returns (x, y, sampled: bool)."""
    x = np.asarray(x, dtype="float64")
    y = np.asarray(y, dtype="float64")
    keep = np.isfinite(x) & np.isfinite(y)
    x, y = x[keep], y[keep]
    n = x.size
    if n <= max_points:
        return x, y, False
    extremes = {int(np.argmin(x)), int(np.argmax(x)), int(np.argmin(y)), int(np.argmax(y))}
    rng = np.random.default_rng(seed)
    pool = np.setdiff1d(np.arange(n), list(extremes))
    chosen = rng.choice(pool, size=max_points - len(extremes), replace=False)
    idx = np.sort(np.concatenate([chosen, list(extremes)]))
    return x[idx], y[idx], True
