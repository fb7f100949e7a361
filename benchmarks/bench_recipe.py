"""Recipe.apply against the same hand-written pandas, on 1,000,000 rows.

Run: .venv/bin/python benchmarks/bench_recipe.py [--rows N]
"""

from __future__ import annotations

import argparse

from _frames import mixed_frame
from _timing import compare

import lepton_widgets as lw


def by_hand(df):
    df = df.copy()
    df = df.drop(columns=["text_0"])
    for c in ("float_0", "float_1"):
        df[c] = df[c].fillna(df[c].median())
    df["cat_0"] = df["cat_0"].astype("category")
    df = df.dropna(subset=["float_2"])
    return df.drop_duplicates()


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--rows", type=int, default=1_000_000)
    args = ap.parse_args()
    df = mixed_frame(args.rows)
    recipe = (lw.Recipe().add("drop_columns", columns=["text_0"])
              .add("fill_missing", columns=["float_0", "float_1"], strategy="median")
              .add("cast", columns=["cat_0"], to="category")
              .add("drop_missing", columns=["float_2"])
              .add("drop_duplicates"))
    assert recipe.apply(df).equals(by_hand(df))
    print(f"recipe of 5 steps on {df.shape[0]:,} x {df.shape[1]}")
    compare({"hand-written pandas (baseline)": lambda: by_hand(df),
             "Recipe.apply": lambda: recipe.apply(df)}, repeat=5)


if __name__ == "__main__":
    main()
