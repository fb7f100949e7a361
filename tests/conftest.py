from __future__ import annotations

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
