"""Base class of every panel: built JS/CSS from static/, and messages that never crash."""

from __future__ import annotations

import asyncio
import logging
import threading
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import anywidget
import traitlets as t

STATIC = Path(__file__).resolve().parent.parent / "static"
log = logging.getLogger("lepton_widgets")

# Background work (profiles of big frames, training). An executor's threads are joined
# cleanly at interpreter exit; bare daemon threads inside native code can abort it.
WORKERS = ThreadPoolExecutor(max_workers=2, thread_name_prefix="lepton")


def static_file(name: str) -> Path:
    """A built front-end file; a clear error when the JS was never built."""
    path = STATIC / name
    if not path.exists():
        raise RuntimeError(
            f"the lepton-widgets front end is not built ({path} is missing). Install the "
            "package with `pip install lepton-widgets`, or from a checkout run "
            "`pip install -e .` with Node.js and npm available."
        )
    return path


class Panel(anywidget.AnyWidget):
    """One Studio panel. Subclasses set ``_esm`` and handle messages in ``_msg_<type>``."""

    _css = static_file("studio.css")

    error = t.Unicode("").tag(sync=True)
    """The last problem in words (empty when all is well); shown in the panel."""

    def __init__(self, **kwargs) -> None:
        super().__init__(**kwargs)
        try:
            self._loop: asyncio.AbstractEventLoop | None = asyncio.get_running_loop()
        except RuntimeError:
            self._loop = None
        self.on_msg(self._dispatch)

    def _dispatch(self, _widget, content: dict, buffers: list) -> None:
        handler = getattr(self, f"_msg_{content.get('type', '')}", None)
        if handler is None:
            self.error = f"unknown request {content.get('type')!r}"
            return
        self.guarded(handler, content)

    def guarded(self, fn, *args) -> bool:
        """Run ``fn``; any exception becomes a message in the panel, never a traceback."""
        try:
            fn(*args)
        except (ValueError, TypeError, KeyError, RuntimeError) as exc:
            self.error = str(exc)
            return False
        except Exception as exc:  # last line of defence: the kernel must not die
            log.exception("lepton-widgets panel error")
            self.error = f"unexpected error ({type(exc).__name__}): {exc}"
            return False
        return True

    def on_main(self, fn) -> None:
        """Run ``fn`` on the kernel's event loop (from a worker thread) or right away."""
        loop = self._loop
        if loop is not None and loop.is_running() and (
            threading.current_thread() is not threading.main_thread()
        ):
            loop.call_soon_threadsafe(fn)
        else:
            fn()
