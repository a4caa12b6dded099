"""A revision as a file through the REST API: the executive report as a job whose file is the
one ``opmodel report`` writes for the same revision and options, in each format with its
content type and name; the export as ``opmodel export`` writes it; a workbook or an ArchiMate
file imported into a new revision, all or nothing, its row problems in the caller's language."""

from __future__ import annotations

import io
from pathlib import Path
from typing import Any

import pytest

from support.cli import run

# the plan reports progress from its solvers' threads, each on a connection of its own
pytestmark = pytest.mark.django_db(transaction=True)
BANK = Path(__file__).parents[2] / "examples" / "regional-bank"
QUICK = {"time_limit": 1, "iterations": 300, "seed": 4, "as_of": "2026-11-30"}
FLAGS = ["--time-limit", "1", "--iterations", "300", "--seed", "4", "--as-of", "2026-11-30"]
REVISION = "/api/v1/workspaces/bank/models/target/revisions/1"


def _report(client: Any, **body: Any) -> Any:
    return client.post(REVISION + "/report", {**QUICK, **body}, content_type="application/json")


def _file_of(client: Any, answer: Any) -> Any:
    from opmodel.server.jobs.models import Job

    assert answer.status_code == 202, answer.content
    job = answer.json()
    found = client.get(f"/api/v1/workspaces/bank/jobs/{job['id']}/file")
    assert found.status_code == 200, (Job.objects.get(pk=job["id"]).error or {}).get("trace")
    return found


def test_the_report_job_writes_the_file_the_command_writes(workspace: Any, client_as: Any,
                                                           tmp_path: Path) -> None:
    client = client_as("editor")
    found = _file_of(client, _report(client, format="html", lang="ja",
                                     compare=[{"model": "current"}]))
    assert found["Content-Type"] == "text/html; charset=utf-8"
    assert found["Content-Disposition"] == 'attachment; filename="target-1-report.html"'
    out = tmp_path / "board.html"
    printed = run("report", str(BANK / "target.yaml"), "--compare", str(BANK / "current.yaml"),
                  "--out", str(out), *FLAGS, "--lang", "ja")
    assert printed.code == 0, printed.output
    assert found.content == out.read_bytes()


