"""The Model tab on diamonds: the leaderboard fills during Auto, Stop ends the search early."""

from __future__ import annotations

import re

import pytest

pytestmark = pytest.mark.browser
expect = pytest.importorskip("playwright.sync_api").expect

SETUP = """\
import lepton_widgets as lw
studio = lw.Studio(lw.datasets.load("diamonds"))
studio"""


def test_leaderboard_fills_and_stop_keeps_the_best(lab, page, output_dir):
    lab.run_cell(page, "diamonds.ipynb", SETUP)

    studio = page.locator(".lepton-studio").first
    studio.locator(".lw-shape").filter(has_text="53,940 rows × 10 columns").wait_for(
        timeout=120_000)
    studio.locator(".lm-TabBar-tab", has_text="Model").click()
    model = studio.locator(".lw-model-panel")
    model.locator("select.lw-target").select_option("price")
    model.locator("select.lw-model").select_option("auto")
    model.locator(".lw-train").click()

    board = model.locator(".lw-board tbody tr")
    expect(board).to_have_count(1, timeout=120_000)  # the first candidate is in
    expect(model.locator(".lw-stop")).to_be_enabled()
    model.locator(".lw-stop").click()
    notes = model.locator(".lw-notes")
    expect(notes).to_contain_text("stopped early: compared", timeout=180_000)
    table = model.locator(".lw-metric-table")
    expect(table).to_contain_text("R²", timeout=180_000)
    match = re.search(r"R²\s+([0-9.]+)", table.inner_text())
    assert match
    assert 0.85 < float(match.group(1)) <= 1.0
    compared = int(re.search(r"compared (\d) of 3", notes.inner_text()).group(1))
    assert 1 <= compared < 3
    studio.screenshot(path=str(output_dir / "diamonds-model.png"))
