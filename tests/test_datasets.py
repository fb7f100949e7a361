from __future__ import annotations

import pandas as pd
import pytest

import lepton_widgets as lw

EXPECTED = {  # rows as listed in shared/data/SOURCES.md
    "titanic": (891, 15), "penguins": (344, 7), "mpg": (398, 9), "taxis": (6433, 14),
    "tips": (244, 7), "flights": (144, 3), "diamonds": (53940, 10), "sms_spam": (5574, 2),
}


def test_names():
    assert lw.datasets.names() == list(EXPECTED)


@pytest.mark.parametrize("name", list(EXPECTED))
def test_load_shapes(name):
    assert lw.datasets.load(name).shape == EXPECTED[name]


def test_dtypes():
    taxis = lw.datasets.load("taxis")
    assert pd.api.types.is_datetime64_any_dtype(taxis["pickup"])
    assert pd.api.types.is_datetime64_any_dtype(taxis["dropoff"])
    assert taxis["pickup"].min() == pd.Timestamp("2019-02-28 23:29:03")
    titanic = lw.datasets.load("titanic")
    assert titanic["age"].isna().sum() == 177
    assert titanic["survived"].sum() == 342
    spam = lw.datasets.load("sms_spam")
    assert list(spam.columns) == ["Label", "SMS"]
    assert spam["Label"].value_counts().to_dict() == {"ham": 4827, "spam": 747}
    flights = lw.datasets.load("flights")
    assert list(flights["month"].cat.categories[:2]) == ["January", "February"]


def test_each_load_is_a_fresh_copy():
    a = lw.datasets.load("tips")
    a.loc[0, "tip"] = -1
    assert lw.datasets.load("tips").loc[0, "tip"] == 1.01


def test_unknown_name_lists_choices():
    with pytest.raises(ValueError, match=r"unknown dataset 'nope'.*titanic"):
        lw.datasets.load("nope")
