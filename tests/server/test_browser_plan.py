"""The roadmap, budget, change and KPI pages in a real browser (Debian's Chromium, Playwright)
against a live server: viewing the Gantt chart, the budget and the KPI dashboard with their
charts drawn, no console error and no request outside the server; each page in Japanese and
English with no raw value and no missing text; the keyboard reaches what a mouse does; a
screenshot of each page in each language into the test-artifacts folder."""

from __future__ import annotations

import re
from typing import Any

import pytest

from support.browser import DESKTOP, browser, log_in, open_page, screenshot
from support.pages import planned, upload_measurements

__all__ = ["browser", "planned"]  # the fixtures the tests take

pytestmark = pytest.mark.django_db(transaction=True)

PAGES = {  # page → the charts it draws
    "roadmap-plan": ("/w/bank/m/target/roadmap/plan/",
                     ["gantt-data", "s-curve-data", "criticality-data", "tornado-data"]),
    "budget": ("/w/bank/m/target/budget/", ["by-year-data", "cash-data"]),
    "change": ("/w/bank/m/target/change/", ["grid-data", "impact-data", "adkar-data",
                                            "risk-data"]),
    "kpis": ("/w/bank/m/target/kpis/?as_of=2027-03-31", ["trend-0"]),
}
# label kinds whose raw values must never show in Japanese
KINDS = ("quadrant", "stance", "cost_category", "risk_level", "risk_status", "solver_status",
         "schedule_method", "adkar_element", "resistance_level", "frequency", "rag", "trend",
         "plan_limit", "limit_scope")


@pytest.fixture
def measured(planned: Any, client_as: Any) -> Any:
    """The bank's target model planned and measured, as its pages make it: the plan's job."""
    upload_measurements(client_as("editor"))
    return planned


def _raw_values(text: str) -> list[str]:
    """Values of the label kinds shown as they are stored instead of in Japanese (a word
    of a document path, ``budget.annual_benefits``, is not one)."""
    from opmodel.knowledge.texts import labels_catalog

    found = []
    for kind in KINDS:
        for value, names in labels_catalog().get(kind, {}).items():
            if names.get("ja") != value and re.search(rf"(?<![\w.-]){re.escape(value)}(?![\w.-])",
                                                       text):
                found.append(f"{kind}.{value}")
    return found


def _drawn(page: Any, chart: str) -> None:
    element = page.locator(f'[data-chart="{chart}"]')
    element.scroll_into_view_if_needed()
    canvas = element.locator("canvas").first
    canvas.wait_for(timeout=10_000)
    size = canvas.bounding_box()
    assert size is not None and size["width"] > 200 and size["height"] > 100, chart


@pytest.mark.parametrize("lang", ["ja-JP", "en-GB"])
def test_viewing_the_gantt_chart_the_budget_and_the_kpi_dashboard(
        live_server: Any, measured: Any, browser: Any, lang: str) -> None:
    watch = open_page(browser, live_server.url, lang, DESKTOP)
    page = watch.page
    log_in(page, live_server.url, "viewer")
    page.goto(live_server.url + "/w/bank/m/target/")
    page.get_by_role("link", name="ロードマップ" if lang == "ja-JP" else "Roadmap",
                     exact=True).click()
    for name, (path, charts) in PAGES.items():
        if not page.url.endswith(path):
            page.goto(live_server.url + path)
        for chart in charts:
            _drawn(page, chart)
        text = page.locator("main").inner_text()
        assert "page." not in text, name  # a message code: a text missing from the catalogue
        if lang == "ja-JP":
            assert _raw_values(text) == [], name
        page.evaluate("window.scrollTo(0, 0)")
        screenshot(page, f"{name}-{lang[:2]}")
    assert watch.errors == []
    assert watch.outside == []


def test_the_keyboard_opens_the_schedule_table_and_reaches_the_budget(
        live_server: Any, measured: Any, browser: Any) -> None:
    watch = open_page(browser, live_server.url, "en-GB", DESKTOP)
    page = watch.page
    log_in(page, live_server.url, "viewer")
    page.goto(live_server.url + "/w/bank/m/target/roadmap/plan/")

    def tab_to(selector: str) -> None:
        for _ in range(300):
            page.keyboard.press("Tab")
            if page.evaluate(f"document.activeElement.matches({selector!r})"):
                return
        raise AssertionError(f"the keyboard never reaches {selector}")

    tab_to("#schedule summary")
    page.keyboard.press("Enter")
    assert page.locator("#schedule details").get_attribute("open") is not None
    assert page.locator("#schedule-table").is_visible()
    page.evaluate("window.scrollTo(0, 0)")
    page.locator("body").focus()
    tab_to('a[href^="/w/bank/m/target/budget/"]')
    page.keyboard.press("Enter")
    page.wait_for_url(re.compile(r".*/budget/\?job="))
    assert page.locator("h1").inner_text().startswith("Budget")
    page.goto(live_server.url + "/w/bank/m/target/change/")
    tab_to('a[href$="calendar.ics"]')
    with page.expect_download() as download:
        page.keyboard.press("Enter")
    assert download.value.suggested_filename.endswith(".ics")
    assert watch.errors == [] and watch.outside == []
