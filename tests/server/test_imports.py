"""Survey answers and inventories uploaded into a model: a new revision through the same save
as any edit, the same JSON as the command line's ``--format json`` for the same file, each row
problem at its sheet, row and column in Japanese and English with nothing saved, and bad files
(a zip bomb, a wrong encoding, too large) refused, nothing written."""

from __future__ import annotations

import shutil
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client

from support.bombs import MB, xlsx_bomb
from support.cli import run
from support.refusals import nothing_written, peak_under, refusal

pytestmark = pytest.mark.django_db

API = "/api/v1/workspaces/bank/models/current"
SHEETS = Path(__file__).parents[1] / "data" / "inventory"


@pytest.fixture
def editor(workspace: Any, client_as: Callable[[str | None], Client]) -> Client:
    return client_as("editor")


def _post(client: Client, what: str, name: str, data: bytes, lang: str = "en",
          **fields: Any) -> Any:
    return client.post(f"{API}/revisions/1/{what}?lang={lang}",
                       {"file": SimpleUploadedFile(name, data), **fields})


def _cli_json(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, sheet: Path,
              *args: str) -> Any:
    """What ``opmodel … --format json`` prints for ``sheet`` (named as it was uploaded)
    imported into the bank's current model."""
    from opmodel.document.io import dumps
    from opmodel.server.workspaces import store
    from opmodel.server.workspaces.models import ModelLine

    monkeypatch.chdir(tmp_path)
    shutil.copy(sheet, tmp_path / sheet.name)
    line = ModelLine.objects.get(workspace__slug="bank", name="current")
    (tmp_path / "model.yaml").write_text(dumps(store.read(line.revisions.get(number=1))),
                                         encoding="utf-8")
    printed = run(*args[:2], sheet.name, "--into", "model.yaml", *args[2:], "--format", "json")
    assert printed.code in (0, 1), printed.err
    return printed.json()


@pytest.mark.parametrize(("what", "sheet", "command", "form"), [
    ("survey-answers", "bank-survey.csv", ("survey", "import"), {}),
    ("inventory", "bank-applications.csv", ("inventory", "import"), {"kind": "applications"}),
    ("inventory", "leanix-export.xlsx", ("inventory", "import"), {"tool": "leanix"}),
])
def test_an_upload_makes_a_revision_with_the_commands_json(
        editor: Client, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, what: str,
        sheet: str, command: tuple[str, str], form: dict[str, str]) -> None:
    from opmodel.server.audit.models import AuditEvent

    path = SHEETS / sheet
    response = _post(editor, what, sheet, path.read_bytes(), **form)
    assert response.status_code == 201, response.content[:600]
    body = response.json()
    assert body["revision"]["revision"] == 2 and not body["revision"]["merged"]
    options = [f"--{k}" if k != "tool" else "--from" for k in form]
    flags = [x for pair in zip(options, form.values(), strict=True) for x in pair]
    assert body["result"] == _cli_json(tmp_path, monkeypatch, path, *command, *flags)
    action = "inventory_imported" if what == "inventory" else "survey_imported"
    assert AuditEvent.objects.filter(action=action, target="current@2").exists()
    saved = editor.get(f"{API}/revisions/2").json()
    if what == "survey-answers":
        people = {r["id"] for r in saved["assessment"]["respondents"]}
        assert "r-ops" in people
    else:
        apps = {a["id"] for a in saved["design"]["technology"]["applications"]}
        assert apps & {"app-new-crm", "policy-admin"}


def test_a_dry_run_shows_the_match_and_saves_nothing(editor: Client) -> None:
    with nothing_written():
        response = _post(editor, "inventory", "leanix-export.xlsx",
                         (SHEETS / "leanix-export.xlsx").read_bytes(), tool="leanix",
                         dry_run="true")
    assert response.status_code == 200, response.content[:500]
    body = response.json()
    assert body["revision"] is None
    assert body["result"]["skipped_sheets"] == {"ITComponent": 1}
    assert {s["kind"] for s in body["result"]["sheets"]} == {
        "applications", "vendors", "capabilities"}


