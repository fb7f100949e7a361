"""lepton_widgets.train against fitting the same scikit-learn Pipeline by hand.

Both split the same way and fit the same Pipeline; ``train`` also scores the test split,
ranks drivers (permutation importance) and checks for leakage: the ratio shows that cost.
Run: .venv/bin/python benchmarks/bench_train.py
"""

from __future__ import annotations

from _timing import compare
from sklearn.model_selection import train_test_split

import lepton_widgets as lw
from lepton_widgets.engine.models.pipeline import build_pipeline, plan_features
from lepton_widgets.engine.models.registry import model_spec


def main() -> None:
    for name, target, task in [("diamonds", "price", "regression"),
                               ("titanic", "survived", "classification")]:
        df = lw.datasets.load(name)
        if name == "titanic":
            df = df.drop(columns=["alive"])
        X, y = df.drop(columns=[target]), df[target]
        plan = plan_features(X)

        def by_hand(X=X, y=y, plan=plan, task=task, strat=(task == "classification")):
            Xtr, Xte, ytr, yte = train_test_split(X[plan.features], y, test_size=0.2,
                                                  random_state=0, stratify=y if strat else None)
            pipe = build_pipeline(plan, model_spec("gradient_boosting", task))
            pipe.fit(Xtr, ytr)
            pipe.score(Xte, yte)

        print(f"{name}: {df.shape[0]:,} rows, gradient boosting")
        compare({"sklearn Pipeline by hand (baseline)": by_hand,
                 "lw.train(model='gradient_boosting')":
                     lambda df=df, target=target: lw.train(df, target, "gradient_boosting")},
                repeat=7)


if __name__ == "__main__":
    main()
