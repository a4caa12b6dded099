"""Spreadsheets into a model: survey answers and inventories (ours, or a LeanIX or ServiceNow
export) uploaded as CSV or XLSX, read within the upload limit and merged by the same use case
as ``opmodel survey import`` and ``opmodel inventory import``; the rows' problems (400, each at
its sheet, row and column) or a new revision through the same save as any edit (editors)."""

from __future__ import annotations

import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import Any, Literal

from django.conf import settings
from django.http import HttpRequest, JsonResponse
from ninja import File, Form, Router, Status
from ninja.files import UploadedFile

from opmodel.document.model import OperatingModel
from opmodel.server.api.errors import Refusal, language, row_messages
from opmodel.server.api.models import line_of, revision_of, save_answer
from opmodel.server.api.schemas import (
    ConflictsBody,
    ErrorBody,
    ImportSaved,
    ProblemsBody,
    RevisionNumber,
    RowsRejectedBody,
    answers,
)
from opmodel.server.workspaces import store
from opmodel.server.workspaces.access import require
from opmodel.server.workspaces.models import MemberRole

router = Router(tags=["imports"])
REVISION = "/workspaces/{ws}/models/{name}/revisions/{number}"
ACCEPTED = (".csv", ".xlsx")
STATUSES = answers({200: ImportSaved, 201: ImportSaved}, 400, 403, 404, 409, 413, 415, 422,
                   bodies={400: ErrorBody | ProblemsBody | RowsRejectedBody,
                           409: ConflictsBody})


def saved_upload(path: Path, file: UploadedFile) -> Path:
    """The upload written to ``path`` (its name keeps the extension that says the format)."""
    with open(path, "wb") as out:
        for chunk in file.chunks():
            out.write(chunk)
    return path


def rejected(request: HttpRequest, source: str, issues: list[Any], data: dict[str, Any],
             shown: list[dict[str, Any]], more: int = 0) -> JsonResponse:
    """400: an upload whose rows have problems (``shown``: their data, within ``data``), each
    with its text naming the file, sheet, row and column; ``more`` problems no row explains
    are counted too. Nothing is saved."""
    from opmodel.server.api.errors import error_body

    lang = language(request)
    row_messages(source, issues, shown, lang)
    params = {"file": source, "problems": len(issues) + more}
    return JsonResponse({**data, **error_body("api.sheet_rejected", lang, **params)},
                        status=400, json_dumps_params={"ensure_ascii": False})


def _import(request: HttpRequest, ws: str, name: str, number: int, file: UploadedFile,
            use_case: Callable[[OperatingModel, Path, str], Any], *, action: str,
            message: str, dry_run: bool = False) -> Any:
    """Run ``use_case`` (the model, the saved upload, its name) on revision ``number`` and
    save its model as a new revision on it, merged with what was saved since."""
    from opmodel.services.results import to_data

    workspace = require(request.user, ws, MemberRole.editor)
    line = line_of(workspace, name)
    base = revision_of(line, number)
    filename = Path(file.name or "upload").name
    if not filename.lower().endswith(ACCEPTED):
        raise Refusal(415, "api.unsupported_file", file=filename, accepted=", ".join(ACCEPTED))
    with tempfile.TemporaryDirectory(prefix="opmodel-upload-") as folder:
        path = saved_upload(Path(folder) / f"upload{Path(filename).suffix.lower()}", file)
        result = use_case(store.read(base), path, filename)
    if result.issues:
        data = to_data(result)
        return rejected(request, result.source, result.issues, data, data["issues"])
    if dry_run:
        return Status(200, ImportSaved(result=to_data(result), revision=None))
    outcome = store.save(line, base, result.model, author=request.user,
                         message=message or action.replace("_", " "))
    answer = save_answer(request, line, outcome, action, file=filename)
    if answer.status_code == 409:
        return answer
    return Status(answer.status_code, ImportSaved(result=to_data(result), revision=answer.value))


@router.post(REVISION + "/survey-answers", response=STATUSES)
def import_survey_answers(request: HttpRequest, ws: str, name: str, number: RevisionNumber,
                          file: File[UploadedFile], sheet: Form[str] = "",
                          message: Form[str] = "") -> Any:
    """Merge a CSV or XLSX of survey answers (wide or long form) into the assessment of
    revision ``number``: the same result as ``opmodel survey import --format json``, and a
    new revision; 400 with each problem at its row and column, nothing saved (editors)."""
    from opmodel.document.assessment import Assessment
    from opmodel.document.rules.assessment import known_questions
    from opmodel.interop.survey_sheets import read_survey
    from opmodel.services.survey import import_answers

    def use_case(model: OperatingModel, path: Path, source: str) -> Any:
        questions = known_questions(model.assessment or Assessment())
        parsed = read_survey(path, questions, sheet or None, source=source,
                             max_bytes=settings.DATA_UPLOAD_MAX_MEMORY_SIZE)
        return import_answers(model, parsed)

    return _import(request, ws, name, number, file, use_case, action="survey_imported",
                   message=message)


@router.post(REVISION + "/inventory", response=STATUSES)
def import_inventory_file(
        request: HttpRequest, ws: str, name: str, number: RevisionNumber,
        file: File[UploadedFile],
        kind: Form[Literal["applications", "vendors", "contracts", "service-levels",
                           "capabilities"] | None] = None,
        tool: Form[Literal["leanix", "servicenow"] | None] = None,
        mapping: Form[str] = "", sheet: Form[str] = "", dry_run: Form[bool] = False,
        message: Form[str] = "") -> Any:
    """Merge a CSV or XLSX inventory into revision ``number``: ``kind`` says which (or
    ``tool``, a LeanIX or ServiceNow export, its columns matched automatically; ``mapping``,
    YAML text, overrides the match). The same result as ``opmodel inventory import --format
    json`` (with ``dry_run``, only that), and a new revision; 400 with each problem at its
    sheet, row and column, nothing saved (editors)."""
    from opmodel.interop.inventory_sheets import (
        load_column_mapping,
        read_inventory,
        read_inventory_book,
    )
    from opmodel.services.inventory import import_inventory

    if kind is None and tool is None:
        raise Refusal(422, "api.one_of", fields=["kind", "tool"])

    def use_case(model: OperatingModel, path: Path, source: str) -> Any:
        limit = settings.DATA_UPLOAD_MAX_MEMORY_SIZE
        columns = None
        if mapping.strip():
            spec = path.with_name("mapping.yaml")
            spec.write_text(mapping, encoding="utf-8")
            columns = load_column_mapping(spec)
        book = [read_inventory(path, sheet or None, source=source, max_bytes=limit)] \
            if tool is None or sheet else read_inventory_book(path, source=source,
                                                              max_bytes=limit)
        return import_inventory(model, book, kind.replace("-", "_") if kind else None,
                                dialect=tool, mapping=columns)

    return _import(request, ws, name, number, file, use_case, action="inventory_imported",
                   message=message, dry_run=dry_run)
