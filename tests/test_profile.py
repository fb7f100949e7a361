from __future__ import annotations

import datetime as dt
import json

import numpy as np
import pandas as pd
import pytest

import lepton_widgets as lw


def test_titanic_columns(titanic):
    before = titanic.copy(deep=True)
    p = lw.profile(titanic)
    pd.testing.assert_frame_equal(titanic, before)
    assert (p.n_rows, p.n_columns) == (891, 15)
    age = p.column("age")
    assert age["kind"] == "numeric"
    assert (age["count"], age["missing"]) == (714, 177)
    assert age["min"] == 0.42
    assert age["max"] == 80.0
    assert age["mean"] == pytest.approx(titanic["age"].mean())
    assert age["std"] == pytest.approx(titanic["age"].std())
    assert sum(age["histogram"]["counts"]) == 714
    assert len(age["histogram"]["edges"]) == len(age["histogram"]["counts"]) + 1
    assert age["quantiles"]["0.5"] == pytest.approx(28.0)
    sex = p.column("sex")
    assert sex["kind"] == "categorical"
    assert sex["top"] == [["male", 577], ["female", 314]]
    assert p.column("adult_male")["kind"] == "boolean"
    assert p.column("deck")["warnings"] == ["missing"]
    assert "skewed" in p.column("fare")["warnings"]


def test_findings_ranked_with_numbers(titanic):
    findings = lw.profile(titanic).findings
    assert findings[0]["text"] == "deck is missing in 77% of rows (688 of 891)"
    assert findings[0]["columns"] == ["deck"]
    scores = [f["score"] for f in findings]
    assert scores == sorted(scores, reverse=True)
    assert any(f["text"] == "fare is strongly right-skewed (skew 4.8)" for f in findings)


def test_to_dict_is_strict_json(titanic):
    d = lw.profile(titanic).to_dict()
    assert set(d) == {"n_rows", "n_columns", "columns", "findings", "correlations",
                      "duplicate_rows"}
    assert d["duplicate_rows"] == int(titanic.duplicated().sum()) == 107
    text = json.dumps(d, allow_nan=False)  # raises on NaN or numpy types
    assert json.loads(text)["columns"][3]["name"] == "age"


def test_datetimes_are_iso_text():
    taxis = lw.datasets.load("taxis")
    col = lw.profile(taxis).column("pickup")
    assert col["kind"] == "datetime"
    assert col["min"] == "2019-02-28T23:29:03"
    assert col["max"] == "2019-03-31T23:43:45"
    assert sum(col["histogram"]["counts"]) == 6433
    json.dumps(lw.profile(taxis).to_dict(), allow_nan=False)


def test_text_vs_categorical():
    spam = lw.datasets.load("sms_spam")
    p = lw.profile(spam)
    assert p.column("Label")["kind"] == "categorical"
    sms = p.column("SMS")
    assert sms["kind"] == "text"
    assert "high_cardinality" in sms["warnings"]
    assert sms["length"]["max"] == spam["SMS"].str.len().max()


# --- warnings on small odd frames (bad-inputs D07-D10 and friends) ---------------------
def test_all_missing_and_constant():  # D09
    df = pd.DataFrame({"empty": [np.nan] * 4, "same": ["x"] * 4, "n": [1, 2, 3, 4]})
    p = lw.profile(df)
    assert p.column("empty")["warnings"] == ["all_missing"]
    assert p.column("same")["warnings"] == ["constant"]
    assert p.column("n")["warnings"] == []
    texts = [f["text"] for f in p.findings]
    assert "empty is empty: all 4 values are missing" in texts
    assert "same has a single value (x)" in texts


def test_infinities_reported_histogram_finite():  # D08
    df = pd.DataFrame({"x": [1.0, 2.0, np.inf, -np.inf, 3.0, np.nan]})
    col = lw.profile(df).column("x")
    assert col["infinite"] == 2
    assert (col["count"], col["missing"]) == (5, 1)
    assert (col["min"], col["max"]) == (1.0, 3.0)
    assert sum(col["histogram"]["counts"]) == 3
    assert "infinite" in col["warnings"]


