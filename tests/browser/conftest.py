"""Real JupyterLab on 127.0.0.1 and headless Debian Chromium (see shared TESTING.md)."""

from __future__ import annotations

import contextlib
import json
import os
import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.request
import uuid
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
CHROMIUM = "/usr/bin/chromium"
OUTPUT = ROOT / "test-output" / "browser"
CHROME_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
               "--disable-background-networking", "--disable-component-update", "--disable-sync"]

pytestmark = pytest.mark.browser


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class Lab:
    """A running JupyterLab server with helpers for its REST API."""

    def __init__(self, url: str, token: str, root: Path, proc: subprocess.Popen) -> None:
        self.url, self.token, self.root, self.proc = url, token, root, proc

    def api(self, path: str, method: str = "GET") -> object:
        req = urllib.request.Request(f"{self.url}{path}?token={self.token}", method=method)
        with urllib.request.urlopen(req, timeout=10) as r:
            body = r.read()
        return json.loads(body) if body else None

    def wait_kernel_ready(self, notebook: str, timeout: float = 60) -> dict:
        """The race in TESTING.md: Run All before the session exists runs nothing."""
        deadline = time.time() + timeout
        while time.time() < deadline:
            for s in self.api("/api/sessions"):
                k = s.get("kernel") or {}
                if s.get("path", "").endswith(notebook) and k.get("execution_state") == "idle" \
                        and k.get("connections", 0) >= 1:
                    return s
            time.sleep(0.5)
        raise TimeoutError(f"no idle kernel for {notebook}")

    def run_cell(self, page, name: str, source: str) -> None:
        """Write a one-cell notebook, open it in Lab and run the cell."""
        import nbformat

        nb = nbformat.v4.new_notebook()
        nb.cells = [nbformat.v4.new_code_cell(source)]
        nb.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3",
                                     "language": "python"}
        nbformat.write(nb, self.root / name)
        page.goto(f"{self.url}/lab/tree/{name}?token={self.token}&reset")
        page.wait_for_selector(".jp-Notebook .jp-Cell", timeout=60_000)
        self.wait_kernel_ready(name)
        page.locator(".jp-Notebook .jp-CodeCell").first.click()
        page.keyboard.press("Control+Enter")

    def close_sessions(self) -> None:
        for s in self.api("/api/sessions"):
            self.api(f"/api/sessions/{s['id']}", method="DELETE")


@pytest.fixture(scope="session")
def lab(tmp_path_factory):
    if not Path(CHROMIUM).exists():
        pytest.skip("Debian chromium is not installed (scripts/test.sh installs it)")
    pytest.importorskip("playwright")
    base = tmp_path_factory.mktemp("lab")
    root = base / "root"
    shutil.copytree(ROOT / "notebooks", root)
    settings, workspaces = base / "settings", base / "workspaces"
    note = settings / "@jupyterlab" / "apputils-extension"
    note.mkdir(parents=True)
    (note / "notification.jupyterlab-settings").write_text(
        json.dumps({"fetchNews": "false", "checkForUpdates": False}))
    workspaces.mkdir()
    port, token = _free_port(), uuid.uuid4().hex
    env = dict(os.environ, JUPYTER_CONFIG_DIR=str(base / "config"),
               JUPYTER_RUNTIME_DIR=str(base / "runtime"))
    log = open(base / "lab.log", "w")  # noqa: SIM115 - closed at teardown
    proc = subprocess.Popen(
        [sys.executable, "-m", "jupyterlab", "--no-browser", "--ip=127.0.0.1",
         f"--port={port}", "--ServerApp.port_retries=0", f"--IdentityProvider.token={token}",
         f"--ServerApp.root_dir={root}", "--ServerApp.allow_root=True",
         f"--LabApp.user_settings_dir={settings}", f"--LabApp.workspaces_dir={workspaces}"],
        env=env, stdout=log, stderr=subprocess.STDOUT, start_new_session=True)
    server = Lab(f"http://127.0.0.1:{port}", token, root, proc)
    deadline = time.time() + 60
    while True:
        try:
            server.api("/api/status")
            break
        except OSError:
            if proc.poll() is not None or time.time() > deadline:
                log.close()
                raise RuntimeError("JupyterLab did not start:\n" +
                                   (base / "lab.log").read_text()[-3000:]) from None
            time.sleep(0.3)
    yield server
    with contextlib.suppress(OSError):
        server.close_sessions()
    os.killpg(proc.pid, signal.SIGTERM)
    try:
        proc.wait(timeout=20)
    except subprocess.TimeoutExpired:
        os.killpg(proc.pid, signal.SIGKILL)
        proc.wait()
    log.close()


@pytest.fixture
def output_dir():
    """Where browser tests save their screenshots (look at them)."""
    OUTPUT.mkdir(parents=True, exist_ok=True)
    return OUTPUT


@pytest.fixture
def page(lab, tmp_path):
    from playwright.sync_api import sync_playwright

    OUTPUT.mkdir(parents=True, exist_ok=True)
    with sync_playwright() as p:
        ctx = p.chromium.launch_persistent_context(
            str(tmp_path / "chrome"), executable_path=CHROMIUM, headless=True,
            args=CHROME_ARGS, viewport={"width": 1400, "height": 1600})
        pg = ctx.new_page()
        errors: list[str] = []
        pg.on("pageerror", lambda e: errors.append(str(e)))
        pg.page_errors = errors  # type: ignore[attr-defined]
        try:
            yield pg
        finally:
            ctx.close()
            lab.close_sessions()
