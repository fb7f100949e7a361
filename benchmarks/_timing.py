"""Alternate runs of competing callables in one process; report medians and ratios."""

from __future__ import annotations

import statistics
import time
from collections.abc import Callable


def compare(cases: dict[str, Callable[[], object]], repeat: int = 5,
            baseline: str | None = None) -> dict[str, float]:
    """Run each case ``repeat`` times, interleaved, and print median seconds and the ratio."""
    times: dict[str, list[float]] = {name: [] for name in cases}
    for _ in range(repeat):
        for name, fn in cases.items():
            t0 = time.perf_counter()
            fn()
            times[name].append(time.perf_counter() - t0)
    medians = {name: statistics.median(v) for name, v in times.items()}
    base = medians[baseline or next(iter(cases))]
    for name, m in medians.items():
        print(f"  {name:<44} {m * 1000:10.1f} ms   x{m / base:5.2f}")
    return medians
