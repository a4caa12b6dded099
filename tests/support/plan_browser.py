"""Driving Debian's Chromium with Playwright in the server tests: the browser, a page in a
language that records console errors and requests leaving the server, logging in with the
keyboard, and screenshots into the test-artifacts folder."""

from __future__ import annotations

import os
import shutil
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
# screenshots of the pages (OPMODEL_TEST_ARTIFACTS elsewhere); not kept in git
ARTIFACTS = Path(os.environ.get("OPMODEL_TEST_ARTIFACTS")
                 or Path(__file__).parents[2] / "test-artifacts")


@pytest.fixture
def browser() -> Iterator[Any]:
    """A headless Chromium (the system's; never downloaded)."""
    if not os.path.exists(CHROMIUM):
        pytest.skip("Chromium is not installed (Debian: apt-get install chromium); "
                    ".ci/run installs it")
    playwright = pytest.importorskip("playwright.sync_api")
    # Playwright's synchronous API runs an event loop in this thread; the test's own database
    # calls (the fixtures) stay synchronous and are safe
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    with playwright.sync_playwright() as driver:
        launched = driver.chromium.launch(executable_path=CHROMIUM, args=["--no-sandbox"])
        yield launched
        launched.close()


def new_page(browser: Any, lang: str = "ja-JP") -> tuple[Any, list[str]]:
    """A page in a new context for ``lang``, and the console errors it will log."""
    context = browser.new_context(locale=lang, viewport={"width": 1280, "height": 900})
    page = context.new_page()
    refused: list[str] = []
    page.on("console", lambda m: refused.append(m.text) if m.type == "error" else None)
    return page, refused


@dataclass
class Watch:
    """What a page did wrong: console errors and requests to anywhere but the server."""

    errors: list[str] = field(default_factory=list)
    outside: list[str] = field(default_factory=list)


def watched_page(browser: Any, base: str, lang: str = "ja-JP") -> tuple[Any, Watch]:
    """A page that records its console errors, failed requests and requests leaving ``base``."""
    page, errors = new_page(browser, lang)
    watch = Watch(errors=errors)
    page.on("request", lambda r: None if r.url.startswith((base, "data:", "blob:"))
            else watch.outside.append(r.url))
    page.on("pageerror", lambda e: watch.errors.append(str(e)))
    return page, watch


def log_in(page: Any, base: str, username: str) -> None:
    """Log in as ``username`` with the keyboard alone."""
    page.goto(base + "/login/")
    # the name field has the focus once the page is up (autofocus)
    page.wait_for_function("document.activeElement && document.activeElement.name === 'username'")
    page.keyboard.type(username)  # the name field has the focus
    page.keyboard.press("Tab")
    page.keyboard.type(f"{username}-password-123")
    page.keyboard.press("Enter")
    page.wait_for_url(base + "/")


def screenshot(page: Any, name: str) -> Path:
    """The whole page as ``test-artifacts/screenshots/<name>.png``."""
    target = ARTIFACTS / "screenshots" / f"{name}.png"
    target.parent.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(target), full_page=True)
    return target
