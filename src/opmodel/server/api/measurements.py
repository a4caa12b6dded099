"""KPI measurements: bulk upload (CSV, XLSX, or JSON rows) checked against a model's KPIs,
all or nothing, through the same import as ``opmodel kpi import``."""

from __future__ import annotations

import tempfile
from pathlib import Path
from typing import Any

from django.http import HttpRequest, HttpResponse
from ninja import File, Form, Router
from ninja.errors import HttpError
from ninja.files import UploadedFile

from opmodel.server.api.models import line_of, revision_of
from opmodel.server.api.schemas import ErrorBody, MeasurementsOut, answers
from opmodel.server.audit.log import record
from opmodel.server.measurements.models import Measurement
from opmodel.server.measurements.store import DatabaseMeasurementStore
from opmodel.server.workspaces import store
from opmodel.server.workspaces.access import require
from opmodel.server.workspaces.models import MemberRole

router = Router(tags=["measurements"])
SUFFIXES = (".csv", ".xlsx", ".gz")


@router.get("/workspaces/{ws}/measurements", response=answers({200: MeasurementsOut}, 404))
def measurements(request: HttpRequest, ws: str) -> MeasurementsOut:
    """How many measurements the workspace holds, and of which KPIs."""
    workspace = require(request.user, ws)
    rows = Measurement.objects.filter(workspace=workspace)
    return MeasurementsOut(count=rows.count(),
                           kpis=sorted(set(rows.values_list("kpi", flat=True).distinct())))


@router.post("/workspaces/{ws}/models/{name}/revisions/{number}/measurements",
             response=answers({200: dict[str, Any]}, 400, 403, 404, 413, 415, 422,
                              bodies={400: ErrorBody | dict[str, Any]}))
def upload_measurements(request: HttpRequest, ws: str, name: str, number: int,
                        file: File[UploadedFile],
                        mapping: Form[str] = "", skip_invalid: Form[bool] = False,
                        decimal_comma: Form[bool] = False,
                        dayfirst: Form[bool | None] = None) -> Any:
    """Import a CSV (UTF-8, BOM or CP932) or XLSX file of measurements for the KPIs of this
    revision: every row checked, nothing stored when a row is wrong (unless
    ``skip_invalid``). ``mapping`` is ``FIELD=COLUMN`` pairs, comma-separated (editors)."""
    from opmodel.interop.measurements import parse_column_pairs, read_measurements
    from opmodel.services.kpi import import_measurements
    from opmodel.services.results import to_json

    workspace = require(request.user, ws, MemberRole.editor)
    revision = revision_of(line_of(workspace, name), number)
    suffix = Path(file.name or "").suffix.lower()
    if suffix not in SUFFIXES:
        raise HttpError(415, "upload a .csv or .xlsx file")
    columns = parse_column_pairs([p for p in mapping.split(",") if p.strip()])
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / f"upload{suffix}"
        with open(path, "wb") as out:
            for chunk in file.chunks():
                out.write(chunk)
        parsed = read_measurements(path, columns, decimal_comma=decimal_comma,
                                   dayfirst=dayfirst)
    result = import_measurements(store.read(revision), parsed,
                                 DatabaseMeasurementStore(workspace), skip_invalid=skip_invalid)
    record("measurements_imported", request=request, workspace=workspace,
           target=file.name or "", rows=result.rows, imported=result.imported)
    return HttpResponse(to_json(result), content_type="application/json",
                        status=200 if result.imported or not result.issues else 400)
