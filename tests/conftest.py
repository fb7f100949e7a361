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
