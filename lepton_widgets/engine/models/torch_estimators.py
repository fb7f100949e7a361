"""Neural networks as scikit-learn estimators: MLP, CNN and text (LSTM/GRU/Transformer).

Each is a plain estimator (keyword parameters stored as given, ``fit`` returns self, learned
attributes end in ``_``), so it drops into the same Pipeline, leaderboard, skops file and
exported code as the scikit-learn models. One training loop serves all of them: mini-batch
Adam, a validation split for early stopping, the best weights (lowest validation loss)
restored at the end, fixed seeds, and hooks (:func:`training_hooks`) through which the
Studio draws the live loss chart and asks the loop to stop after the current batch.

This module imports without torch; fitting without it raises :class:`TorchMissing` with
the install line. Runs on the CPU unless ``device="auto"`` finds CUDA (the CUDA path is the
same code with tensors moved to the GPU; it has not been tested on a GPU here).
"""

from __future__ import annotations

import contextlib
import contextvars
import json
import re
from collections import Counter
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

import numpy as np
from sklearn.base import BaseEstimator, ClassifierMixin, RegressorMixin
from sklearn.utils.multiclass import check_classification_targets
from sklearn.utils.validation import check_array, check_is_fitted, column_or_1d

try:
    from sklearn.utils.validation import validate_data
except ImportError:  # scikit-learn < 1.6 (pyproject allows 1.5)
    def validate_data(estimator, X, reset=True, **kwargs):
        return estimator._validate_data(X, reset=reset, **kwargs)

from ..errors import TrainError

INSTALL = "pip install 'lepton-widgets[torch]'"


class TorchMissing(TrainError, ImportError):
    """PyTorch is not installed; the message holds the line that installs it."""


def torch_available() -> bool:
    try:
        import torch  # noqa: F401
    except ImportError:
        return False
    return True


def require_torch():
    """The torch module, or :class:`TorchMissing` with the install line."""
    try:
        import torch
    except ImportError:
        raise TorchMissing(f"neural networks need PyTorch: {INSTALL}") from None
    return torch


# --- hooks: how a caller watches and stops a fit without changing the estimator's params --
@dataclass(frozen=True)
class Hooks:
    """``on_epoch(record)`` after each epoch (record: epoch, train_loss, val_loss, metric,
    metric_name); ``on_batch(epoch, batch, n_batches, epochs)`` after each batch;
    ``should_stop()`` is asked after each batch."""

    on_epoch: Callable[[dict], None] | None = None
    on_batch: Callable[[int, int, int, int], None] | None = None
    should_stop: Callable[[], bool] | None = None


NO_HOOKS = Hooks()
_HOOKS: contextvars.ContextVar[Hooks] = contextvars.ContextVar("lepton_torch_hooks",
                                                              default=NO_HOOKS)


@contextlib.contextmanager
def training_hooks(on_epoch=None, on_batch=None, should_stop=None) -> Iterator[Hooks]:
    """Every torch fit inside this block (same thread) reports to and obeys these hooks."""
    token = _HOOKS.set(Hooks(on_epoch, on_batch, should_stop))
    try:
        yield _HOOKS.get()
    finally:
        _HOOKS.reset(token)


