"""What drives the target, in plain words, from permutation importance and the data."""

from __future__ import annotations

import numpy as np
import pandas as pd

from ..kinds import column_kind

TOP = 3
METRIC_WORDS = {"accuracy": "accuracy", "r2": "R²"}


def _fmt(x: float) -> str:
    return f"{x:,.0f}" if abs(x) >= 100 else f"{x:,.2f}"


def _direction(feature: pd.Series, outcome: pd.Series, outcome_name: str, rate: bool) -> str:
    """How the outcome moves with one feature, on the rows given."""
    pair = pd.DataFrame({"x": feature, "y": outcome}).dropna()
    if len(pair) < 5 or column_kind(feature) in ("text", "nested"):  # no levels to compare
        return ""
    if column_kind(feature) == "numeric" and pair["x"].nunique() > 5:
        rho = pair["x"].rank().corr(pair["y"].rank())
        if not np.isfinite(rho) or abs(rho) < 0.1:
            return "no simple up or down trend"
        word = "higher" if rho > 0 else "lower"
        return f"higher {feature.name} goes with {word} {outcome_name} (rank correlation {rho:.2f})"
    means = pair.groupby(pair["x"].astype(str))["y"].agg(["mean", "size"])
    means = means[means["size"] >= 3].sort_values("mean")
    if len(means) < 2:
        return ""
    lo_level, lo = next(iter(means["mean"].iloc[[0]].items()))
    hi_level, hi = next(iter(means["mean"].iloc[[-1]].items()))
    if rate:
        return (f"{outcome_name} in {hi:.0%} of rows where {feature.name} is {hi_level}, "
                f"{lo:.0%} where it is {lo_level}")
    return (f"{outcome_name} averages {_fmt(hi)} when {feature.name} is {hi_level}, "
            f"{_fmt(lo)} when it is {lo_level}")


def driver_sentences(drivers: pd.DataFrame, X: pd.DataFrame, y: pd.Series, task: str,
                     metric: str, classes: list) -> list[str]:
    """Up to three sentences: the feature, what shuffling it costs, and its direction
    (measured on the rows given: the held-out test split)."""
    top = drivers[drivers["importance"] > 0].head(TOP)
    if top.empty:
        return ["no single column matters much: shuffling any one of them barely changes "
                f"the {METRIC_WORDS.get(metric, metric)}"]
    rate = task == "classification" and len(classes) == 2
    if task == "classification" and not rate:
        outcome = None
    elif rate:
        outcome = (y == classes[1]).astype(float)
    else:
        outcome = y.astype(float)
    name = f"{y.name} = {classes[1]}" if rate else str(y.name)
    out = []
    for i, (feature, importance) in enumerate(zip(top["feature"], top["importance"],
                                                  strict=True)):
        lead = f"{feature} matters most" if i == 0 else f"then {feature}"
        text = (f"{lead}: shuffling it costs {importance:.3f} "
                f"{METRIC_WORDS.get(metric, metric)}")
        if outcome is not None:
            direction = _direction(X[feature].rename(feature), outcome, name, rate)
            if direction:
                text += f"; {direction}"
        out.append(text)
    return out