def test_row_problems_name_sheet_row_and_column_in_both_languages(editor: Client) -> None:
    bad = b"id,name,lifecycle,users\napp-a,A,sometimes,\napp-b,B,active,many\n"
    with nothing_written():
        en = _post(editor, "inventory", "apps.csv", bad, kind="applications")
        ja = _post(editor, "inventory", "apps.csv", bad, "ja", kind="applications")
    from opmodel.server.api.schemas import RowsRejectedBody

    assert en.status_code == ja.status_code == 400
    body = en.json()
    RowsRejectedBody.model_validate(body)  # the body the OpenAPI description declares
    assert body["code"] == "api.sheet_rejected" and body["params"]["problems"] == 2
    assert [(i["row"], i["column"]) for i in body["issues"]] == [(2, "lifecycle"), (3, "users")]
    assert body["issues"][0]["message"].startswith("apps.csv: row 2, column 'lifecycle'")
    assert ja.json()["issues"][1]["message"].startswith("apps.csv: 3 行目、列 'users'")
    assert "保存していません" in ja.json()["message"]

    survey = b"respondent,proc-incident\nr-x,often\n"
    with nothing_written():
        answer = _post(editor, "survey-answers", "answers.csv", survey)
    assert answer.status_code == 400
    RowsRejectedBody.model_validate(answer.json())
    assert [(i["row"], i["column"]) for i in answer.json()["issues"]] == [(2, "proc-incident")]


def test_a_leanix_problem_names_its_sheet(editor: Client, tmp_path: Path) -> None:
    from openpyxl import load_workbook

    book = load_workbook(SHEETS / "leanix-export.xlsx")
    book["Application"]["E3"] = "someday"
    path = tmp_path / "leanix.xlsx"
    book.save(path)
    with nothing_written():
        response = _post(editor, "inventory", "leanix.xlsx", path.read_bytes(), "ja",
                         tool="leanix")
    assert response.status_code == 400
    [issue] = response.json()["issues"]
    assert issue["sheet"] == "Application" and issue["row"] == 3
    assert issue["message"].startswith("leanix.xlsx [Application]: 3 行目、列 'lifecycle'")


@pytest.mark.parametrize("what", ["survey-answers", "inventory"])
def test_bad_files_are_refused_and_nothing_is_written(editor: Client, tmp_path: Path,
                                                      settings: Any, what: str) -> None:
    form = {"kind": "applications"} if what == "inventory" else {}
    bomb = xlsx_bomb(tmp_path / "bomb.xlsx", 256 * MB).read_bytes()
    with nothing_written(), peak_under(64 * MB):  # 256 MB if it were unpacked
        answer = _post(editor, what, "bomb.xlsx", bomb, "ja", **form)
    assert answer.status_code == 400
    body = answer.json()
    assert body["code"] in ("table.zip_ratio", "table.unpacked_too_large")
    assert body["params"]["file"] == "bomb.xlsx" and "展開" in body["message"]
    cp932 = "id,name\napp-x,\x00販売管理\n".encode("cp932")
    with nothing_written():
        refusal(_post(editor, what, "data.csv", cp932, **form), 400, "table.binary")
        refusal(_post(editor, what, "book.pdf", b"%PDF-1.7", **form), 415,
                "api.unsupported_file")
    settings.DATA_UPLOAD_MAX_MEMORY_SIZE = 1000
    with nothing_written():  # refused before it is read
        big = refusal(_post(editor, what, "big.csv", b"id,name\n" + b"app-x,x\n" * 400, **form),
                      413, "api.too_large")
    assert big["params"]["limit"] == 1000 and "OPMODEL_MAX_FILE_SIZE" in big["hint"]


def test_a_viewer_may_not_import(workspace: Any, client_as: Callable[[str | None], Client]
                                 ) -> None:
    viewer = client_as("viewer")
    with nothing_written():
        response = _post(viewer, "inventory", "apps.csv", b"id\napp-x\n", kind="applications")
    assert response.status_code == 403