class _TorchEstimator(BaseEstimator):
    """The shared training loop; subclasses build the network and shape the inputs."""

    _classifier = True

    # --- subclass parts -------------------------------------------------------------------
    def _module_config(self, X, n_out: int) -> dict:
        raise NotImplementedError

    def _make_module(self, config: dict):
        raise NotImplementedError

    def _inputs(self, X, fitting: bool):
        """X as a numpy array the network reads (float32 features or int64 token ids)."""
        X = validate_data(self, X, reset=fitting, dtype=np.float64)
        return X.astype(np.float32)

    # --- training -------------------------------------------------------------------------
    def _device(self):
        torch = require_torch()
        if self.device == "auto":
            return torch.device("cuda" if torch.cuda.is_available() else "cpu")
        return torch.device(self.device)

    def _targets(self, y):
        if self._classifier:
            check_classification_targets(y)
            self.classes_, encoded = np.unique(y, return_inverse=True)
            return encoded.astype(np.int64), len(self.classes_)
        y = check_array(y, ensure_2d=False, dtype=np.float64, input_name="y")  # no NaN or inf
        self.y_mean_, self.y_scale_ = float(y.mean()), float(y.std()) or 1.0
        return ((y - self.y_mean_) / self.y_scale_).astype(np.float32), 1

    def fit(self, X, y):
        """Train on ``X``, ``y``; a share ``validation_fraction`` is held out for early
        stopping and the weights of the epoch with the lowest validation loss are kept."""
        torch = require_torch()
        if y is None:
            raise ValueError(f"{type(self).__name__} requires y to be passed, but the "
                             "target y is None")
        data = self._inputs(X, fitting=True)
        y = column_or_1d(np.asarray(y), warn=True)
        if len(y) != len(data):
            raise ValueError(f"X has {len(data)} rows but y has {len(y)}")
        target, n_out = self._targets(y)
        torch.manual_seed(self.random_state)
        rng = np.random.default_rng(self.random_state)
        device = self._device()
        self.module_config_ = self._module_config(data, n_out)
        self.module_ = self._make_module(self.module_config_).to(device)

        order = rng.permutation(len(data))
        n_val = int(len(data) * self.validation_fraction) if len(data) >= 20 else 0
        val, train = order[:n_val], order[n_val:]
        as_t = torch.from_numpy
        X_tr, y_tr = as_t(data[train]).to(device), as_t(target[train]).to(device)
        X_va, y_va = as_t(data[val]).to(device), as_t(target[val]).to(device)
        loss_fn = torch.nn.CrossEntropyLoss() if self._classifier else torch.nn.MSELoss()
        optimizer = torch.optim.Adam(self.module_.parameters(), lr=self.learning_rate,
                                     weight_decay=self.weight_decay)
        gen = torch.Generator().manual_seed(self.random_state)
        hooks = _HOOKS.get()
        size = max(1, min(self.batch_size, len(train)))
        n_batches = -(-len(train) // size)
        best, best_loss, waited = None, np.inf, 0
        self.history_, self.stopped_ = [], "completed"
        self.best_epoch_ = 0
        for epoch in range(1, self.epochs + 1):
            self.module_.train()
            perm = torch.randperm(len(train), generator=gen).to(device)
            total, halt = 0.0, False
            for b in range(n_batches):
                idx = perm[b * size:(b + 1) * size]
                optimizer.zero_grad()
                loss = loss_fn(self._forward(X_tr[idx]), y_tr[idx])
                loss.backward()
                optimizer.step()
                total += float(loss.detach()) * len(idx)
                if hooks.on_batch is not None:
                    hooks.on_batch(epoch, b + 1, n_batches, self.epochs)
                if hooks.should_stop is not None and hooks.should_stop():
                    halt = True
                    break
            seen = min(len(train), (b + 1) * size)
            record = {"epoch": epoch, "train_loss": total / seen, "val_loss": None,
                      "metric": None, "metric_name": "accuracy" if self._classifier else "r2"}
            if n_val:
                val_loss, metric = self._evaluate(X_va, y_va, loss_fn)
                record |= {"val_loss": val_loss, "metric": metric}
            self.history_.append(record)
            watched = record["val_loss"] if n_val else record["train_loss"]
            if watched < best_loss - 1e-7:
                best_loss, waited, self.best_epoch_ = watched, 0, epoch
                best = {k: v.detach().clone() for k, v in self.module_.state_dict().items()}
            else:
                waited += 1
            if hooks.on_epoch is not None:
                hooks.on_epoch(dict(record))
            if halt:
                self.stopped_ = "stopped"
                break
            if self.patience and n_val and waited >= self.patience and epoch < self.epochs:
                self.stopped_ = "early_stopping"
                break
        if best is not None:
            self.module_.load_state_dict(best)
        self.module_.eval()
        self.n_epochs_ = len(self.history_)
        return self

    def _forward(self, x):
        return self.module_(x).squeeze(-1) if not self._classifier else self.module_(x)

    def _evaluate(self, X, y, loss_fn) -> tuple[float, float]:
        torch = require_torch()
        self.module_.eval()
        with torch.no_grad():
            out = self._forward(X)
            loss = float(loss_fn(out, y))
            if self._classifier:
                metric = float((out.argmax(1) == y).float().mean())
            else:
                denom = float(((y - y.mean()) ** 2).sum()) or 1.0
                metric = 1.0 - float(((y - out) ** 2).sum()) / denom
        self.module_.train()
        return loss, metric

    def _outputs(self, X) -> np.ndarray:
        """Raw network outputs for ``X``, in batches, as float64."""
        torch = require_torch()
        check_is_fitted(self, "module_")
        data = self._inputs(X, fitting=False)
        device = next(self.module_.parameters()).device
        chunks = []
        with torch.no_grad():
            for start in range(0, len(data), 1024):
                x = torch.from_numpy(data[start:start + 1024]).to(device)
                chunks.append(self._forward(x).cpu().numpy().astype(np.float64))
        if not chunks:
            return np.empty((0, len(getattr(self, "classes_", [0]))))
        return np.concatenate(chunks)

    # --- pickling (skops and pickle): weights travel as numpy arrays, not torch objects --
    def __getstate__(self):
        state = dict(super().__getstate__())  # object.__getstate__ hands out __dict__ itself
        module = state.pop("module_", None)
        if module is not None:
            state["module_state_"] = {k: v.detach().cpu().numpy()
                                      for k, v in module.state_dict().items()}
        return state

    def __setstate__(self, state):
        weights = state.pop("module_state_", None)
        super().__setstate__(state)
        if weights is not None:
            torch = require_torch()
            module = self._make_module(self.module_config_)
            module.load_state_dict({k: torch.from_numpy(np.array(v)) for k, v in
                                    weights.items()})
            self.module_ = module.eval()


class _Classifier(ClassifierMixin, _TorchEstimator):
    def predict_proba(self, X) -> np.ndarray:
        """Class probabilities, columns in the order of ``classes_``."""
        out = self._outputs(X)
        out = np.exp(out - out.max(axis=1, keepdims=True))
        return out / out.sum(axis=1, keepdims=True)

    def predict(self, X) -> np.ndarray:
        out = self._outputs(X)  # first: it raises NotFittedError before fit
        return self.classes_[np.argmax(out, axis=1)]


class _MLP:
    """Parameters and network of the multi-layer perceptron (classifier and regressor)."""

    def __init__(self, hidden_layer_sizes=(64,), learning_rate=1e-3, epochs=30, batch_size=64,
                 weight_decay=0.0, validation_fraction=0.1, patience=5, dropout=0.0,
                 random_state=0, device="auto"):
        self.hidden_layer_sizes = hidden_layer_sizes
        self.learning_rate = learning_rate
        self.epochs = epochs
        self.batch_size = batch_size
        self.weight_decay = weight_decay
        self.validation_fraction = validation_fraction
        self.patience = patience
        self.dropout = dropout
        self.random_state = random_state
        self.device = device

    def _module_config(self, X, n_out):
        return {"n_in": int(X.shape[1]), "n_out": int(n_out),
                "hidden": [int(h) for h in self.hidden_layer_sizes],
                "dropout": float(self.dropout)}

    def _make_module(self, config):
        from .torch_nets import MLP

        return MLP(config["n_in"], config["n_out"], tuple(config["hidden"]), config["dropout"])


class NeuralNetClassifier(_MLP, _Classifier):
    """A multi-layer perceptron (PyTorch) for tabular classification.

    Parameters
    ----------
    hidden_layer_sizes : tuple of int
        Width of each hidden layer.
    learning_rate, epochs, batch_size, weight_decay : Adam and loop settings.
    validation_fraction : float
        Share of the training rows held out for early stopping (none below 20 rows).
    patience : int
        Epochs without a better validation loss before training ends (0: never).
    dropout : float
    random_state : int
        Seeds torch and numpy: the same seed gives the same network twice.
    device : "auto", "cpu" or "cuda"
        "auto" uses CUDA when ``torch.cuda.is_available()``.
    """


class NeuralNetRegressor(RegressorMixin, _MLP, _TorchEstimator):
    """A multi-layer perceptron (PyTorch) for regression; the target is standardised for
    training and predictions are returned in its units. Parameters as
    :class:`NeuralNetClassifier`."""

    _classifier = False

    def predict(self, X) -> np.ndarray:
        return self._outputs(X) * self.y_scale_ + self.y_mean_


def _image_cells(X):
    """The cells of a one-column frame (or a Series) holding arrays, else None."""
    import pandas as pd

    column = X.iloc[:, 0] if isinstance(X, pd.DataFrame) and X.shape[1] == 1 else (
        X if isinstance(X, pd.Series) else None)
    if column is None or len(column) == 0 or column.dtype != object:
        return None
    first = column.dropna()
    if first.empty or not isinstance(first.iloc[0], (np.ndarray, list)):
        return None
    return column


class ConvNetClassifier(_Classifier):
    """A small convolutional network (PyTorch) for image-like rows.

    Either each row holds the pixels of one image, row after row (e.g. scikit-learn's 8x8
    digits as 64 columns), or one column holds an array per cell ((height, width) or
    (channels, height, width); standardised with the training pixels' mean and spread).
    ``image_shape`` is (height, width) or (channels, height, width); None means the cells'
    shape, or one square channel. Other parameters as :class:`NeuralNetClassifier`;
    ``channels`` are the widths of the two convolutions, ``hidden`` the dense layer.
    """

    def __init__(self, image_shape=None, channels=(16, 32), hidden=64, learning_rate=1e-3,
                 epochs=30, batch_size=64, weight_decay=0.0, validation_fraction=0.1,
                 patience=5, dropout=0.0, random_state=0, device="auto"):
        self.image_shape = image_shape
        self.channels = channels
        self.hidden = hidden
        self.learning_rate = learning_rate
        self.epochs = epochs
        self.batch_size = batch_size
        self.weight_decay = weight_decay
        self.validation_fraction = validation_fraction
        self.patience = patience
        self.dropout = dropout
        self.random_state = random_state
        self.device = device

    def _inputs(self, X, fitting: bool):
        cells = _image_cells(X)
        if cells is None:
            if fitting:  # pixel columns now: forget the cells of an earlier fit
                for name in ("cell_shape_", "pixel_mean_", "pixel_scale_"):
                    self.__dict__.pop(name, None)
            return super()._inputs(X, fitting)
        if cells.isna().any():
            raise ValueError(f"{int(cells.isna().sum())} rows have no image; drop them first")
        arrays = [np.asarray(v, dtype=np.float64) for v in cells]
        shapes = sorted({a.shape for a in arrays})
        if len(shapes) > 1:
            raise ValueError(f"the images have different shapes: {', '.join(map(str, shapes[:3]))}")
        if len(shapes[0]) not in (2, 3):
            raise ValueError(f"an image must be (height, width) or (channels, height, width), "
                             f"not {shapes[0]}")
        data = np.stack(arrays).reshape(len(arrays), -1)
        if not np.isfinite(data).all():
            raise ValueError("the images hold missing or infinite pixels")
        if fitting:
            self.n_features_in_, self.cell_shape_ = data.shape[1], list(shapes[0])
            self.pixel_mean_, self.pixel_scale_ = float(data.mean()), float(data.std()) or 1.0
        elif list(shapes[0]) != list(self.cell_shape_):
            raise ValueError(f"images of shape {shapes[0]}; the network was trained on "
                             f"{tuple(self.cell_shape_)}")
        return ((data - self.pixel_mean_) / self.pixel_scale_).astype(np.float32)

    def _module_config(self, X, n_out):
        n = int(X.shape[1])
        shape = tuple(self.image_shape) if self.image_shape is not None else None
        if shape is None and hasattr(self, "cell_shape_"):
            shape = tuple(self.cell_shape_)
        if shape is None:
            side = round(n ** 0.5)
            if side * side != n:
                raise ValueError(f"{n} pixel columns do not make a square image; give "
                                 "image_shape=(height, width)")
            shape = (1, side, side)
        elif len(shape) == 2:
            shape = (1, *shape)
        if int(np.prod(shape)) != n:
            raise ValueError(f"image_shape {tuple(self.image_shape)} holds "
                             f"{int(np.prod(shape))} pixels but rows have {n} columns")
        return {"n_out": int(n_out), "shape": [int(s) for s in shape],
                "channels": [int(c) for c in self.channels], "hidden": int(self.hidden),
                "dropout": float(self.dropout)}

    def _make_module(self, config):
        from .torch_nets import CNN

        return CNN(config["n_out"], tuple(config["shape"]), tuple(config["channels"]),
                   config["hidden"], config["dropout"])


TOKEN = re.compile(r"[a-z0-9]+|[^\sa-z0-9]", re.IGNORECASE)


def tokenize(text: str) -> list[str]:
    """Lower-case words, numbers and single punctuation marks."""
    return TOKEN.findall(text.lower())


class TextNetClassifier(_Classifier):
    """Text classification with an LSTM, a GRU or a small Transformer encoder (PyTorch).

    The vocabulary is built from the training rows (``max_vocab`` most frequent tokens seen
    at least ``min_count`` times; id 0 pads, 1 stands for any other token); nothing is
    downloaded. ``X`` is one or more text columns (a DataFrame, a Series or an array of
    strings); several columns are joined with spaces. Texts are cut at ``max_len`` tokens.

    Parameters
    ----------
    arch : "transformer", "lstm" or "gru"
    embed_dim, hidden, layers, heads : network sizes (``heads`` for the Transformer).
    Others as :class:`NeuralNetClassifier`.
    """

    def __init__(self, arch="transformer", max_vocab=20000, min_count=1, max_len=64,
                 embed_dim=32, hidden=64, layers=1, heads=4, learning_rate=3e-3, epochs=8,
                 batch_size=64, weight_decay=0.0, validation_fraction=0.1, patience=2,
                 dropout=0.1, random_state=0, device="auto"):
        self.arch = arch
        self.max_vocab = max_vocab
        self.min_count = min_count
        self.max_len = max_len
        self.embed_dim = embed_dim
        self.hidden = hidden
        self.layers = layers
        self.heads = heads
        self.learning_rate = learning_rate
        self.epochs = epochs
        self.batch_size = batch_size
        self.weight_decay = weight_decay
        self.validation_fraction = validation_fraction
        self.patience = patience
        self.dropout = dropout
        self.random_state = random_state
        self.device = device

    @staticmethod
    def _texts(X) -> list[str]:
        import pandas as pd

        frame = pd.DataFrame(X) if not isinstance(X, pd.DataFrame) else X
        if frame.shape[1] == 0:
            raise ValueError("TextNetClassifier needs at least one text column")
        parts = [frame.iloc[:, i].astype(object).where(frame.iloc[:, i].notna(), "")
                 .astype(str) for i in range(frame.shape[1])]
        joined = parts[0]
        for p in parts[1:]:
            joined = joined + " " + p
        return joined.tolist()

    def _inputs(self, X, fitting: bool):
        texts = self._texts(X)
        if fitting:
            if self.arch not in ("transformer", "lstm", "gru"):
                raise ValueError(f"arch must be transformer, lstm or gru, not {self.arch!r}")
            counts = Counter(t for text in texts for t in tokenize(text))
            kept = [w for w, c in counts.most_common(self.max_vocab) if c >= self.min_count]
            self.vocabulary_ = {w: i + 2 for i, w in enumerate(kept)}
        ids = np.zeros((len(texts), self.max_len), dtype=np.int64)
        for row, text in enumerate(texts):
            tokens = [self.vocabulary_.get(t, 1) for t in tokenize(text)[: self.max_len]]
            ids[row, : len(tokens)] = tokens
        return ids

    def _module_config(self, X, n_out):
        return {"vocab_size": len(self.vocabulary_) + 2, "n_out": int(n_out),
                "arch": self.arch, "embed_dim": int(self.embed_dim),
                "hidden": int(self.hidden), "layers": int(self.layers),
                "heads": int(self.heads), "max_len": int(self.max_len),
                "dropout": float(self.dropout)}

    def _make_module(self, config):
        from .torch_nets import TextNet

        return TextNet(**config)


# --- weights + JSON config: a file that loads without unpickling anything --------------
NETWORKS = {c.__name__: c for c in (NeuralNetClassifier, NeuralNetRegressor,
                                    ConvNetClassifier, TextNetClassifier)}
_PLAIN = ("module_config_", "history_", "stopped_", "best_epoch_", "n_epochs_",
          "n_features_in_", "vocabulary_", "y_mean_", "y_scale_", "cell_shape_",
          "pixel_mean_", "pixel_scale_")


def save_network(estimator: _TorchEstimator, path: str | Path) -> Path:
    """Write a fitted network: its weights plus a JSON config (class, params, classes)."""
    torch = require_torch()
    check_is_fitted(estimator, "module_")
    attrs = {k: getattr(estimator, k) for k in _PLAIN if hasattr(estimator, k)}
    if hasattr(estimator, "classes_"):
        attrs["classes_"] = {"values": estimator.classes_.tolist(),
                             "dtype": estimator.classes_.dtype.str}
    params = estimator.get_params()
    config = {"format": "lepton-network", "version": 1, "class": type(estimator).__name__,
              "params": params, "attrs": attrs}
    path = Path(path)
    torch.save({"config": json.dumps(config), "state": estimator.module_.state_dict()}, path)
    return path


def load_network(path: str | Path) -> _TorchEstimator:
    """Read a file from :func:`save_network` with ``torch.load(weights_only=True)``: only
    tensors and plain values are read, never arbitrary objects."""
    torch = require_torch()
    blob = torch.load(Path(path), map_location="cpu", weights_only=True)
    config = json.loads(blob["config"])
    if config.get("format") != "lepton-network" or config.get("class") not in NETWORKS:
        raise ValueError(f"{path} is not a lepton network file")
    params = config["params"]
    for name in ("hidden_layer_sizes", "channels", "image_shape"):
        if isinstance(params.get(name), list):
            params[name] = tuple(params[name])
    est = NETWORKS[config["class"]](**params)
    attrs = config["attrs"]
    if "classes_" in attrs:
        c = attrs.pop("classes_")
        est.classes_ = np.asarray(c["values"], dtype=np.dtype(c["dtype"]))
    for k, v in attrs.items():
        setattr(est, k, v)
    module = est._make_module(est.module_config_)
    module.load_state_dict(blob["state"])
    est.module_ = module.to(est._device()).eval()
    return est
