"""The design and revision pages in a real browser: two people editing the same
decision-rights grid (one merged, one shown the conflict in their language), a YAML export
downloaded and read back, every new page in Japanese and English (no raw value, no missing
text, no console error, nothing fetched from elsewhere; a screenshot of each), and the grid
reached and changed with the keyboard alone."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest

from support.browser import browser, log_in, open_page, screenshot

__all__ = ["browser"]  # the fixture the tests take

pytestmark = pytest.mark.django_db(transaction=True)

GOVERNANCE = "/w/bank/m/target/design/governance/"
PAGES = {"governance": GOVERNANCE, "organisation": "/w/bank/m/target/design/organisation/",
         "processes": "/w/bank/m/target/design/processes/",
         "technology": "/w/bank/m/target/design/technology/",
         "sourcing": "/w/bank/m/target/design/sourcing/",
         "revisions": "/w/bank/m/target/revisions/",
         "compare": "/w/bank/m/target/revisions/compare/?before=1&after=2"}
# enumeration values the pages name: none may show raw in Japanese
RAW = re.compile(r"(?<![\w-])(in_house|co_source|outsource|tolerate|invest|migrate|eliminate|"
                 r"business_unit|it-duopoly|it-monarchy|sole_outsourcer|long_contract|"
                 r"executive|moderate)(?![\w-])")
MISSING = re.compile(r"\b(page|rule|matrix_issue|guide)\.[a-z_]+\.[a-z_.]+")


def _cell(page: Any, decision: str, holder: str) -> Any:
    return page.get_by_label(f"{decision} — {holder}", exact=True)


def test_two_people_editing_the_grid_merge_or_meet_a_conflict(
        live_server: Any, workspace: Any, browser: Any) -> None:
    base = live_server.url
    alice_watched = open_page(browser, base, "en-GB")  # the owner, in English
    bob_watched = open_page(browser, base, "ja-JP")  # the editor, in Japanese
    alice, bob = alice_watched.page, bob_watched.page
    log_in(alice, base, "owner")
    log_in(bob, base, "editor")
    for page in (alice, bob):
        page.goto(base + GOVERNANCE)  # both read revision 1
    architecture, infrastructure = "技術標準とアーキテクチャの承認", "インフラとクラウド基盤の構成"
    ciso = "CISO（CSIRT 責任者）"
    _cell(bob, infrastructure, ciso).select_option("I")
    bob.get_by_role("button", name="新しいリビジョンとして保存").click()
    assert bob.get_by_role("status").filter(has_text="リビジョン 2 として保存しました。").is_visible()
    # another cell on the same revision 1: merged with the editor's change
    _cell(alice, architecture, ciso).select_option("R")
    alice.get_by_role("button", name="Save as a new revision").click()
    assert alice.get_by_role("status").filter(
        has_text="Saved as revision 3, merged with changes someone else saved").is_visible()
    assert _cell(alice, infrastructure, ciso).input_value() == "I"  # the editor's is there
    # the owner, now on revision 3, and the editor, still on 2, change the same cell
    _cell(alice, infrastructure, ciso).select_option("A")
    alice.get_by_role("button", name="Save as a new revision").click()
    assert alice.get_by_role("status").filter(has_text="Saved as revision 4.").is_visible()
    _cell(bob, infrastructure, ciso).select_option("C")
    bob.get_by_role("button", name="新しいリビジョンとして保存").click()
    alert = bob.get_by_role("alert")
    assert "その間に owner さんがリビジョン 4 を保存し、同じセルを変更しています" in alert.inner_text()
    conflicted = _cell(bob, infrastructure, ciso)
    assert conflicted.input_value() == "C"  # what the editor chose, to confirm or change
    described = bob.locator("#" + conflicted.get_attribute("aria-describedby"))
    assert "その間に保存された値: 説明責任／あなたの値: 協議先" in described.inner_text()
    screenshot(bob, "design-governance-conflict-ja")
    assert workspace.models.get(name="target").head.number == 4  # the conflict saved nothing
    # the conflict page answers 409, which Chromium logs; nothing else went wrong
    assert alice_watched.errors == [] and bob_watched.errors == [
        "Failed to load resource: the server responded with a status of 409 (Conflict)"]
    assert alice_watched.outside == [] and bob_watched.outside == []


def test_a_revision_is_exported_as_yaml(live_server: Any, workspace: Any, browser: Any,
                                       tmp_path: Path) -> None:
    from opmodel.document.io import loads
    from opmodel.server.workspaces import store

    watched = open_page(browser, live_server.url, "ja-JP")
    page = watched.page
    log_in(page, live_server.url, "viewer")
    page.goto(live_server.url + "/w/bank/m/target/")
    with page.expect_download() as waiting:
        page.get_by_role("link", name="YAML (リビジョン 1)").click()
    download = waiting.value
    assert download.suggested_filename == "target-1.yaml"
    saved = tmp_path / download.suggested_filename
    download.save_as(saved)
    line = workspace.models.get(name="target")
    assert loads(saved.read_text(encoding="utf-8")) == store.read(line.head)
    assert watched.errors == [] and watched.outside == []


@pytest.mark.parametrize("lang", ["ja", "en"])
def test_each_new_page_in_both_languages(live_server: Any, workspace: Any, browser: Any,
                                         lang: str) -> None:
    from opmodel.server.workspaces import store

    line = workspace.models.get(name="target")
    document = store.read(line.head).model_copy(deep=True)  # a stored one never changes
    document.design.organization.units[0].name = "しおさい銀行ホールディングス"
    store.save(line, line.head, document, author=None, message="renamed")  # two to compare
    watched = open_page(browser, live_server.url, "ja-JP" if lang == "ja" else "en-GB")
    page = watched.page
    log_in(page, live_server.url, "editor")
    for name, path in PAGES.items():
        page.goto(live_server.url + path)
        page.wait_for_load_state("networkidle")
        if name == "technology":
            page.wait_for_selector("[data-chart] canvas")
        shown = page.locator("main").inner_text()
        assert not MISSING.search(shown), (name, MISSING.search(shown))
        if lang == "ja":
            assert not RAW.search(shown), (name, RAW.search(shown))
        screenshot(page, f"design-{name}-{lang}")
    assert watched.errors == [] and watched.outside == []


def test_the_grid_is_reached_and_changed_with_the_keyboard(live_server: Any, workspace: Any,
                                                           browser: Any) -> None:
    watched = open_page(browser, live_server.url, "en-GB")
    page = watched.page
    log_in(page, live_server.url, "editor")
    page.goto(live_server.url + GOVERNANCE)
    for _ in range(40):  # from the top of the page to the grid's first cell
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.classList.contains('raci')"):
            break
    focused = page.evaluate("document.activeElement.id")
    assert focused.startswith("cell-")
    label = page.locator(f'label[for="{focused}"]').inner_text()
    assert " — " in label  # each cell says which decision and which holder it is
    page.keyboard.press("End")  # the last choice: I (informed)
    assert page.evaluate("document.activeElement.value") == "I"
    for _ in range(200):  # on to the save button
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.type") == "submit":
            break
    page.keyboard.press("Enter")
    page.wait_for_url(re.compile(r"saved=2"))
    assert page.get_by_role("status").filter(has_text="Saved as revision 2.").is_visible()
    assert watched.errors == [] and watched.outside == []
