from __future__ import annotations

import os

# Two CPU cores shared by several processes: torch's default of one thread per core made
# every training step up to 30x slower here (threads spin while they wait for each other).
# One thread per process, here and in the kernels the notebook and browser tests start.
os.environ.setdefault("OMP_NUM_THREADS", "1")

import pandas as pd
import pytest

import lepton_widgets as lw


@pytest.fixture(scope="session")
def _titanic() -> pd.DataFrame:
    return lw.datasets.load("titanic")


@pytest.fixture
def titanic(_titanic) -> pd.DataFrame:
    """A fresh copy per test (loading once per session)."""
    return _titanic.copy()


class _HideTorch:
    """A meta-path finder that makes ``import torch`` fail as if torch were absent."""

    def find_spec(self, name, path=None, target=None):
        if name == "torch" or name.startswith("torch."):
            raise ModuleNotFoundError(f"No module named {name!r} (hidden by the test)")


@pytest.fixture
def no_torch(monkeypatch):
    """Run a test as if torch were not installed (sys.modules["torch"] = None would break
    scipy, which looks torch up there)."""
    import sys

    for name in [m for m in sys.modules if m == "torch" or m.startswith("torch.")]:
        monkeypatch.delitem(sys.modules, name)
    monkeypatch.setattr(sys, "meta_path", [_HideTorch(), *sys.meta_path])