def test_nullable_dtypes():  # D07
    df = pd.DataFrame({
        "i": pd.array([1, None, 3], dtype="Int64"),
        "b": pd.array([True, None, False], dtype="boolean"),
        "s": pd.array(["a", None, "b"], dtype="string"),
    })
    p = lw.profile(df)
    i = p.column("i")
    assert (i["kind"], i["count"], i["missing"], i["mean"]) == ("numeric", 2, 1, 2.0)
    assert (i["min"], i["max"]) == (1, 3)
    assert p.column("b")["kind"] == "boolean"
    assert p.column("b")["top"] == [[True, 1], [False, 1]]
    assert p.column("s")["missing"] == 1


def test_mixed_types():  # D10
    df = pd.DataFrame({"m": ["a", 1, None, "b", 2.5]})
    col = lw.profile(df).column("m")
    assert col["kind"] == "mixed"
    assert col["types"] == ["float", "int", "str"]
    assert "mixed_types" in col["warnings"]


def test_duplicate_and_multiindex_names():  # D01, D02
    dup = pd.DataFrame([[1, "x"], [2, "y"]], columns=["a", "a"])
    p = lw.profile(dup)
    assert [c["name"] for c in p.columns] == ["a", "a (2)"]
    assert [c["kind"] for c in p.columns] == ["numeric", "categorical"]
    cols = pd.MultiIndex.from_tuples([("m", "int"), ("m", "str"), ("n", "opt")])
    mi = pd.DataFrame([[1, "a", pd.NA], [2, "b", pd.NA], [3, "c", 1], [4, "d", 4]], columns=cols)
    mi[("n", "opt")] = mi[("n", "opt")].astype("Int8")
    p = lw.profile(mi)
    assert [c["name"] for c in p.columns] == ["m.int", "m.str", "n.opt"]
    opt = p.column("n.opt")
    assert (opt["count"], opt["missing"], opt["min"], opt["max"]) == (2, 2, 1, 4)


def test_empty_frames():  # D04
    for df in (pd.DataFrame({"a": [], "b": []}), pd.DataFrame()):
        p = lw.profile(df)
        assert p.n_rows == 0
        assert p.n_columns == df.shape[1]
        json.dumps(p.to_dict(), allow_nan=False)
    assert lw.profile(pd.DataFrame({"a": []})).column("a")["warnings"] == []


def test_dates_and_nested_and_big_ints():  # D06 and family
    df = pd.DataFrame({
        "d": [dt.date(2021, 5, 11), dt.date(2021, 5, 12), None],
        "lists": [[1, 2], [3], None],
        "big": [2**60 + 1, 2**60 + 3, 5],
    })
    p = lw.profile(df)
    assert p.column("d")["kind"] == "datetime"
    assert p.column("d")["min"] == "2021-05-11T00:00:00"
    assert p.column("lists")["kind"] == "nested"
    assert p.column("lists")["distinct"] == 2
    assert p.column("big")["max"] == 2**60 + 3  # exact, not rounded through float
    json.dumps(p.to_dict(), allow_nan=False)


def test_time_spans_beyond_nanosecond_range():
    far = pd.Series(pd.to_datetime(["1900-01-01", "2200-01-01", None])).astype("datetime64[ns]")
    df = pd.DataFrame({"t": far, "td": pd.to_timedelta([1, 10**18, None], unit="ns"),
                       "tz": pd.to_datetime(["2021-01-01", None, "2021-06-01"]).tz_localize(
                           "Europe/Paris")})
    p = lw.profile(df)
    t = p.column("t")
    assert (t["min"], t["max"]) == ("1900-01-01T00:00:00", "2200-01-01T00:00:00")
    assert t["histogram"]["edges"][0] == t["min"]
    assert t["histogram"]["edges"][-1] == t["max"]
    assert sum(t["histogram"]["counts"]) == 2
    assert p.column("td")["max"] == "11574 days 01:46:40"
    tz = p.column("tz")
    assert tz["min"] == "2021-01-01T00:00:00+01:00"
    assert all(e.endswith(("+01:00", "+02:00")) for e in tz["histogram"]["edges"])
    json.dumps(p.to_dict(), allow_nan=False)


