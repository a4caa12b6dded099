"""The import page in a real browser: a workbook chosen once, previewed in place (htmx: the
file stays chosen), then applied as a new revision; no console error, nothing fetched from
elsewhere, every field labelled."""

from __future__ import annotations

import io
from pathlib import Path
from typing import Any

import pytest

from support.browser import browser, log_in, open_page, screenshot, unlabelled_or_unreachable

__all__ = ["browser"]  # the fixture the tests take

pytestmark = pytest.mark.django_db(transaction=True)


def test_a_workbook_is_previewed_in_place_then_applied(live_server: Any, workspace: Any,
                                                       browser: Any, tmp_path: Path) -> None:
    from openpyxl import load_workbook

    from opmodel.server.workspaces import store
    from opmodel.services.exchange import export_one_file

    line = workspace.models.get(name="target")
    data, _ = export_one_file(store.read(line.head), "xlsx", "en")
    book = load_workbook(io.BytesIO(data))
    sheet = book["applications"]
    sheet.cell(2, [c.value for c in sheet[1]].index("name") + 1).value = "Renamed in Excel"
    path = tmp_path / "target.xlsx"
    book.save(path)
    base = live_server.url
    watched = open_page(browser, base, "en-GB")
    page = watched.page
    log_in(page, base, "editor")
    page.goto(base + "/w/bank/m/target/")
    page.get_by_role("link", name="Import a workbook or ArchiMate file").first.click()
    page.get_by_label("File").set_input_files(str(path))
    page.get_by_role("button", name="Preview the changes").click()
    page.get_by_text("applications: 0 added, 1 updated, 0 removed").wait_for()
    assert page.url.endswith("/w/bank/m/target/import/")  # the result swapped in place
    assert unlabelled_or_unreachable(page) == []
    screenshot(page, "model-import-preview-en")
    page.get_by_role("button", name="Apply as a new revision").click()
    page.wait_for_url("**/revisions/?done=imported&number=2")
    assert line.revisions.count() == 2
    assert watched.errors == [] and watched.outside == []
