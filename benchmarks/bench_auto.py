"""Auto mode on the bundled datasets: cross-validated scores, test scores and wall time.

Run: .venv/bin/python benchmarks/bench_auto.py
"""

from __future__ import annotations

import time

import lepton_widgets as lw

CASES = [("titanic", "survived", ["alive"]), ("penguins", "species", []),
         ("mpg", "mpg", []), ("diamonds", "price", [])]


def main() -> None:
    print(f"{'dataset':<10} {'rows':>7}  {'winner':<18} {'cv score':>16} {'test':>16} "
          f"{'seconds':>8}")
    for name, target, drop in CASES:
        df = lw.datasets.load(name).drop(columns=drop)
        t0 = time.perf_counter()
        r = lw.train(df, target=target)
        seconds = time.perf_counter() - t0
        cv_col = next(c for c in r.leaderboard.columns if c.startswith("cv_") and c != "cv_std")
        best = r.leaderboard.iloc[0]
        metric, value = r.main_metric
        print(f"{name:<10} {len(df):>7,}  {r.model:<18} {cv_col[3:]:>9} {best[cv_col]:.3f} "
              f"{metric:>9} {value:.3f} {seconds:8.1f}")


if __name__ == "__main__":
    main()
