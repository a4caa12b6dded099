"""The import page: a workbook or an ArchiMate file previewed as ``opmodel import --dry-run``
says it, then applied as a new revision on the revision it was read against; a wrong cell
shown at its sheet, row and column in the page's language with nothing saved; editors only."""

from __future__ import annotations

import io
import re
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from support.pages import page_text

PAGE = "/w/bank/m/target/import/"
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _book(client: Any, **cells: tuple[int, str]) -> bytes:
    """The target's workbook with cells of its applications sheet set (column: row, text)."""
    from openpyxl import load_workbook

    data = client.get("/api/v1/workspaces/bank/models/target/revisions/1/export"
                      "?format=xlsx&lang=en").content
    book = load_workbook(io.BytesIO(data))
    sheet = book["applications"]
    header = [c.value for c in sheet[1]]
    for column, (row, text) in cells.items():
        sheet.cell(row, header.index(column) + 1).value = text
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def _send(client: Any, data: bytes, name: str = "target.xlsx", lang: str = "en",
          **form: str) -> Any:
    upload = SimpleUploadedFile(name, data, content_type=XLSX)
    return client.post(PAGE, {"file": upload, "base": "1", **form}, HTTP_ACCEPT_LANGUAGE=lang)


def _digest(html: str) -> str:
    found = re.search(r'name="previewed" value="([0-9a-f]{64})"', html)
    assert found, "no apply form"
    return found.group(1)


def _previewed(client: Any) -> tuple[Any, bytes, str]:
    """The client, the target's workbook with an application renamed, its preview's digest."""
    data = _book(client, name=(2, "Renamed in Excel"))
    return client, data, _digest(_send(client, data, action="preview").content.decode())


def _head(workspace: Any) -> int:
    return int(workspace.models.get(name="target").head.number)


@pytest.mark.parametrize(("lang", "words"), [
    ("en", ["applications: 0 added, 1 updated, 0 removed", "A preview: nothing is saved yet"]),
    ("ja", ["applications: 追加 0 件、更新 1 件、削除 0 件", "確認のみで、まだ何も保存していません"])])
def test_a_preview_says_what_each_sheet_changes_and_saves_nothing(
        workspace: Any, client_as: Any, lang: str, words: list[str]) -> None:
    from opmodel.server.workspaces import store
    from opmodel.services.exchange import import_file

    client = client_as("editor")
    data = _book(client, name=(2, "Renamed in Excel"))
    page = _send(client, data, lang=lang, action="preview")
    assert page.status_code == 200
    text = page_text(page.content.decode())
    assert all(word in text for word in words), text
    # the same notes as the use case's result, in the page's language
    outcome = import_file(data, "target.xlsx", "xlsx", store.read(
        workspace.models.get(name="target").head))
    assert all(note.text(lang) in text for note in outcome.notes if not
               note.text(lang).startswith(" "))
    assert _head(workspace) == 1


def test_apply_saves_the_file_previewed_as_a_new_revision(workspace: Any,
                                                          client_as: Any) -> None:
    from opmodel.server.audit.models import AuditEvent
    from opmodel.server.workspaces import store

    client, data, digest = _previewed(client_as("editor"))
    applied = _send(client, data, action="apply", previewed=digest, message="from Excel")
    assert applied.status_code == 302
    assert applied["Location"].endswith("/w/bank/m/target/revisions/?done=imported&number=2")
    head = workspace.models.get(name="target").head
    assert head.number == 2 and head.message == "from Excel"
    assert "Renamed in Excel" in [a.name for a in store.read(head).design.technology.applications]
    assert AuditEvent.objects.filter(action="model_imported").exists()


def test_apply_of_a_file_not_previewed_shows_its_preview_first(workspace: Any,
                                                               client_as: Any) -> None:
    client = client_as("editor")
    first = _book(client, name=(2, "First"))
    digest = _digest(_send(client, first, action="preview").content.decode())
    other = _book(client, name=(2, "Other"))
    page = _send(client, other, action="apply", previewed=digest)
    assert page.status_code == 200
    assert "This is not the file previewed" in page_text(page.content.decode())
    assert _digest(page.content.decode()) != digest
    assert _head(workspace) == 1


def test_apply_on_an_old_revision_merges_with_what_was_saved_since(workspace: Any,
                                                                   client_as: Any) -> None:
    from opmodel.server.workspaces import store

    client, data, digest = _previewed(client_as("editor"))
    line = workspace.models.get(name="target")
    edited = store.read(line.head).model_copy(deep=True)
    edited.metadata.name = "Target, renamed meanwhile"
    assert store.save(line, line.head, edited, author=None, message="meanwhile").revision
    applied = _send(client, data, action="apply", previewed=digest)
    assert applied.status_code == 302 and "done=merged&number=3" in applied["Location"]
    head = store.read(workspace.models.get(name="target").head)
    assert head.metadata.name == "Target, renamed meanwhile"
    assert "Renamed in Excel" in [a.name for a in head.design.technology.applications]


