"""A real browser for the page tests: Debian's Chromium driven by Playwright (never a
downloaded browser), a page that records console errors and requests that leave the server,
logging in with the keyboard, and where screenshots go."""

from __future__ import annotations

import os
import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
# screenshots of the pages, for people to look at (OPMODEL_TEST_ARTIFACTS to put them elsewhere)
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


def new_page(browser: Any, lang: str = "ja-JP", server: str | None = None
             ) -> tuple[Any, list[str]]:
    """A page in a context of its own (its own cookies: another person), and the console
    errors it logs; given the ``server``'s address, a request elsewhere counts as one too."""
    context = browser.new_context(locale=lang, accept_downloads=True)
    page = context.new_page()
    refused: list[str] = []
    page.on("console", lambda m: refused.append(m.text) if m.type == "error" else None)
    if server is not None:
        page.on("request", lambda r: None if r.url.startswith((server, "data:"))
                else refused.append(f"request outside the server: {r.url}"))
    return page, refused


def log_in(page: Any, base: str, username: str) -> None:
    """Log in with the keyboard alone, as the login page's tests do."""
    page.goto(base + "/login/")
    # the name field has the focus once the page is up (autofocus)
    page.wait_for_function("document.activeElement && document.activeElement.name === 'username'")
    page.keyboard.type(username)
    page.keyboard.press("Tab")
    page.keyboard.type(f"{username}-password-123")
    page.keyboard.press("Enter")
    page.wait_for_url(base + "/")


def screenshot(page: Any, name: str) -> Path:
    """The whole page as ``<ARTIFACTS>/<name>.png``."""
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    path = ARTIFACTS / f"{name}.png"
    page.screenshot(path=str(path), full_page=True)
    return path
