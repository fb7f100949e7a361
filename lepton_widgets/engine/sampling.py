"""Reduce point clouds for charts in the kernel, keeping the extremes."""

from __future__ import annotations

import numpy as np

MAX_CHART_POINTS = 2000


def extreme_sample(x: np.ndarray, y: np.ndarray, max_points: int = MAX_CHART_POINTS,
                   seed: int = 0) -> np.ndarray:
    """Sorted positions of at most ``max_points`` pairs: the minimum and maximum of both
    axes plus a seeded random sample of the rest (all positions when there are few)."""
    n = x.size
    if n <= max_points:
        return np.arange(n)
    extremes = np.unique([np.argmin(x), np.argmax(x), np.argmin(y), np.argmax(y)])
    rng = np.random.default_rng(seed)
    chosen = rng.choice(n - extremes.size, size=max_points - extremes.size, replace=False)
    # map draws from the positions that are not extremes onto real positions
    rest = np.delete(np.arange(n), extremes)[chosen]
    return np.sort(np.concatenate([rest, extremes]))


def sample_points(x, y, max_points: int = MAX_CHART_POINTS, seed: int = 0):
    """At most ``max_points`` (x, y) pairs as float64: the extremes of both axes plus a
    seeded random sample. Returns (x, y, sampled: bool)."""
    x = np.asarray(x, dtype="float64")
    y = np.asarray(y, dtype="float64")
    keep = np.isfinite(x) & np.isfinite(y)
    x, y = x[keep], y[keep]
    idx = extreme_sample(x, y, max_points, seed)
    return x[idx], y[idx], idx.size < x.size
