from __future__ import annotations

import datetime as dt

import numpy as np
import pandas as pd
import pyarrow as pa

from lepton_widgets.engine import transport
from lepton_widgets.engine.transport import PageSource


def decode(data: bytes) -> dict[str, list]:
    return pa.ipc.open_stream(data).read_all().to_pydict()


def test_page_is_a_window(titanic):
    src = PageSource(titanic)
    meta, data = src.page(offset=50, limit=10)
    page = decode(data)
    schema = meta.pop("schema")
    assert meta == {"offset": 50, "rows": 10, "columns": list(range(15)),
                    "n_rows": 891, "n_columns": 15, "n_matching": 891}
    assert schema[3] == {"name": "age", "kind": "numeric", "dtype": "float64"}
    assert page["__row"] == list(range(50, 60))
    assert page["c3"][:3] == ["7.0", "21.0", "49.0"]  # age, exact text
    assert page["c3"][5] is None                       # missing stays missing


def test_page_payload_scales_with_page_not_frame():
    big = pd.DataFrame({"x": np.arange(2_000_000), "y": np.random.default_rng(0).random(2_000_000)})
    _small_meta, small = PageSource(big.head(1000)).page(0, 50)
    big_meta, large = PageSource(big).page(0, 50)
    assert big_meta["n_rows"] == 2_000_000
    assert abs(len(large) - len(small)) < 200
    assert len(large) < 10_000


def test_sort_in_kernel_cached(titanic):
    src = PageSource(titanic)
    _meta, data = src.page(0, 3, sort=(6, False))  # fare, descending
    assert decode(data)["c6"] == ["512.3292", "512.3292", "512.3292"]
    _, data = src.page(0, 2, sort=(3, True))  # age ascending, missing last
    assert decode(data)["c3"] == ["0.42", "0.67"]
    _, data = src.page(890, 1, sort=(3, True))
    assert decode(data)["c3"] == [None]
    assert (3, True) in src._orders


def test_limits_are_enforced(titanic):
    meta, _ = PageSource(titanic).page(0, 10**9)
    assert meta["rows"] == transport.MAX_PAGE_ROWS or meta["rows"] == 891
    wide = pd.DataFrame(np.zeros((5, 10_000)))  # D16
    src = PageSource(wide)
    meta, _data = src.page(0, 5, col_offset=9_990)
    assert meta["columns"] == list(range(9_990, 10_000))
    assert src.shape == (5, 10_000)
    meta, _ = src.page(0, 5)
    assert len(meta["columns"]) == transport.MAX_PAGE_COLUMNS
    assert len(src.schema()) == transport.MAX_SCHEMA_COLUMNS


def test_cells_shown_exactly():  # D05, D06, D17, big integers
    df = pd.DataFrame({
        "when": pd.to_datetime(["2021-05-11", "2021-05-12"]),
        "stamp": pd.to_datetime(["2021-05-11 10:00:01", None]),
        "day": [dt.date(2021, 5, 11), None],
        "period": pd.period_range("2002-01", periods=2, freq="M"),
        "big": [2**60 + 1, 7],
        "html": ["<b>bold</b>", "<script>x</script>"],
        "flag": pd.array([True, None], dtype="boolean"),
    })
    page = decode(PageSource(df).page(0, 2)[1])
    assert page["c0"] == ["2021-05-11", "2021-05-12"]
    assert page["c1"] == ["2021-05-11 10:00:01", None]
    assert page["c2"] == ["2021-05-11", None]
    assert page["c3"] == ["2002-01", "2002-02"]
    assert page["c4"] == [str(2**60 + 1), "7"]
    assert page["c5"] == ["<b>bold</b>", "<script>x</script>"]  # text, escaped by JS
    assert page["c6"] == ["True", None]


def test_index_levels_become_columns():  # D03
    df = pd.DataFrame({"a": [1, 1, 2], "b": ["x", "y", "x"], "v": [1.0, 2.0, 3.0]})
    g = df.groupby(["a", "b"]).sum()
    src = PageSource(g)
    assert src.shape == (3, 3)
    assert [c["name"] for c in src.schema()] == ["a", "b", "v"]
    page = decode(src.page(0, 3)[1])
    assert page["c1"] == ["x", "y", "x"]


def test_duplicate_names_and_empty():  # D01, D04
    dup = pd.DataFrame([[1, "x"], [2, "y"]], columns=["a", "a"])
    src = PageSource(dup)
    assert [c["name"] for c in src.schema()] == ["a", "a (2)"]
    assert decode(src.page(0, 2)[1])["c1"] == ["x", "y"]
    empty = PageSource(pd.DataFrame({"a": [], "b": []}))
    meta, data = empty.page(0, 50)
    assert (meta["rows"], meta["n_columns"]) == (0, 2)
    assert decode(data)["__row"] == []
    assert PageSource(pd.DataFrame()).shape == (0, 0)


def test_filtered_rows_keep_their_labels(titanic):
    src = PageSource(titanic[titanic["age"] > 70])
    assert src.index_columns == 0
    assert src.shape == (5, 15)
    page = decode(src.page(0, 5)[1])
    assert page["__row"] == list(titanic.index[titanic["age"] > 70])
    named = PageSource(titanic.set_index("who"))
    assert named.index_columns == 1
    assert named.schema()[0]["name"] == "who"


def test_pyarrow_dates_float32_and_complex():
    df = pd.DataFrame({
        "d": pd.array([dt.date(2021, 5, 11), None], dtype="date32[pyarrow]"),
        "f32": np.array([0.1, np.nan], dtype="float32"),
        "c": [complex(1, 2), complex(np.nan, 0)],
        "i": pd.array([2**62 + 1, None], dtype="int64[pyarrow]"),
    })
    page = decode(PageSource(df).page(0, 2)[1])
    assert page["c0"] == ["2021-05-11", None]
    assert page["c1"] == ["0.1", None]
    assert page["c2"] == ["(1+2j)", None]
    assert page["c3"] == [str(2**62 + 1), None]


def test_search_in_kernel_cached_and_sorted(titanic):
    src = PageSource(titanic)
    meta, data = src.page(0, 5, sort=(6, False), query="cherbourg")
    expected = titanic[titanic["embark_town"] == "Cherbourg"]
    assert meta["n_matching"] == len(expected) == 168
    assert meta["n_rows"] == 891
    fares = [float(v) for v in decode(data)["c6"]]
    assert fares == sorted(expected["fare"], reverse=True)[:5]
    assert "cherbourg" in src._matches
    meta, _ = src.page(0, 5, query="22.0")  # numbers match their shown value exactly
    assert meta["n_matching"] == int((titanic["age"] == 22.0).sum())
    meta, data = src.page(0, 5, query="no such thing")
    assert (meta["n_matching"], meta["rows"]) == (0, 0)
