"""The pages in a real browser (Debian's Chromium, driven by Playwright) against a live server
on the test database: logging in with the keyboard alone, the six steps of a model with its
findings opened, no script or style the policy refuses, and a chosen language remembered
after logging out and in again."""

from __future__ import annotations

from typing import Any

import pytest

from support.browser import browser, log_in, open_page

__all__ = ["browser"]  # the fixture the tests take

pytestmark = pytest.mark.django_db(transaction=True)


def test_a_user_reaches_a_models_six_steps_with_the_keyboard_and_mouse(
        live_server: Any, workspace: Any, browser: Any) -> None:
    watched = open_page(browser, live_server.url)
    page = watched.page
    log_in(page, live_server.url, "viewer")
    page.get_by_role("link", name="Bank").click()
    page.get_by_role("link", name="target").click()
    assert page.get_by_role("heading", name="1. 現状を評価する").is_visible()
    assert page.locator("progress.step-share").count() == 6
    findings = page.locator("details").first
    findings.locator("summary").click()
    assert findings.locator("li").first.is_visible()
    # nothing blocked by the content security policy, nothing missing, nothing from elsewhere
    assert watched.errors == [] and watched.outside == []


def test_the_chosen_language_is_remembered_after_logging_out(live_server: Any,
                                                             workspace: Any,
                                                             browser: Any) -> None:
    watched = open_page(browser, live_server.url)
    page = watched.page
    log_in(page, live_server.url, "editor")
    page.get_by_label("言語").select_option("en")
    page.get_by_role("button", name="変更").click()
    assert page.get_by_role("heading", name="Your workspaces").is_visible()
    page.get_by_role("button", name="Log out").click()
    page.wait_for_url(live_server.url + "/login/")  # logged out before logging in again
    log_in(page, live_server.url, "editor")
    assert page.get_by_role("heading", name="Your workspaces").is_visible()
    cookie = next(c for c in page.context.cookies() if c["name"] == "django_language")
    assert cookie["value"] == "en" and cookie["expires"] > 0  # kept, not for the session only
    assert watched.errors == [] and watched.outside == []


def test_the_assessment_radar_is_drawn(live_server: Any, workspace: Any, browser: Any) -> None:
    watched = open_page(browser, live_server.url, "en-GB")
    page = watched.page
    log_in(page, live_server.url, "viewer")
    page.goto(live_server.url + "/w/bank/m/current/")
    page.get_by_role("link", name="Open: Assess the current state").click()
    page.wait_for_selector("[data-chart] canvas")
    size = page.locator("[data-chart] canvas").first.bounding_box()
    assert size is not None and size["width"] > 200 and size["height"] > 200
    assert watched.errors == [] and watched.outside == []