def test_long_values_are_cut_in_summaries():
    df = pd.DataFrame({"long": ["x" * 100_000, "y" * 100_000] * 3})
    top = lw.profile(df).column("long")["top"]
    assert len(top[0][0]) == 200
    assert top[0][0].endswith("…")


def test_correlations_and_associations(titanic):
    p = lw.profile(titanic)
    corr = p.correlations
    assert corr["sampled"] is False
    pear = corr["pearson"]
    i, j = pear["columns"].index("pclass"), pear["columns"].index("fare")
    assert pear["matrix"][i][j] == pytest.approx(titanic["pclass"].corr(titanic["fare"]), abs=1e-4)
    sp = corr["spearman"]
    assert sp["matrix"][i][j] == pytest.approx(
        titanic["pclass"].corr(titanic["fare"], method="spearman"), abs=1e-4)
    cv = corr["cramers_v"]
    a, b = cv["columns"].index("sex"), cv["columns"].index("survived")
    assert cv["matrix"][a][b] == pytest.approx(0.5426, abs=1e-3)
    texts = [f["text"] for f in p.findings]
    assert "sex is strongly associated with survived (Cramér's V 0.54)" in texts or \
        "survived is strongly associated with sex (Cramér's V 0.54)" in texts
    assert "embarked and embark_town carry the same information (Cramér's V 1.00)" in texts
    assert "pclass and fare are negatively correlated (Pearson -0.55)" in texts


def test_cramers_v_known_values():
    from lepton_widgets.engine.correlations import cramers_v

    a = np.array([0, 0, 1, 1] * 50)
    assert cramers_v(a, a) == pytest.approx(1.0)
    rng = np.random.default_rng(0)
    x, y = rng.integers(0, 3, 20_000), rng.integers(0, 4, 20_000)
    assert cramers_v(x, y) < 0.03  # independent
    assert np.isnan(cramers_v(np.zeros(10, dtype=np.int64), a[:10]))  # constant: n/a


def test_correlations_na_for_constant_and_sampled_when_big():
    df = pd.DataFrame({"c": [1.0] * 5, "x": [1.0, 2, 3, 4, 5], "y": [2.0, 4, 6, 8, 11]})
    pear = lw.profile(df).correlations["pearson"]
    assert pear["matrix"][0][1] is None  # constant column: n/a, no crash
    assert pear["matrix"][1][2] == pytest.approx(df["x"].corr(df["y"]), abs=1e-4)
    big = pd.DataFrame({"x": np.arange(300_000.0), "y": np.arange(300_000.0) * 2})
    corr = lw.profile(big).correlations
    assert corr["sampled"] is True
    assert corr["rows"] == 100_000
    assert corr["pearson"]["matrix"][0][1] == pytest.approx(1.0)
    assert "on a sample" in lw.profile(big).findings[0]["text"]


def test_imbalance_unused_categories_and_ids():
    n = 200
    df = pd.DataFrame({
        "flag": ["yes"] * 190 + ["no"] * 10,
        "size": pd.Categorical(["S", "M"] * (n // 2), categories=["S", "M", "XL"]),
        "order_id": np.arange(1000, 1000 + n),
        "code": [f"c{i}" for i in range(n)],
    })
    p = lw.profile(df)
    assert "imbalanced" in p.column("flag")["warnings"]
    size = p.column("size")
    assert size["unused_categories"] == ["XL"]
    assert size["distinct"] == 2
    assert size["top"] == [["S", 100], ["M", 100]]
    assert "id_like" in p.column("order_id")["warnings"]
    assert "id_like" in p.column("code")["warnings"]
    texts = [f["text"] for f in p.findings]
    assert "flag is imbalanced: yes is 95% of its values" in texts
    assert "size has 1 unused categories (XL)" in texts
    assert "order_id looks like an identifier: every one of its 200 values is different" in texts
