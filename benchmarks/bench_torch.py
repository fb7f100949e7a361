"""Our PyTorch training loop with the live chart on, against a bare PyTorch loop.

Both train the same CNN (``torch_nets.CNN``) on the same scikit-learn digits split with the
same seed, batch size, Adam settings and per-epoch validation pass; ours also records the
history, keeps the best weights, reports batches to a progress callback and draws every
epoch into the Studio's bqplot ``TrainingChart`` (no browser attached). Runs alternate;
medians of the time per epoch. Then the scores the README quotes: the CNN on held-out
digits and the Transformer text network on a held-out split of sms_spam (Studio defaults).
Run: OMP_NUM_THREADS=1 .venv/bin/python benchmarks/bench_torch.py
"""

from __future__ import annotations

import time

import numpy as np
import torch
from _timing import compare
from sklearn.datasets import load_digits
from sklearn.metrics import f1_score
from sklearn.model_selection import train_test_split

import lepton_widgets as lw
from lepton_widgets.engine.models.torch_estimators import ConvNetClassifier, training_hooks
from lepton_widgets.engine.models.torch_nets import CNN
from lepton_widgets.engine.models.train import _batch_reporter
from lepton_widgets.widgets.training_chart import TrainingChart

EPOCHS, BATCH, LR = 5, 64, 1e-3


def bare_loop(X: np.ndarray, y: np.ndarray) -> None:
    """What one writes by hand: shuffle, batches, Adam, a validation loss each epoch."""
    torch.manual_seed(0)
    order = np.random.default_rng(0).permutation(len(X))
    n_val = int(len(X) * 0.1)
    Xt, yt = torch.from_numpy(X[order[n_val:]]), torch.from_numpy(y[order[n_val:]])
    Xv, yv = torch.from_numpy(X[order[:n_val]]), torch.from_numpy(y[order[:n_val]])
    net = CNN(10, (1, 8, 8))
    opt = torch.optim.Adam(net.parameters(), lr=LR)
    loss_fn = torch.nn.CrossEntropyLoss()
    gen = torch.Generator().manual_seed(0)
    for _ in range(EPOCHS):
        net.train()
        perm = torch.randperm(len(Xt), generator=gen)
        for b in range(0, len(Xt), BATCH):
            idx = perm[b:b + BATCH]
            opt.zero_grad()
            loss = loss_fn(net(Xt[idx]), yt[idx])
            loss.backward()
            opt.step()
        net.eval()
        with torch.no_grad():
            float(loss_fn(net(Xv), yv))


def ours(X: np.ndarray, y: np.ndarray, chart: TrainingChart) -> None:
    chart.reset("bench")
    with training_hooks(on_epoch=lambda r: chart.push(r, on_main=lambda fn: fn()),
                        on_batch=_batch_reporter(lambda f, m: None, "conv_network")):
        ConvNetClassifier(epochs=EPOCHS, batch_size=BATCH, learning_rate=LR, patience=0,
                          channels=(16, 32), hidden=64).fit(X, y)
    chart.flush()


def main() -> None:
    print(f"torch {torch.__version__}, {torch.get_num_threads()} thread(s)")
    X, y = load_digits(return_X_y=True)
    X_train, _, y_train, _ = train_test_split(
        (X / 16).astype(np.float32), y, test_size=0.25, random_state=0, stratify=y)
    chart = TrainingChart()
    print(f"CNN on digits, {len(X_train):,} training rows, {EPOCHS} epochs, batch {BATCH}; "
          "time per epoch:")
    medians = compare({"bare PyTorch loop (baseline)": lambda: bare_loop(X_train, y_train),
                       "ConvNetClassifier.fit + live chart": lambda: ours(X_train, y_train,
                                                                         chart)},
                      repeat=7)
    for name, m in medians.items():
        print(f"  {name:<44} {m / EPOCHS * 1000:10.1f} ms per epoch")
    print(f"  chart redraws in the last run: {chart.redraws}")

    digits = load_digits(as_frame=True).frame
    t0 = time.perf_counter()
    result = lw.train(digits, "target", model="conv_network")
    print(f"digits, conv_network (Studio defaults): test accuracy "
          f"{result.metrics['accuracy']:.4f} in {time.perf_counter() - t0:.1f} s; "
          f"{result.notes[-1]}")
    spam = lw.datasets.load("sms_spam")
    t0 = time.perf_counter()
    result = lw.train(spam, "Label", model="text_network")
    f1 = f1_score(result.y_test, result.y_pred, pos_label="spam")
    print(f"sms_spam, text_network (Transformer, Studio defaults): spam F1 {f1:.4f}, "
          f"accuracy {result.metrics['accuracy']:.4f} in {time.perf_counter() - t0:.1f} s; "
          f"{result.notes[-1]}")


if __name__ == "__main__":
    main()
