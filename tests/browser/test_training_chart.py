"""A text network on sms_spam from the Model tab: the live curves grow, Stop keeps a model."""

from __future__ import annotations

import re

import pytest

pytestmark = pytest.mark.browser
expect = pytest.importorskip("playwright.sync_api").expect
pytest.importorskip("torch", reason="needs the torch extra")

SETUP = """\
import lepton_widgets as lw
studio = lw.Studio(lw.datasets.load("sms_spam"))
studio"""


def test_network_curves_update_and_stop_keeps_the_best(lab, page, output_dir):
    lab.run_cell(page, "spam.ipynb", SETUP)

    studio = page.locator(".lepton-studio").first
    studio.locator(".lw-shape").filter(has_text="5,574 rows × 2 columns").wait_for(
        timeout=120_000)
    studio.locator(".lm-TabBar-tab", has_text="Model").click()
    model = studio.locator(".lw-model-panel")
    model.locator("select.lw-target").select_option("Label")
    model.locator("select.lw-model").select_option("text_network")
    model.locator("input.lw-setting[data-name='epochs']").fill("40")
    model.locator(".lw-train").click()

    chart = studio.locator(".lw-training-chart")
    expect(chart).to_contain_text("epoch 1, train loss", timeout=120_000)
    expect(model.locator(".lw-message")).to_contain_text("epoch 2/40")  # the batch bar moves
    expect(chart).to_contain_text("epoch 2, train loss", timeout=120_000)  # the curve grew
    studio.screenshot(path=str(output_dir / "spam-training-live.png"))
    model.locator(".lw-stop").click()

    notes = model.locator(".lw-notes")
    expect(notes).to_contain_text("stopped by you during epoch", timeout=180_000)
    table = model.locator(".lw-metric-table")
    expect(table).to_contain_text("accuracy", timeout=60_000)
    accuracy = float(re.search(r"accuracy\s+([0-9.]+)", table.inner_text()).group(1))
    assert 0.9 < accuracy <= 1.0  # two epochs already beat the 87% of always saying "ham"
    stopped = int(re.search(r"during epoch (\d+) of 40", notes.inner_text()).group(1))
    assert 2 <= stopped < 40
    expect(chart).to_contain_text(f"epoch {stopped}, train loss")
    studio.screenshot(path=str(output_dir / "spam-training-stopped.png"))
