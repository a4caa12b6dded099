"""A model's revisions in the pages: the history with who, when and what; two revisions
side by side with the changes highlighted; restore; a scenario branched; a YAML file
exported and read back, and imported (its problems at their lines, nothing saved)."""

from __future__ import annotations

import re
from html import unescape
from typing import Any

import pytest

CELL = "design.governance.decisions[dec-architecture].rights[role-ciso]"
REVISIONS = "/w/bank/m/target/revisions/"


def _text(html: str) -> str:
    """The words of the page's content (of the whole text when it has no <main>)."""
    content = html[html.index("<main"):] if "<main" in html else html
    return " ".join(unescape(re.sub(r"<[^>]+>", " ", content)).split())


def _edit(client: Any, value: str = "R", base: int = 1) -> None:
    answer = client.post("/w/bank/m/target/design/governance/",
                         {"base": base, CELL: value, "message": f"CISO {value}"})
    assert answer.status_code == 302


def _line(workspace: Any, name: str = "target") -> Any:
    return workspace.models.get(name=name)


@pytest.mark.parametrize(("lang", "words"), [("ja", ["履歴", "保存した人", "復元"]),
                                             ("en", ["History", "By", "Restore"])])
def test_the_model_page_shows_its_history(workspace: Any, client_as: Any, lang: str,
                                          words: list[str]) -> None:
    _edit(client_as("editor"))
    shown = _text(client_as("owner").get("/w/bank/m/target/",
                                         HTTP_ACCEPT_LANGUAGE=lang).content.decode())
    assert all(word in shown for word in words)
    assert re.search(r"2 \d{4}-\d\d-\d\d \d\d:\d\d editor CISO R", shown)
    assert re.search(r"1 \d{4}-\d\d-\d\d \d\d:\d\d owner loaded", shown)


def test_a_viewer_is_offered_no_change(workspace: Any, client_as: Any) -> None:
    html = client_as("viewer").get("/w/bank/m/target/").content.decode()
    assert "revisions/import/" not in html and "/restore/" not in html
    assert "revisions/1/yaml/" in html  # but may export


def test_two_revisions_side_by_side(workspace: Any, client_as: Any) -> None:
    _edit(client_as("editor"))
    html = client_as("viewer").get("/w/bank/m/target/revisions/compare/?before=1&after=2",
                                   HTTP_ACCEPT_LANGUAGE="en").content.decode()
    row = next(r for r in re.findall(r'<tr class="changed">.*?</tr>', html, re.S)
               if "rights[role-ciso]" in r)
    assert re.search(r'class="before">.*C.*</td>', row, re.S)
    assert re.search(r'class="after">.*R.*</td>', row, re.S)
    assert "0 added, 0 removed, 1 changed; 0 other fields changed." in _text(html)


def test_a_restored_revision_is_a_new_revision(workspace: Any, client_as: Any) -> None:
    from opmodel.server.workspaces import store

    _edit(client_as("editor"))
    answer = client_as("editor").post("/w/bank/m/target/revisions/1/restore/")
    assert answer.status_code == 302 and "done=restored&number=3" in answer["Location"]
    line = _line(workspace)
    assert line.head.number == 3 and line.head.restored_from.number == 1
    assert store.read(line.head) == store.read(line.revisions.get(number=1))
    shown = _text(client_as("editor").get(answer["Location"],
                                          HTTP_ACCEPT_LANGUAGE="en").content.decode())
    assert "Restored as revision 3." in shown and "restores revision 1" in shown


def test_a_scenario_is_branched_from_a_revision(workspace: Any, client_as: Any) -> None:
    from opmodel.server.workspaces import store

    _edit(client_as("editor"))
    answer = client_as("editor").post("/w/bank/m/target/revisions/branch/",
                                      {"revision": 1, "name": "scenario-cloud"})
    assert answer.status_code == 302 and answer["Location"] == "/w/bank/m/scenario-cloud/"
    scenario = _line(workspace, "scenario-cloud")
    assert scenario.branched_from == _line(workspace).revisions.get(number=1)
    assert store.read(scenario.head) == store.read(scenario.branched_from)


