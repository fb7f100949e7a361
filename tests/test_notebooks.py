"""Every tutorial in notebooks/ runs end to end with a real kernel."""

from __future__ import annotations

import shutil
from pathlib import Path

import nbformat
import pytest
from nbclient import NotebookClient

NOTEBOOKS = sorted((Path(__file__).resolve().parents[1] / "notebooks").glob("*.ipynb"))
NEEDS_TORCH = {"06-deep-learning.ipynb"}


def execute(path: Path, workdir: Path) -> nbformat.NotebookNode:
    """Run a copy of the notebook in ``workdir`` (files it writes stay out of the repo)."""
    shutil.copytree(path.parent, workdir, dirs_exist_ok=True)
    nb = nbformat.read(workdir / path.name, as_version=4)
    NotebookClient(nb, timeout=300, kernel_name="python3",
                   resources={"metadata": {"path": str(workdir)}}).execute()
    return nb


@pytest.mark.notebook
@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.name)
def test_notebook_runs(path, tmp_path):
    if path.name in NEEDS_TORCH:
        pytest.importorskip("torch", reason="this tutorial needs the torch extra")
    nb = execute(path, tmp_path)
    errors = [o for c in nb.cells if c.cell_type == "code" for o in c.outputs
              if o.output_type == "error"]
    assert not errors
    code_cells = [c for c in nb.cells if c.cell_type == "code"]
    assert all(c.execution_count for c in code_cells)
    if path.name == "06-deep-learning.ipynb":
        _check_deep_learning_scores(nb)


def _check_deep_learning_scores(nb) -> None:
    """The scores the deep-learning tutorial prints are the ones its text promises."""
    import re

    text = "\n".join(o.get("text", "") for c in nb.cells if c.cell_type == "code"
                     for o in c.outputs if o.output_type == "stream")
    studio = float(re.search(r"conv_network: accuracy ([0-9.]+)", text).group(1))
    cnn = float(re.search(r"held-out accuracy ([0-9.]+)", text).group(1))
    spam = float(re.search(r"spam F1 on the held-out split: ([0-9.]+)", text).group(1))
    gru = float(re.search(r"GRU spam F1 ([0-9.]+)", text).group(1))
    assert min(studio, cnn) >= 0.95
    assert min(spam, gru) >= 0.90
    assert "same predictions after reload: True" in text
    assert "pipeline reloaded: True" in text


def test_quickstart_outputs(tmp_path):
    path = next(p for p in NOTEBOOKS if p.name == "01-quickstart.ipynb")
    nb = execute(path, tmp_path)
    text = "\n".join(o.get("text", "") for c in nb.cells if c.cell_type == "code"
                     for o in c.outputs if o.output_type == "stream")
    assert "missing age before: 177 after: 0" in text
    assert "deck is missing in 77% of rows (688 of 891)" in text
    widgets = [o for c in nb.cells if c.cell_type == "code" for o in c.outputs
               if "application/vnd.jupyter.widget-view+json" in o.get("data", {})]
    assert len(widgets) == 2  # the %lepton Studio and the one built from the recipe
