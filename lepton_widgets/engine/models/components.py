"""Pipelines described as data: one description builds the estimator and prints its code.

``C("sklearn.preprocessing", "StandardScaler", {})`` stands for ``StandardScaler()``;
keyword values may be other ``C``, lists and tuples of them, plain values, or functions
from ``engine/snippets.py`` (printed by name; their source goes into the exported code).
Because the object and the code come from the same description, they cannot disagree.
"""

from __future__ import annotations

import importlib
import inspect
from dataclasses import dataclass, field
from types import FunctionType

WIDTH = 92


@dataclass(frozen=True)
class C:
    """A scikit-learn (or compatible) class to build with keyword arguments."""

    module: str
    cls: str
    kwargs: dict = field(default_factory=dict)


def build(value: object) -> object:
    """The live object for a description (recursively)."""
    if isinstance(value, C):
        kwargs = {k: build(v) for k, v in value.kwargs.items()}
        return getattr(importlib.import_module(value.module), value.cls)(**kwargs)
    if isinstance(value, list):
        return [build(v) for v in value]
    if isinstance(value, tuple):
        return tuple(build(v) for v in value)
    return value


def _walk(value: object):
    yield value
    if isinstance(value, C):
        for v in value.kwargs.values():
            yield from _walk(v)
    elif isinstance(value, (list, tuple)):
        for v in value:
            yield from _walk(v)


SNIPPETS = "lepton_widgets.engine.snippets"


def _public(module: str) -> str:
    """``sklearn.feature_selection._mutual_info`` -> ``sklearn.feature_selection``."""
    parts = module.split(".")
    while parts and parts[-1].startswith("_"):
        parts.pop()
    return ".".join(parts)


def imports(value: object) -> list[str]:
    """``from module import A, B`` lines the code needs, one per module, sorted."""
    names: dict[str, set[str]] = {}
    for v in _walk(value):
        if isinstance(v, C):
            names.setdefault(v.module, set()).add(v.cls)
        elif isinstance(v, FunctionType) and v.__module__ != SNIPPETS:
            names.setdefault(_public(v.__module__), set()).add(v.__name__)
    return [f"from {m} import {', '.join(sorted(n))}" for m, n in sorted(names.items())]


def snippets(value: object) -> list[FunctionType]:
    """Snippet functions used (their source is copied into the code), in first-use order."""
    out: list[FunctionType] = []
    for v in _walk(value):
        if isinstance(v, FunctionType) and v.__module__ == SNIPPETS and v not in out:
            out.append(v)
    return out


def render(value: object, indent: int = 0) -> str:
    """Python source for a description, wrapped to stay readable."""
    pad = " " * indent
    if isinstance(value, FunctionType):
        return value.__name__
    if isinstance(value, C):
        args = [f"{k}={render(v, indent + 4)}" for k, v in value.kwargs.items()]
        flat = f"{value.cls}({', '.join(args)})"
        if len(flat) + indent <= WIDTH and "\n" not in flat:
            return flat
        inner = ",\n".join(" " * (indent + 4) + a for a in args)
        return f"{value.cls}(\n{inner},\n{pad})"
    if isinstance(value, tuple):  # (name, step, ...) stays on its line; steps wrap inside
        items = [render(v, indent) for v in value]
        return "(" + ", ".join(items) + ("," if len(items) == 1 else "") + ")"
    if isinstance(value, list):
        items = [render(v, indent + 4) for v in value]
        flat = "[" + ", ".join(items) + "]"
        if len(flat) + indent <= WIDTH and "\n" not in flat:
            return flat
        inner = ",\n".join(" " * (indent + 4) + i for i in items)
        return f"[\n{inner},\n{pad}]"
    return repr(value)


def source(value: object, name: str = "pipeline") -> list[str]:
    """Code lines: imports, snippet functions, then ``name = <the object>``."""
    lines = [*imports(value), ""]
    if snippets(value):
        lines[-1:] = ["import numpy as np  # noqa: F401", "import pandas as pd  # noqa: F401", ""]
    for fn in snippets(value):
        lines += [*inspect.getsource(fn).rstrip().splitlines(), "", ""]
    lines.append(f"{name} = {render(value)}")
    return lines
