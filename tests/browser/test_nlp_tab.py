"""The NLP tab on sms_spam: keywords per label and the sentiment chart, read from the page."""

from __future__ import annotations

import re

import pytest

pytestmark = pytest.mark.browser
expect = pytest.importorskip("playwright.sync_api").expect

SETUP = """\
import lepton_widgets as lw
studio = lw.Studio(lw.datasets.load("sms_spam"))
studio"""


def test_nlp_tab_keywords_and_sentiment(lab, page, output_dir):
    lab.run_cell(page, "sms.ipynb", SETUP)

    studio = page.locator(".lepton-studio").first
    studio.locator(".lw-shape").filter(has_text="5,574 rows × 2 columns").wait_for(
        timeout=120_000)
    studio.locator(".lm-TabBar-tab", has_text="NLP").click()
    panel = studio.locator(".lw-nlp")
    expect(panel.locator("select.lw-nlp-column")).to_have_value("SMS")
    expect(panel.locator("select.lw-nlp-by")).to_have_value("Label")
    panel.locator(".lw-nlp-analyze").click()
    expect(panel.locator(".lw-nlp-message")).to_have_text("analysed 5,574 rows", timeout=120_000)

    keywords = panel.locator(".lw-nlp-keyword-table tbody tr")
    expect(keywords).to_have_count(3)
    expect(keywords.nth(2)).to_contain_text(re.compile(r"spam\s*747\s*free, txt, mobile"))
    expect(panel.locator(".lw-nlp-sentiment-table")).to_contain_text("spam")

    # the bqplot charts under the panel: one keyword chart per label, then sentiment
    spam_chart = studio.locator(".bqplot").filter(has_text="Keywords of SMS: spam (747 texts)")
    expect(spam_chart).to_have_count(1, timeout=60_000)
    ticks = spam_chart.locator(".axis text")
    expect(ticks.filter(has_text=re.compile(r"^free$"))).to_have_count(1)
    expect(spam_chart.locator("rect.bar")).to_have_count(10)
    sentiment = studio.locator(".bqplot").filter(has_text="Sentiment of SMS")
    expect(sentiment).to_have_count(1)
    expect(sentiment.locator("rect.bar")).to_have_count(21)
    expect(sentiment).to_contain_text("compound score (negative to positive)")

    # the classifier picker beside Train classifier, and the leaderboard it fills
    picker = panel.locator("select.lw-nlp-model")
    expect(picker).to_have_value("tfidf_linear")
    expect(picker.locator("option")).to_have_count(3)
    panel.locator(".lw-nlp-train").click()
    board = panel.locator(".lw-nlp-board tbody tr")
    expect(board).to_have_count(1, timeout=120_000)
    expect(board.first).to_contain_text(
        re.compile(r"TF-IDF \+ logistic regression\s*0\.9785\s*0\.9365\s*0\.9519\s*"
                   r"ham 0\.9877, spam 0\.9161"))
    expect(panel.locator(".lw-nlp-leaderboard h4")).to_contain_text("Label from SMS")
    panel.locator(".lw-nlp-leaderboard").screenshot(path=str(output_dir / "sms-nlp-board.png"))
    studio.screenshot(path=str(output_dir / "sms-nlp.png"))
    spam_chart.scroll_into_view_if_needed()
    sentiment.screenshot(path=str(output_dir / "sms-nlp-sentiment.png"))
    spam_chart.screenshot(path=str(output_dir / "sms-nlp-keywords-spam.png"))
    assert not page.page_errors
