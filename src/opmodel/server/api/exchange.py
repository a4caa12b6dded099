"""A revision as a file for other tools and for the board: the executive report (a job; its
file downloaded from the job), an export as an Excel workbook, an ArchiMate exchange file or
Archi's CSV files in a zip, and the import of such a file as a new revision (editors; all or
nothing, each row's problem at its sheet, row and column)."""

from __future__ import annotations

from pathlib import Path
from typing import Any, Literal

from django.http import HttpRequest, HttpResponse
from ninja import File, Form, Query, Router, Status
from ninja.files import UploadedFile
from pydantic import BaseModel

from opmodel.server.api.analyses import job_out, strict_options
from opmodel.server.api.errors import Refusal, language
from opmodel.server.api.imports import rejected
from opmodel.server.api.models import line_of, revision_of, save_answer
from opmodel.server.api.schemas import (
    ConflictsBody,
    ErrorBody,
    ImportSaved,
    JobOut,
    ProblemsBody,
    RevisionNumber,
    RowsRejectedBody,
    answers,
)
from opmodel.server.compare import ReportRequest, start_report
from opmodel.server.workspaces import store
from opmodel.server.workspaces.access import require
from opmodel.server.workspaces.models import MemberRole

router = Router(tags=["exchange"])
REVISION = "/workspaces/{ws}/models/{name}/revisions/{number}"
BINARY = {"schema": {"type": "string", "format": "binary"}}


def file_answer(data: bytes, name: str, media_type: str) -> HttpResponse:
    """``data`` as a file to download under ``name``."""
    from django.utils.http import content_disposition_header

    response = HttpResponse(data, content_type=media_type)
    response["Content-Disposition"] = content_disposition_header(True, name)
    return response


def files_declared(*media_types: str) -> dict[str, Any]:
    """The OpenAPI of a 200 that answers a file of one of ``media_types``."""
    return {"responses": {200: {"description": "The file.",
                                "content": dict.fromkeys(media_types, BINARY)}}}


@router.post(REVISION + "/report", response=answers({202: JobOut}, 403, 404, 413, 422),
             operation_id="report_revision",
             summary="The executive report of a revision (HTML, PDF, PowerPoint, Excel).")
def report_revision(request: HttpRequest, ws: str, name: str, number: RevisionNumber,
                    body: ReportRequest) -> Any:
    """Write the executive report of revision ``number``, compared with other models when
    ``compare`` names them, in ``lang`` (default: the caller's language). Runs as a job
    (editors): follow it at /jobs/{id}; its file, the same as ``opmodel report`` writes for
    the same options, is at /jobs/{id}/file."""
    workspace = require(request.user, ws, MemberRole.editor)
    revision = revision_of(line_of(workspace, name), number)
    named = strict_options(ReportRequest, body, request)
    return Status(202, job_out(start_report(workspace, revision, named, language(request),
                                            request.user)))


class ExportQuery(BaseModel):
    """Which file to export, and the language of what opmodel adds to it (headings, names
    of views and folders)."""

    format: Literal["xlsx", "archimate", "archi-csv"]
    lang: Literal["ja", "en"] | None = None


@router.get(REVISION + "/export", response=answers({200: dict[str, Any]}, 404, 422),
            openapi_extra=files_declared("application/xml", "application/zip",
                                         "application/vnd.openxmlformats-officedocument"
                                         ".spreadsheetml.sheet"),
            summary="A revision as an Excel workbook, ArchiMate exchange file or Archi CSV.")
def export_revision(request: HttpRequest, ws: str, name: str, number: RevisionNumber,
                    query: Query[ExportQuery]) -> HttpResponse:
    """Revision ``number`` as ``opmodel export`` writes it: ``xlsx`` (the inventories to
    edit in Excel), ``archimate`` (the Open Group exchange file, for Archi and other tools)
    or ``archi-csv`` (Archi's elements, relations and properties, in one zip)."""
    from opmodel.server.audit.log import record
    from opmodel.services.exchange import FORMATS, export_one_file

    workspace = require(request.user, ws)
    line = line_of(workspace, name)
    revision = revision_of(line, number)
    data, suffix = export_one_file(store.read(revision), query.format,
                                   query.lang or language(request))
    record("export", request=request, workspace=workspace,
           target=f"{line.name}@{revision.number}", format=query.format)
    return file_answer(data, f"{line.name}-{revision.number}{suffix}",
                       FORMATS[query.format].media_type)


IMPORTED = answers({201: ImportSaved, 200: ImportSaved}, 400, 403, 404, 409, 413, 415, 422,
                   bodies={400: ErrorBody | ProblemsBody | RowsRejectedBody, 409: ConflictsBody})


@router.post(REVISION + "/import", response=IMPORTED, summary="Import a workbook or an "
             "ArchiMate file into a revision: a new revision.")
def import_model_file(request: HttpRequest, ws: str, name: str, number: RevisionNumber,
                      file: File[UploadedFile],
                      format: Form[Literal["xlsx", "archimate", "archi-csv"] | None] = None,
                      dry_run: Form[bool] = False, message: Form[str] = "") -> Any:
    """Merge a file into revision ``number`` as ``opmodel import FILE --into`` does: an Excel
    workbook written by the export (its sheets replace their lists; rows keep their ids), an
    ArchiMate exchange file (.xml) or Archi's CSV files in a zip (entities by id). The same
    result as ``opmodel import --json``, and a new revision (with ``dry_run``, only the
    result); 400 with each problem at its sheet, row and column, nothing saved (editors)."""
    from opmodel.knowledge.texts import render
    from opmodel.server.model_files import ACCEPTED, format_of, read_model_file, save_model_file
    from opmodel.services.results import to_data
    from opmodel.services.workbook_outcome import WorkbookProblems

    workspace = require(request.user, ws, MemberRole.editor)
    line = line_of(workspace, name)
    base = revision_of(line, number)
    filename = Path(file.name or "upload").name
    fmt = format_of(filename, format)
    if fmt is None:
        raise Refusal(415, "api.unsupported_model_file", file=filename,
                      accepted=", ".join(ACCEPTED))
    try:
        outcome = read_model_file(file, filename, fmt, store.read(base))
    except WorkbookProblems as exc:  # each cell's problem at its sheet, row and column
        found = exc.result
        shown = [i.model_dump(mode="json") for i in found.issues]
        data = {**to_data(found), "issues": shown}
        for problem, said in zip(found.problems, data["problems"], strict=True):
            said["message"] = render(problem.code, problem.params, language(request))
        return rejected(request, filename, found.issues, data, shown,
                        more=len(found.problems))
    if dry_run:
        return Status(200, ImportSaved(result=to_data(outcome), revision=None))
    saved = save_model_file(request, workspace, line, base, outcome, filename=filename,
                            message=message)
    answer = save_answer(request, line, saved)
    if answer.status_code == 409:
        return answer
    return Status(answer.status_code, ImportSaved(result=to_data(outcome),
                                                  revision=answer.value))