@pytest.mark.parametrize(("fmt", "media_type"), [
    ("pdf", "application/pdf"),
    ("pptx", "application/vnd.openxmlformats-officedocument.presentationml.presentation"),
    ("xlsx", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")])
def test_each_format_is_sent_with_its_type_and_name(workspace: Any, client_as: Any, fmt: str,
                                                    media_type: str) -> None:
    from opmodel.server.jobs.models import Job

    client = client_as("owner")
    answer = _report(client, format=fmt, lang="en", iterations=0)
    found = _file_of(client, answer)
    assert found["Content-Type"] == media_type
    assert found["Content-Disposition"].endswith(f'filename="target-1-report.{fmt}"')
    job = Job.objects.get(pk=answer.json()["id"])
    assert job.kind == "report" and job.result["file"] == f"target-1-report.{fmt}"
    assert job.result["bytes"] == len(found.content) and "summary" in job.result["sections"]
    if fmt == "pptx":
        from pptx import Presentation

        deck = Presentation(io.BytesIO(found.content))
        assert any(s.has_chart for slide in deck.slides for s in slide.shapes)
    elif fmt == "xlsx":
        from openpyxl import load_workbook

        assert load_workbook(io.BytesIO(found.content)).sheetnames[0] == "Summary"
    else:
        assert found.content.startswith(b"%PDF-")


def test_the_report_is_in_the_callers_language_unless_one_is_named(
        workspace: Any, client_as: Any) -> None:
    from opmodel.server.jobs.models import Job

    client = client_as("owner")
    answer = client.post(REVISION + "/report?lang=ja", {**QUICK, "iterations": 0},
                         content_type="application/json")
    assert Job.objects.get(pk=answer.json()["id"]).options["lang"] == "ja"
    assert "経営報告書".encode() in _file_of(client, answer).content


@pytest.mark.parametrize(("body", "status", "code"), [
    ({"format": "docx"}, 422, None),
    ({"time_limit": "1"}, 422, None),
    ({"compare": [{"model": "nothing"}]}, 404, "api.no_model"),
    ({"compare": [{"model": "current", "revision": 7}]}, 404, "api.no_revision"),
])
def test_a_report_that_cannot_be_written_is_refused(workspace: Any, client_as: Any,
                                                    body: Any, status: int,
                                                    code: str | None) -> None:
    from opmodel.server.jobs.models import Job

    answer = client_as("owner").post(REVISION + "/report", body,
                                     content_type="application/json")
    assert answer.status_code == status, answer.content
    if code:
        assert answer.json()["code"] == code
    assert not Job.objects.exists()


def test_a_viewer_reads_the_file_but_cannot_start_a_report(workspace: Any,
                                                           client_as: Any) -> None:
    answer = _report(client_as("owner"), iterations=0)
    viewer = client_as("viewer")
    assert _report(viewer).status_code == 403
    assert _file_of(viewer, answer).content.startswith(b"<!DOCTYPE html>")


def test_a_job_without_a_file_answers_404_and_409_while_it_runs(workspace: Any,
                                                               client_as: Any) -> None:
    from opmodel.server.jobs.models import Job, JobStatus

    line = workspace.models.get(name="target")
    job = Job.objects.create(workspace=workspace, revision=line.head, kind="plan",
                             status=JobStatus.succeeded, result={})
    client = client_as("viewer")
    done = client.get(f"/api/v1/workspaces/bank/jobs/{job.pk}/file?lang=ja")
    assert done.status_code == 404 and done.json()["code"] == "api.no_job_file"
    assert "ファイル" in done.json()["message"]
    Job.objects.filter(pk=job.pk).update(status=JobStatus.running)
    running = client.get(f"/api/v1/workspaces/bank/jobs/{job.pk}/file")
    assert running.status_code == 409 and running.json()["code"] == "api.job_not_finished"


@pytest.mark.parametrize(("fmt", "name", "media_type"), [
    ("xlsx", "target-1.xlsx", "application/vnd.openxmlformats-officedocument.spreadsheetml"
                              ".sheet"),
    ("archimate", "target-1.xml", "application/xml"),
    ("archi-csv", "target-1.zip", "application/zip")])
def test_an_export_is_the_file_the_command_writes(workspace: Any, client_as: Any,
                                                  tmp_path: Path, fmt: str, name: str,
                                                  media_type: str) -> None:
    found = client_as("viewer").get(REVISION + f"/export?format={fmt}&lang=en")
    assert found.status_code == 200, found.content
    assert found["Content-Type"] == media_type
    assert found["Content-Disposition"] == f'attachment; filename="{name}"'
    out = tmp_path / name
    printed = run("export", str(BANK / "target.yaml"), "--format", fmt, "--out", str(out),
                  "--lang", "en")
    assert printed.code == 0, printed.output
    if fmt == "xlsx":  # a workbook holds the time it was written: compare the cells
        from openpyxl import load_workbook

        def cells(data: bytes) -> list[Any]:
            book = load_workbook(io.BytesIO(data))
            return [list(s.iter_rows(values_only=True)) for s in book.worksheets]

        assert cells(found.content) == cells(out.read_bytes())
    else:
        assert found.content == out.read_bytes()


def test_an_unknown_export_format_is_refused(workspace: Any, client_as: Any) -> None:
    answer = client_as("viewer").get(REVISION + "/export?format=visio")
    assert answer.status_code == 422 and answer.json()["code"] == "api.invalid"


def _edited_book(client: Any) -> bytes:
    """The target's workbook with an application renamed."""
    from openpyxl import load_workbook

    data = client.get(REVISION + "/export?format=xlsx&lang=en").content
    book = load_workbook(io.BytesIO(data))
    sheet = book["applications"]
    header = [c.value for c in sheet[1]]
    sheet.cell(2, header.index("name") + 1).value = "Renamed in Excel"
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def test_an_edited_workbook_becomes_a_new_revision(workspace: Any, client_as: Any) -> None:
    from opmodel.server.workspaces import store

    client = client_as("editor")
    book = io.BytesIO(_edited_book(client))
    book.name = "target.xlsx"
    answer = client.post(REVISION + "/import", {"file": book, "message": "from Excel"})
    assert answer.status_code == 201, answer.content
    assert answer.json()["revision"]["revision"] == 2
    assert answer.json()["result"]["format"] == "xlsx"
    head = store.read(workspace.models.get(name="target").head)
    assert "Renamed in Excel" in [a.name for a in head.design.technology.applications]


def test_an_archimate_file_is_merged_into_a_new_revision(workspace: Any, client_as: Any) -> None:
    client = client_as("editor")
    data = client.get("/api/v1/workspaces/bank/models/current/revisions/1/export"
                      "?format=archimate").content
    upload = io.BytesIO(data)
    upload.name = "current.xml"
    answer = client.post(REVISION + "/import", {"file": upload, "dry_run": "true"})
    assert answer.status_code == 200, answer.content
    result = answer.json()["result"]
    assert result["format"] == "archimate" and result["imported"]
    assert answer.json()["revision"] is None


@pytest.mark.parametrize(("lang", "said"), [("ja", "行"), ("en", "row")])
def test_a_workbook_with_a_wrong_cell_is_refused_whole(workspace: Any, client_as: Any,
                                                      lang: str, said: str) -> None:
    from openpyxl import load_workbook

    client = client_as("editor")
    book = load_workbook(io.BytesIO(_edited_book(client)))
    sheet = book["applications"]
    header = [c.value for c in sheet[1]]
    sheet.cell(3, header.index("ID") + 1).value = "Not A Slug!"
    out = io.BytesIO()
    book.save(out)
    out.seek(0)
    out.name = "target.xlsx"
    answer = client.post(REVISION + f"/import?lang={lang}", {"file": out})
    assert answer.status_code == 400, answer.content
    body = answer.json()
    assert body["code"] == "api.sheet_rejected" and body["issues"]
    assert all(said in i["message"] and "target.xlsx" in i["message"] for i in body["issues"])
    assert workspace.models.get(name="target").head.number == 1


@pytest.mark.parametrize(("name", "content", "status", "code"), [
    ("notes.docx", b"hello", 415, "api.unsupported_model_file"),
    ("broken.xlsx", b"not a workbook", 400, None),
    ("bad.xml", b"<?xml version='1.0'?><!DOCTYPE x [<!ENTITY e SYSTEM 'file:///etc/passwd'>]>"
                b"<x>&e;</x>", 400, None)])
def test_a_file_that_is_no_model_is_refused(workspace: Any, client_as: Any, name: str,
                                            content: bytes, status: int,
                                            code: str | None) -> None:
    upload = io.BytesIO(content)
    upload.name = name
    answer = client_as("editor").post(REVISION + "/import", {"file": upload})
    assert answer.status_code == status, answer.content
    if code:
        assert answer.json()["code"] == code
    assert answer.json()["message"] and "Traceback" not in answer.json()["message"]
    assert workspace.models.get(name="target").head.number == 1


def test_a_viewer_cannot_import(workspace: Any, client_as: Any) -> None:
    upload = io.BytesIO(b"x")
    upload.name = "a.xlsx"
    assert client_as("viewer").post(REVISION + "/import", {"file": upload}).status_code == 403
