"""The quickstart in a real JupyterLab: run all, read the grid, clean, train, read a metric."""

from __future__ import annotations

import re

import pytest

expect = pytest.importorskip("playwright.sync_api").expect

pytestmark = pytest.mark.browser

NOTEBOOK = "01-quickstart.ipynb"


def _run_all(lab, page) -> None:
    page.goto(f"{lab.url}/lab/tree/{NOTEBOOK}?token={lab.token}&reset")
    page.wait_for_selector(".jp-Notebook .jp-Cell", timeout=60_000)
    lab.wait_kernel_ready(NOTEBOOK)
    page.locator("#jp-MainMenu").get_by_text("Run", exact=True).click()
    page.get_by_text("Run All Cells", exact=True).click()
    notebook = page.locator(".jp-NotebookPanel:not(.lm-mod-hidden) .jp-Notebook")
    code_cells = notebook.locator(".jp-CodeCell")
    n = code_cells.count()
    # every code cell has run: its prompt shows [n], not [ ] or [*]
    for i in range(n):
        prompt = code_cells.nth(i).locator(".jp-InputPrompt")
        page.wait_for_function(
            "el => /\\[\\d+\\]/.test(el.textContent)", arg=prompt.element_handle(),
            timeout=180_000)


def test_quickstart_studio_end_to_end(lab, page, output_dir):
    _run_all(lab, page)
    studio = page.locator(".lepton-studio").first
    studio.scroll_into_view_if_needed()

    # Data tab: the true shape and titanic rows in the grid
    data = studio.locator(".lw-data")
    data.locator(".lw-shape").filter(has_text="891 rows × 15 columns").wait_for(timeout=30_000)
    grid = data.locator("table.lw-grid")
    grid.locator("tbody tr").first.wait_for(timeout=30_000)
    # JupyterLab may re-render the output (a new view asks for its page again): poll the text
    cells = grid.locator("tbody tr").first.locator("td")
    expect(cells.nth(3)).to_have_text("male", timeout=20_000)
    expect(cells.nth(4)).to_have_text("22.0")
    first_row = [t.strip() for t in cells.all_inner_texts()]
    assert first_row[:5] == ["0", "0", "3", "male", "22.0"]
    expect(data.locator(".lw-range").first).to_have_text("rows 1–50 of 891")
    expect(data.locator(".lw-findings")).to_contain_text("deck is missing in 77% of rows")
    # next page comes from the kernel
    data.get_by_title("next page").click()
    data.locator(".lw-range").first.filter(has_text="rows 51–100 of 891").wait_for()
    page.screenshot(path=str(output_dir / "quickstart-data.png"))

    # Clean tab: fill missing age with the median, preview first, then add
    studio.locator(".lm-TabBar-tab", has_text="Clean").click()
    clean = studio.locator(".lw-clean")
    clean.locator("select.lw-op").select_option("fill_missing")
    clean.locator("select.lw-columns").select_option(["age"])
    clean.locator("select.lw-strategy").select_option("median")
    clean.locator(".lw-preview-btn").click()
    clean.locator(".lw-preview").filter(has_text="177 cells change").wait_for(timeout=20_000)
    clean.locator(".lw-add").click()
    clean.locator(".lw-steps li", has_text="Fill missing age by median").wait_for(timeout=20_000)
    # a filter built from the UI, previewed, added, then undone
    clean.locator("select.lw-op").select_option("filter")
    cond = clean.locator(".lw-condition").first
    cond.locator(".lw-cond-column").select_option("fare")
    cond.locator(".lw-cond-op").select_option(">")
    cond.locator(".lw-cond-value").fill("100")
    clean.locator(".lw-add").click()
    clean.locator(".lw-steps li", has_text="Keep rows where fare > 100").wait_for(timeout=20_000)
    shape = studio.locator(".lw-shape")
    shape.filter(has_text="53 rows × 15 columns").wait_for(state="attached", timeout=20_000)
    clean.locator(".lw-undo").click()
    clean.locator(".lw-steps li", has_text="Keep rows").wait_for(state="detached")
    shape.filter(has_text="891 rows × 15 columns").wait_for(state="attached", timeout=20_000)
    assert clean.locator(".lw-steps li").count() == 1
    # 'alive' is the target in words: drop it so the model cannot cheat
    clean.locator("select.lw-op").select_option("drop_columns")
    clean.locator("select.lw-columns").select_option(["alive"])
    clean.locator(".lw-add").click()
    clean.locator(".lw-steps li", has_text="Drop columns alive").wait_for(timeout=20_000)
    page.screenshot(path=str(output_dir / "quickstart-clean.png"))
    # the grid profile now shows age with no missing values
    studio.locator(".lm-TabBar-tab", has_text="Data").click()
    age_card = studio.locator(".lw-card[data-column='age']")
    age_card.filter(has_text="missing 0 (0%)").wait_for(timeout=20_000)

    # Features tab: preview what the model will see
    studio.locator(".lm-TabBar-tab", has_text="Features").click()
    feats = studio.locator(".lw-features")
    feats.locator("select.lw-feat-target").select_option("survived")
    feats.locator(".lw-feat-preview-btn").click()
    feats.locator(".lw-feat-preview h4").filter(has_text="from 712 training rows").wait_for(
        timeout=30_000)
    expect(feats.locator(".lw-feat-names")).to_contain_text("sex_female")

    # Model tab: train on survived, read the accuracy from the page
    studio.locator(".lm-TabBar-tab", has_text="Model").click()
    model = studio.locator(".lw-model-panel")
    model.locator("select.lw-target").select_option("survived")
    model.locator("select.lw-model").select_option("random_forest")
    model.locator(".lw-train").click()
    table = model.locator(".lw-metric-table")
    expect(table).to_contain_text("balanced accuracy", timeout=120_000)
    text = table.inner_text()
    match = re.search(r"accuracy\s+([0-9.]+)", text)
    assert match, text
    accuracy = float(match.group(1))
    assert 0.75 <= accuracy < 0.95  # a real model, not a leaked answer
    # the bqplot confusion matrix rendered beside it
    studio.locator(".bqplot svg").first.wait_for(timeout=30_000)
    studio.screenshot(path=str(output_dir / "quickstart-model.png"))

    # Code tab: the step and the model are in the exported code
    studio.locator(".lm-TabBar-tab", has_text="Code").click()
    code = studio.locator("pre.lw-code")
    expect(code).to_contain_text("df['age'] = fill_missing(df['age'], 'median')")
    expect(code).to_contain_text("RandomForestClassifier")
    expect(code).to_contain_text("df = df.drop(columns=['alive'])")
    assert not [e for e in page.page_errors if "lepton" in e.lower()]
