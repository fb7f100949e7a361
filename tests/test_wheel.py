"""The built wheel carries the front end and the data, and imports on its own."""

from __future__ import annotations

import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture(scope="module")
def wheel(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("wheel")
    subprocess.run([sys.executable, "-m", "pip", "wheel", "--no-deps", "--no-build-isolation",
                    "-q", "-w", str(out), str(ROOT)], check=True, capture_output=True)
    (path,) = out.glob("lepton_widgets-*.whl")
    return path


def test_wheel_contents(wheel):
    names = set(zipfile.ZipFile(wheel).namelist())
    for panel in ("grid", "clean", "model", "code"):
        assert f"lepton_widgets/static/{panel}.js" in names
    assert "lepton_widgets/static/studio.css" in names
    assert "lepton_widgets/datasets/data/titanic.csv.gz" in names
    assert "lepton_widgets/datasets/data/SOURCES.md" in names
    assert not any(n.startswith(("js/", "tests/")) for n in names)


def test_wheel_imports_and_loads_data(wheel, tmp_path):
    zipfile.ZipFile(wheel).extractall(tmp_path)
    code = ("import lepton_widgets as lw, lepton_widgets.widgets.studio as st; "
            f"assert lw.__file__.startswith({str(tmp_path)!r}); "
            "s = lw.Studio(lw.datasets.load('penguins')); print(s.data_panel.shape)")
    out = subprocess.run([sys.executable, "-c", code], cwd=tmp_path, capture_output=True,
                         text=True, env={"PYTHONPATH": str(tmp_path), "PATH": "/usr/bin:/bin"})
    assert out.returncode == 0, out.stderr
    assert out.stdout.strip() == "[344, 7]"
