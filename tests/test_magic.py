"""%load_ext lepton_widgets and %lepton through IPython's own shell."""

from __future__ import annotations

import pytest
from IPython import get_ipython
from IPython.core.error import UsageError
from IPython.testing.globalipapp import start_ipython

import lepton_widgets as lw


@pytest.fixture(scope="module")
def ip():
    shell = start_ipython() or get_ipython()
    shell.run_line_magic("load_ext", "lepton_widgets")
    yield shell
    shell.run_line_magic("unload_ext", "lepton_widgets")


def test_magic_shows_studio(ip):
    ip.user_ns["df"] = lw.datasets.load("titanic")
    studio = ip.run_line_magic("lepton", "df")
    assert isinstance(studio, lw.Studio)
    assert studio.data_panel.shape == [891, 15]
    assert studio.session.source is ip.user_ns["df"]


def test_magic_takes_expressions_and_options(ip):
    ip.user_ns["df"] = lw.datasets.load("tips")
    studio = ip.run_line_magic("lepton", "df[df.tip > 5] --page-size 7")
    assert studio.data_panel.shape == [int((ip.user_ns["df"].tip > 5).sum()), 7]
    assert studio.data_panel.index_columns == 0  # filtered rows keep their labels in '#'

    assert studio.data_panel.page_size == 7
    series = ip.run_line_magic("lepton", "df.tip")
    assert series.data_panel.shape == [244, 1]
    quoted = ip.run_line_magic("lepton", """df[["tip", 'day']].query("tip > 5")""")
    assert quoted.data_panel.shape == [18, 2]
    grouped = ip.run_line_magic("lepton", "df.groupby('day').mean(numeric_only=True)")
    assert grouped.data_panel.columns[0]["name"] == "day"  # the index, shown as a column


@pytest.mark.parametrize(("line", "message"), [
    ("", "name a DataFrame"),
    ("nope_not_defined", "could not evaluate 'nope_not_defined'"),
    ("42", "needs a pandas DataFrame; '42' is a int"),
    ("df --page-size x", "--page-size needs a whole number, not 'x'"),
    ("--page-size 5", "name a DataFrame"),
])
def test_magic_errors_are_usage_errors(ip, line, message):
    ip.user_ns["df"] = lw.datasets.load("tips")
    with pytest.raises(UsageError, match=message):
        ip.run_line_magic("lepton", line)


def test_unload_removes_magic(ip):
    shell = ip
    shell.run_line_magic("load_ext", "lepton_widgets")
    assert "lepton" in shell.magics_manager.magics["line"]
    shell.run_line_magic("unload_ext", "lepton_widgets")
    assert "lepton" not in shell.magics_manager.magics["line"]
    shell.run_line_magic("load_ext", "lepton_widgets")  # leave it as the module fixture expects