@pytest.mark.parametrize(("lang", "said"), [("en", "Sheet"), ("ja", "シート")])
def test_a_wrong_cell_is_shown_at_its_sheet_row_and_column(workspace: Any, client_as: Any,
                                                           lang: str, said: str) -> None:
    from opmodel.knowledge.texts import render

    client = client_as("editor")
    page = _send(client, _book(client, ID=(3, "Not A Slug!")), lang=lang, action="preview")
    html = page.content.decode()
    assert page.status_code == 400
    head = html.split('class="table table-sm mb-0 row-issues">', 1)[1].split("</thead>")[0]
    assert said in page_text(head)
    row = re.search(r'row-issues">.*?<tbody><tr>(.*?)</tr>', html, re.S)
    assert row is not None
    cells = [page_text(c) for c in re.findall(r"<td[^>]*>(.*?)</td>", row.group(1), re.S)]
    assert cells[:4] == ["applications", "3", "ID", "Not A Slug!"]
    assert cells[4] and "." not in cells[4].split()[0]  # a sentence, not a code
    other = "ja" if lang == "en" else "en"
    assert not any(render(code, {}, other) in cells[4] for code in ("workbook.problems",))
    assert 'name="previewed"' not in html
    assert _head(workspace) == 1


def test_the_htmx_preview_is_the_result_part_alone(workspace: Any, client_as: Any) -> None:
    client = client_as("editor")
    upload = SimpleUploadedFile("target.xlsx", _book(client, ID=(3, "Not A Slug!")))
    part = client.post(PAGE, {"file": upload, "base": "1", "action": "preview"},
                       HTTP_HX_REQUEST="true", HTTP_ACCEPT_LANGUAGE="en")
    html = part.content.decode()
    assert part.status_code == 200  # htmx swaps a 2xx answer only
    assert html.lstrip().startswith('<section id="model-import-result"')
    assert "row-issues" in html and "<html" not in html


def test_an_archimate_file_shows_the_entities_read_and_the_types_left_out(
        workspace: Any, client_as: Any) -> None:
    client = client_as("editor")
    data = client.get("/api/v1/workspaces/bank/models/current/revisions/1/export"
                      "?format=archimate").content
    data = data.replace(b"</elements>", b'<element identifier="n-1" xsi:type="Node">'
                                        b"<name>Server</name></element></elements>")
    page = _send(client, data, name="current.xml", action="preview")
    assert page.status_code == 200, page_text(page.content.decode())[:500]
    html = page.content.decode()
    assert "organisation units" in page_text(html.split('class="table table-sm w-auto imported"')[1])
    skipped = html.split('class="table table-sm w-auto skipped"')[1].split("</table>")[0]
    assert "Node" in page_text(skipped) and "1" in page_text(skipped)


def test_a_viewer_sees_the_page_but_cannot_import(workspace: Any, client_as: Any) -> None:
    viewer = client_as("viewer")
    page = viewer.get(PAGE, HTTP_ACCEPT_LANGUAGE="en")
    assert page.status_code == 200 and 'type="file"' not in page.content.decode()
    assert "Editors and owners import files" in page_text(page.content.decode())
    refused = _send(viewer, b"x", action="preview")
    assert refused.status_code == 403 and _head(workspace) == 1


@pytest.mark.parametrize(("name", "data", "words"), [
    ("notes.docx", b"hello", "Choose a file of one of these kinds: .xlsx, .xml, .zip"),
    ("broken.xlsx", b"not a workbook", "broken.xlsx")])
def test_a_file_that_is_no_model_is_refused_with_a_message(workspace: Any, client_as: Any,
                                                           name: str, data: bytes,
                                                           words: str) -> None:
    page = _send(client_as("editor"), data, name=name, action="preview")
    text = page_text(page.content.decode())
    assert page.status_code == 400 and words in text and "Traceback" not in text
    assert 'role="alert"' in page.content.decode() and _head(workspace) == 1


def test_the_model_page_links_to_the_import_page(workspace: Any, client_as: Any) -> None:
    page = client_as("viewer").get("/w/bank/m/target/", HTTP_ACCEPT_LANGUAGE="en")
    assert f'href="{PAGE}"' in page.content.decode()
