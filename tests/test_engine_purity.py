"""The engine must not import widget or IPython code (DESIGN.md, principle 1)."""

from __future__ import annotations

import ast
from pathlib import Path

import lepton_widgets.engine

FORBIDDEN = {"anywidget", "ipywidgets", "traitlets", "bqplot", "IPython"}
ENGINE = Path(lepton_widgets.engine.__file__).parent


def test_engine_has_no_widget_imports():
    hits = []
    for path in sorted(ENGINE.rglob("*.py")):
        tree = ast.parse(path.read_text(), filename=str(path))
        for node in ast.walk(tree):
            names = []
            if isinstance(node, ast.Import):
                names = [a.name for a in node.names]
            elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
                names = [node.module]
            hits += [f"{path.relative_to(ENGINE.parent)}:{node.lineno}: {n}"
                     for n in names if n.split(".")[0] in FORBIDDEN]
    assert not hits, "engine imports widget code:\n" + "\n".join(hits)
    assert len(list(ENGINE.rglob("*.py"))) >= 10  # the scan really looked at the engine


def test_importing_the_package_does_not_load_widgets():
    import subprocess
    import sys

    code = ("import sys, lepton_widgets as lw; lw.profile(lw.datasets.load('tips')); "
            "print(sorted(m for m in ('anywidget','ipywidgets','bqplot') if m in sys.modules))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"
