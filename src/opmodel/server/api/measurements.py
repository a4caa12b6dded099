"""KPI measurements: bulk upload (CSV, XLSX, or JSON rows) checked against a model's KPIs,
all or nothing, through the same import as ``opmodel kpi import``; a large file as a job."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest, HttpResponse, JsonResponse
from ninja import File, Form, Router, Status
from ninja.files import UploadedFile

from opmodel.server.api.analyses import job_out
from opmodel.server.api.errors import Refusal, language
from opmodel.server.api.models import line_of, revision_of
from opmodel.server.api.schemas import (
    ErrorBody,
    JobOut,
    MeasurementsOut,
    RevisionNumber,
    RowsRejectedBody,
    answers,
)
from opmodel.server.audit.log import record
from opmodel.server.jobs.uploads import queue_import
from opmodel.server.measurements.imports import (
    FORMATS,
    JOB_THRESHOLD,
    ImportOptions,
    import_chunks,
    rejection,
    upload_format,
)
from opmodel.server.measurements.models import Measurement
from opmodel.server.workspaces.access import require
from opmodel.server.workspaces.models import MemberRole

router = Router(tags=["measurements"])


@router.get("/workspaces/{ws}/measurements", response=answers({200: MeasurementsOut}, 404))
def measurements(request: HttpRequest, ws: str) -> MeasurementsOut:
    """How many measurements the workspace holds, and of which KPIs."""
    workspace = require(request.user, ws)
    rows = Measurement.objects.filter(workspace=workspace)
    return MeasurementsOut(count=rows.count(),
                           kpis=sorted(set(rows.values_list("kpi", flat=True).distinct())))


@router.post("/workspaces/{ws}/models/{name}/revisions/{number}/measurements",
             response=answers({200: dict[str, Any], 202: JobOut}, 400, 403, 404, 413, 415, 422,
                              bodies={400: ErrorBody | RowsRejectedBody}))
def upload_measurements(request: HttpRequest, ws: str, name: str, number: RevisionNumber,
                        file: File[UploadedFile],
                        mapping: Form[str] = "", skip_invalid: Form[bool] = False,
                        decimal_comma: Form[bool] = False,
                        dayfirst: Form[bool | None] = None) -> Any:
    """Import a CSV (UTF-8, BOM or CP932; or .csv.gz), XLSX or JSON-rows file of
    measurements for the KPIs of this revision: every row checked, nothing stored when a row
    is wrong (unless ``skip_invalid``). ``mapping`` is ``FIELD=COLUMN`` pairs,
    comma-separated. A file over 512 KB is read and checked here, then stored by a
    background job: 202 with the job to follow (editors)."""
    from opmodel.interop.measurements import parse_column_pairs
    from opmodel.services.results import to_json

    workspace = require(request.user, ws, MemberRole.editor)
    revision = revision_of(line_of(workspace, name), number)
    filename = file.name or "upload"
    if upload_format(filename) is None:
        raise Refusal(415, "api.unsupported_file", file=filename, accepted=", ".join(FORMATS))
    options = ImportOptions(mapping=parse_column_pairs(p for p in mapping.split(",")
                                                       if p.strip()),
                            skip_invalid=skip_invalid, decimal_comma=decimal_comma,
                            dayfirst=dayfirst)
    large = (file.size or 0) > JOB_THRESHOLD
    data = file.read() if large else None
    # a large file is read and checked here too: a bad file or bad rows are answered at once
    result = import_chunks([data] if data is not None else file.chunks(), filename,
                           workspace, revision, options, trial=large)
    rejected = bool(result.issues) and not result.imported
    if data is not None and not rejected:
        return Status(202, job_out(queue_import(workspace, revision, filename, data, options,
                                                request.user)))
    if rejected:
        return JsonResponse(rejection(result, language(request)), status=400,
                            json_dumps_params={"ensure_ascii": False})
    if result.imported:
        record("measurements_imported", request=request, workspace=workspace,
               target=filename, rows=result.rows, imported=result.imported)
    return HttpResponse(to_json(result), content_type="application/json")
