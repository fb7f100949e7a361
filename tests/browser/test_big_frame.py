"""A 2,000,000-row frame in JupyterLab: pages past the first, a finding's one-click fix, undo."""

from __future__ import annotations

import pytest

expect = pytest.importorskip("playwright.sync_api").expect

pytestmark = pytest.mark.browser

SETUP = """\
import numpy as np, pandas as pd
import lepton_widgets as lw
rng = np.random.default_rng(0)
n = 2_000_000
big = pd.DataFrame({"id": np.arange(n), "x": rng.normal(size=n),
                    "group": pd.Categorical(rng.choice(["a", "b", "c"], size=n))})
big.loc[big.index % 4 == 0, "x"] = np.nan   # a finding: x is missing in 25% of rows
studio = lw.Studio(big)
studio"""


def test_big_frame_paging_fix_and_undo(lab, page, output_dir):
    lab.run_cell(page, "big.ipynb", SETUP)

    studio = page.locator(".lepton-studio").first
    data = studio.locator(".lw-data")
    data.locator(".lw-shape").filter(has_text="2,000,000 rows × 3 columns").wait_for(
        timeout=120_000)
    rng = data.locator(".lw-range").first
    rng.filter(has_text="rows 1–50 of 2,000,000").wait_for(timeout=30_000)
    data.get_by_title("last page").click()
    rng.filter(has_text="rows 1,999,951–2,000,000 of 2,000,000").wait_for(timeout=30_000)
    ids = data.locator("table.lw-grid tbody tr td:nth-child(2)")
    expect(ids.last).to_have_text("1999999")
    data.get_by_title("previous page").click()
    rng.filter(has_text="rows 1,999,901–1,999,950 of 2,000,000").wait_for(timeout=30_000)

    # the profile runs in the background; its finding offers a one-click fix
    fix = data.locator(".lw-findings .lw-fix", has_text="Fill missing x by median")
    fix.wait_for(timeout=120_000)
    page.screenshot(path=str(output_dir / "big-frame-data.png"))
    fix.click()
    studio.locator(".lm-TabBar-tab", has_text="Clean").click()
    clean = studio.locator(".lw-clean")
    clean.locator(".lw-steps li", has_text="Fill missing x by median").wait_for(timeout=60_000)
    studio.locator(".lm-TabBar-tab", has_text="Data").click()
    card = data.locator(".lw-card[data-column='x']")
    card.filter(has_text="missing 0 (0%)").wait_for(timeout=120_000)

    studio.locator(".lm-TabBar-tab", has_text="Clean").click()
    clean.locator(".lw-undo").click()
    clean.locator(".lw-steps li").first.wait_for(state="detached", timeout=60_000)
    studio.locator(".lm-TabBar-tab", has_text="Data").click()
    card.filter(has_text="missing 500,000 (25%)").wait_for(timeout=120_000)
    studio.screenshot(path=str(output_dir / "big-frame-after-undo.png"))
    assert not [e for e in page.page_errors if "lepton" in e.lower()]
