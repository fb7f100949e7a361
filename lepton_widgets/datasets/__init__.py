"""Real datasets shipped inside the package, loaded offline with proper dtypes.

Sources and licences are in ``datasets/data/SOURCES.md``.
"""

from __future__ import annotations

from importlib import resources

import pandas as pd

_FILES = {
    "titanic": ("titanic.csv.gz", {}),
    "penguins": ("penguins.csv.gz", {}),
    "mpg": ("mpg.csv.gz", {}),
    "taxis": ("taxis.csv.gz", {"parse_dates": ["pickup", "dropoff"]}),
    "tips": ("tips.csv.gz", {}),
    "flights": ("flights.csv.gz", {}),
    "diamonds": ("diamonds.csv.gz", {}),
    "sms_spam": ("sms_spam.tsv.gz", {"sep": "\t", "quoting": 3}),
}

DESCRIPTIONS = {
    "titanic": "891 Titanic passengers: survival, class, sex, age, fare, deck",
    "penguins": "344 Palmer penguins: species, island, bill and flipper size, body mass, sex",
    "mpg": "398 cars 1970-82: fuel economy, cylinders, horsepower, weight, origin",
    "taxis": "6,433 New York taxi trips, March 2019, with pickup/dropoff timestamps",
    "tips": "244 restaurant bills and tips",
    "flights": "monthly airline passengers 1949-1960",
    "diamonds": "53,940 diamonds: price, carat, cut, colour, clarity",
    "sms_spam": "5,574 SMS messages labelled ham or spam",
}


def names() -> list[str]:
    """Names accepted by :func:`load`."""
    return list(_FILES)


def load(name: str) -> pd.DataFrame:
    """A fresh copy of a bundled dataset as a DataFrame."""
    if name not in _FILES:
        raise ValueError(f"unknown dataset {name!r}; choose one of {', '.join(_FILES)}")
    filename, options = _FILES[name]
    with resources.as_file(resources.files(__package__) / "data" / filename) as path:
        df = pd.read_csv(path, compression="gzip", **options)
    if name == "flights":
        months = ["January", "February", "March", "April", "May", "June", "July", "August",
                  "September", "October", "November", "December"]
        df["month"] = pd.Categorical(df["month"], categories=months, ordered=True)
    return df