@pytest.mark.parametrize(("name", "status", "words"), [
    ("current", 409, "The workspace has a model named current already"),
    ("Not A Name", 400, "Give a name of lower-case letters and digits")])
def test_a_branch_name_refused_is_said_at_its_field(workspace: Any, client_as: Any, name: str,
                                                    status: int, words: str) -> None:
    answer = client_as("editor").post("/w/bank/m/target/revisions/branch/",
                                      {"revision": 1, "name": name},
                                      HTTP_ACCEPT_LANGUAGE="en")
    assert answer.status_code == status
    html = answer.content.decode()
    assert re.search(r'id="branch-name" name="name" class="form-control is-invalid"', html)
    assert words in _text(re.search(r'id="branch-name-problem".*?</div>', html, re.S).group(0))
    assert workspace.models.count() == 2


def test_an_exported_revision_reads_back(workspace: Any, client_as: Any) -> None:
    from opmodel.document.io import loads
    from opmodel.server.audit.models import AuditEvent
    from opmodel.server.workspaces import store

    answer = client_as("viewer").get("/w/bank/m/target/revisions/1/yaml/")
    assert answer.status_code == 200
    assert answer["Content-Disposition"] == 'attachment; filename="target-1.yaml"'
    assert loads(answer.content.decode()) == store.read(_line(workspace).head)
    assert AuditEvent.objects.filter(action="export", target="target@1").exists()


def _upload(client: Any, text: str, base: int = 1, lang: str = "en") -> Any:
    from django.core.files.uploadedfile import SimpleUploadedFile

    return client.post("/w/bank/m/target/revisions/import/",
                       {"base": base, "file": SimpleUploadedFile("target.yaml", text.encode())},
                       HTTP_ACCEPT_LANGUAGE=lang)


def _exported(client: Any) -> str:
    return client.get("/w/bank/m/target/revisions/1/yaml/").content.decode()


def test_an_imported_file_is_a_new_revision(workspace: Any, client_as: Any) -> None:
    from opmodel.server.workspaces import store

    editor = client_as("editor")
    text = _exported(editor).replace("name: しおさい銀行\n", "name: しおさい銀行 HD\n", 1)
    assert "しおさい銀行 HD" in text
    answer = _upload(editor, text)
    assert answer.status_code == 302 and "done=imported&number=2" in answer["Location"]
    units = store.read(_line(workspace).head).design.organization.units
    assert units[0].name == "しおさい銀行 HD"


def test_an_import_on_an_old_base_merges(workspace: Any, client_as: Any) -> None:
    editor = client_as("editor")
    text = _exported(editor).replace("name: しおさい銀行\n", "name: しおさい銀行 HD\n", 1)
    _edit(client_as("owner"))
    answer = _upload(editor, text, base=1)
    assert "done=merged&number=3" in answer["Location"]


@pytest.mark.parametrize(("lang", "words"), [("en", "line {line}, column"),
                                             ("ja", "{line} 行")])
def test_an_invalid_file_shows_its_problems_at_their_lines(workspace: Any, client_as: Any,
                                                           lang: str, words: str) -> None:
    editor = client_as("editor")
    lines = _exported(editor).splitlines()
    at = next(i for i, text in enumerate(lines) if "functional_fit:" in text)
    lines[at] = re.sub(r"functional_fit: \d", "functional_fit: 9", lines[at])
    answer = _upload(editor, "\n".join(lines) + "\n", lang=lang)
    assert answer.status_code == 400
    problem = re.search(r'id="import-file-problem".*?</div>', answer.content.decode(), re.S)
    assert problem is not None and words.format(line=at + 1) in _text(problem.group(0))
    assert _line(workspace).head.number == 1
