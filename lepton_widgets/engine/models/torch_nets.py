"""The PyTorch networks behind the neural-network estimators (imported only with torch).

Each module is built from plain keyword values (ints, tuples, strings) so that the
estimator can store them as ``module_config_`` and rebuild the same network on load.
"""

from __future__ import annotations

import torch
from torch import nn


class MLP(nn.Module):
    """Fully connected layers with ReLU (and dropout) between them, for tabular rows."""

    def __init__(self, n_in: int, n_out: int, hidden: tuple = (64,), dropout: float = 0.0):
        super().__init__()
        layers: list[nn.Module] = []
        width = n_in
        for size in hidden:
            layers += [nn.Linear(width, size), nn.ReLU()]
            if dropout:
                layers.append(nn.Dropout(dropout))
            width = size
        layers.append(nn.Linear(width, n_out))
        self.layers = nn.Sequential(*layers)

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        return self.layers(x)


class CNN(nn.Module):
    """Two 3x3 convolutions, a 2x2 max-pool, then a small dense head: for small images."""

    def __init__(self, n_out: int, shape: tuple, channels: tuple = (16, 32),
                 hidden: int = 64, dropout: float = 0.0):
        super().__init__()
        c, height, width = shape
        convs: list[nn.Module] = []
        for size in channels:
            convs += [nn.Conv2d(c, size, 3, padding=1), nn.ReLU()]
            c = size
        pool = height >= 4 and width >= 4
        if pool:
            convs.append(nn.MaxPool2d(2))
            height, width = height // 2, width // 2
        self.shape = tuple(shape)
        self.features = nn.Sequential(*convs)
        self.head = nn.Sequential(nn.Flatten(), nn.Linear(c * height * width, hidden), nn.ReLU(),
                                  *([nn.Dropout(dropout)] if dropout else []),
                                  nn.Linear(hidden, n_out))

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        return self.head(self.features(x.reshape(-1, *self.shape)))


class TextNet(nn.Module):
    """Token embeddings read by an LSTM, a GRU or a small Transformer encoder, then
    mean-pooled over the real (non-padding) tokens and classified."""

    def __init__(self, vocab_size: int, n_out: int, arch: str = "transformer",
                 embed_dim: int = 64, hidden: int = 64, layers: int = 1, heads: int = 4,
                 max_len: int = 64, dropout: float = 0.1):
        super().__init__()
        self.arch = arch
        self.embed = nn.Embedding(vocab_size, embed_dim, padding_idx=0)
        if arch == "transformer":
            self.position = nn.Embedding(max_len, embed_dim)
            layer = nn.TransformerEncoderLayer(embed_dim, heads, dim_feedforward=hidden,
                                               dropout=dropout, batch_first=True)
            self.encoder = nn.TransformerEncoder(layer, layers, enable_nested_tensor=False)
            width = embed_dim
        else:
            rnn = nn.LSTM if arch == "lstm" else nn.GRU
            self.encoder = rnn(embed_dim, hidden, num_layers=layers, batch_first=True,
                               bidirectional=True)
            width = 2 * hidden
        self.drop = nn.Dropout(dropout)
        self.out = nn.Linear(width, n_out)

    def forward(self, ids: torch.Tensor) -> torch.Tensor:
        longest = int((ids != 0).sum(1).max()) if ids.numel() else 1
        ids = ids[:, : max(longest, 1)]  # padding past the batch's longest text costs time only
        pad = ids == 0
        # an empty text would be all padding, which attention cannot read (NaN): let it
        # read its first (padding) position, so it gets a learned "empty" answer instead
        pad[:, 0] &= ~pad.all(1)
        x = self.embed(ids)
        if self.arch == "transformer":
            positions = torch.arange(ids.shape[1], device=ids.device)
            x = self.encoder(x + self.position(positions), src_key_padding_mask=pad)
        else:
            x, _ = self.encoder(x)
        keep = (~pad).unsqueeze(-1).to(x.dtype)
        pooled = (x * keep).sum(1) / keep.sum(1).clamp(min=1.0)
        return self.out(self.drop(pooled))
