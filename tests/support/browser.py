"""The browser tests' tools: Debian's Chromium driven by Playwright (never downloaded), a page
that records console errors, uncaught script errors and requests leaving the server, logging
in with the keyboard, checks of what a page shows (no message code, no raw value, labelled
fields reached by Tab), and screenshots into the test-artifacts folder."""

from __future__ import annotations

import os
import re
import shutil
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
# screenshots of the pages, in both languages (OPMODEL_TEST_ARTIFACTS moves the folder)
ARTIFACTS = Path(os.environ.get("OPMODEL_TEST_ARTIFACTS")
                 or Path(__file__).parents[2] / "test-artifacts")
PHONE = {"width": 390, "height": 844}
DESKTOP = {"width": 1280, "height": 900}
# a message code the catalogue lacks is shown as itself (knowledge.texts.render)
CODE = re.compile(r"\b(?:page|survey|api|guide|measurement|itsm|table)\.[a-z_]+(?:\.[a-z_]+)*\b")
SNAKE = re.compile(r"\b[a-z]+_[a-z_]+\b")


@pytest.fixture
def browser() -> Iterator[Any]:
    """A headless Chromium (the system's; the test skips where it is not installed)."""
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


@dataclass
class Watched:
    """A page, the console and script errors it logged and the requests it sent elsewhere
    than ``base``."""

    page: Any
    errors: list[str] = field(default_factory=list)
    outside: list[str] = field(default_factory=list)


def open_page(browser: Any, base: str, lang: str = "ja-JP",
              viewport: dict[str, int] | None = None) -> Watched:
    """A new page (its own cookies: another person) whose console errors, uncaught script
    errors and outside requests are kept."""
    context = browser.new_context(locale=lang, viewport=viewport, accept_downloads=True)
    watched = Watched(context.new_page())
    watched.page.on("console", lambda m: watched.errors.append(m.text)
                    if m.type == "error" else None)
    watched.page.on("pageerror", lambda e: watched.errors.append(str(e)))
    watched.page.on("request", lambda r: None if r.url.startswith((base, "data:", "blob:"))
                    else watched.outside.append(r.url))
    return watched


def log_in(page: Any, base: str, username: str) -> None:
    """Log in with the keyboard alone (the name field has the focus)."""
    page.goto(base + "/login/")
    # the name field has the focus once the page is up (autofocus)
    page.wait_for_function("document.activeElement && document.activeElement.name === 'username'")
    page.keyboard.type(username)
    page.keyboard.press("Tab")
    page.keyboard.type(f"{username}-password-123")
    page.keyboard.press("Enter")
    page.wait_for_url(base + "/")


def shown_problems(page: Any, lang: str, raw: tuple[str, ...] = (),
                   given: tuple[str, ...] = ()) -> list[str]:
    """What the page shows that people should not read: message codes, identifiers in
    snake_case, and (in Japanese) the values ``raw`` as they are stored; what the user
    ``given`` (a file's name) aside."""
    text = page.locator("body").inner_text()
    for word in given:
        text = text.replace(word, "")
    found = CODE.findall(text) + SNAKE.findall(text)
    if lang == "ja":
        found += [word for word in raw if re.search(rf"\b{re.escape(word)}\b", text)]
    return found


def unlabelled_or_unreachable(page: Any, limit: int = 400) -> list[str]:
    """The visible form fields without a label, or that Tab does not reach (from the top of
    the page, at most ``limit`` presses)."""
    fields = page.locator("input:not([type=hidden]), select, textarea, button")
    wanted: dict[str, bool] = {}
    missing = []
    for n in range(fields.count()):
        found = fields.nth(n)
        if not found.is_visible():
            continue
        name = found.evaluate(
            "e => (e.labels && e.labels.length ? [...e.labels].map(l => l.innerText).join(' ')"
            " : '') || e.getAttribute('aria-label') || (e.tagName === 'BUTTON' ? e.innerText"
            " : '')")
        key = found.evaluate("e => e.id || e.name + ':' + e.value")
        if not name.strip():
            missing.append(f"no label: {key}")
        wanted[key] = False
    page.locator("body").focus()
    radios = set()
    for _ in range(limit):
        page.keyboard.press("Tab")
        key = page.evaluate("() => { const e = document.activeElement; "
                            "return e ? (e.id || e.name + ':' + e.value) : '' }")
        if key in wanted:
            wanted[key] = True
        if key.split(":")[0].startswith("level-"):
            radios.add(key.split(":")[0])  # Tab enters a radio group once; arrows move in it
        if all(wanted.values()):
            break
    missing += [f"not reached: {key}" for key, reached in wanted.items()
                if not reached and key.split(":")[0] not in radios]
    return missing


def screenshot(page: Any, name: str) -> Path:
    """The whole page as ``test-artifacts/screenshots/<name>.png``."""
    path = ARTIFACTS / "screenshots" / f"{name}.png"
    path.parent.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(path), full_page=True)
    return path
