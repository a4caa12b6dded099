"""Uploads of step 6 in the browser: KPI measurements (CSV or XLSX, all or nothing, each bad
row's problem shown by row and column; the import the API and ``opmodel kpi import`` run) and
an incident event log read through a column mapping form into the ITSM KPIs (``opmodel kpi
itsm``'s use case; nothing is stored)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from pydantic import ValidationError

from opmodel.server.pages.forms import field_errors, message, row_issues
from opmodel.server.pages.views import line_of, member_of
from opmodel.server.workspaces.access import RANK
from opmodel.server.workspaces.models import MemberRole

MEASUREMENT_FORMATS = (".csv", ".csv.gz", ".xlsx")
ITSM_FIELDS = ("case", "timestamp", "state", "resolved_states", "group", "priority",
               "opened_at", "sla_met")
TOP_GROUPS = 15  # assignment groups shown, most cases first


@login_required
def kpi_upload(request: HttpRequest, ws: str, name: str) -> HttpResponse:
    """Upload a file of measurements for the KPIs of the model's latest revision (editors):
    nothing is stored when a row is wrong, and each wrong row is named; a large file is
    stored by a job."""
    from opmodel.interop.tables import TableError
    from opmodel.server.jobs.uploads import queue_import
    from opmodel.server.measurements.imports import (
        JOB_THRESHOLD,
        ImportOptions,
        import_chunks,
        upload_format,
    )

    member = member_of(request, ws)
    line = line_of(member, name)
    may_edit = RANK[MemberRole(member.role)] >= RANK[MemberRole.editor]
    context: dict[str, Any] = {"workspace": member.workspace, "role": member.role,
                               "line": line, "may_edit": may_edit,
                               "accepted": ", ".join(MEASUREMENT_FORMATS)}
    if request.method != "POST":
        return render(request, "pages/kpi_upload.html", context)
    if not may_edit:
        raise PermissionDenied
    upload = request.FILES.get("file")
    filename = upload.name if upload is not None and upload.name else ""
    if upload is None or upload_format(filename) not in MEASUREMENT_FORMATS:
        context["refused"] = message("page.upload.choose_file", accepted=context["accepted"])
        return render(request, "pages/kpi_upload.html", context, status=400)
    dayfirst = {"yes": True, "no": False}.get(request.POST.get("dayfirst", ""))
    options = ImportOptions(decimal_comma=bool(request.POST.get("decimal_comma")),
                            dayfirst=dayfirst)
    large = (upload.size or 0) > JOB_THRESHOLD
    data = upload.read() if large else None
    try:
        result = import_chunks([data] if data is not None else upload.chunks(), filename,
                               member.workspace, line.head, options, trial=large)
    except TableError as exc:
        context["refused"] = exc.message
        return render(request, "pages/kpi_upload.html", context, status=400)
    if result.issues and not result.imported:
        context.update(rejected=result, issues=row_issues(result.issues))
        return render(request, "pages/kpi_upload.html", context, status=400)
    if data is not None:
        job = queue_import(member.workspace, line.head, filename, data, options, request.user)
        return redirect("job", ws=ws, job_id=job.pk)
    from opmodel.server.audit.log import record

    record("measurements_imported", request=request, workspace=member.workspace,
           target=filename, rows=result.rows, imported=result.imported)
    context.update(imported=result, notes=row_issues(result.notes))
    return render(request, "pages/kpi_upload.html", context)


def _default_mapping() -> dict[str, str]:
    """The form filled for a ServiceNow export (the mapping shipped as an example)."""
    import opmodel
    from opmodel.interop.itsm_log import load_mapping

    found = load_mapping(Path(opmodel.__file__).parent / "examples"
                         / "itsm-mapping.servicenow.yaml")
    values = {k: v for k, v in found.columns().items()}
    values["resolved_states"] = ", ".join(found.resolved_states)
    values["dayfirst"] = "on" if found.dayfirst else ""
    return values


@login_required
def itsm_upload(request: HttpRequest, ws: str, name: str) -> HttpResponse:
    """Upload an incident event log with a form mapping its columns to the fields the ITSM
    KPIs need; shows the KPIs overall, by priority and by assignment group (nothing is
    stored, so any member may)."""
    from opmodel.interop.itsm_log import ItsmMapping, read_event_log
    from opmodel.interop.tables import TableError
    from opmodel.server.measurements.imports import spooled, upload_format
    from opmodel.services.kpi import itsm

    member = member_of(request, ws)
    line = line_of(member, name)
    context: dict[str, Any] = {"workspace": member.workspace, "role": member.role,
                               "line": line, "fields": ITSM_FIELDS, "errors": {}}
    if request.method != "POST":
        context["values"] = _default_mapping()
        return render(request, "pages/itsm_upload.html", context)
    values = {f: request.POST.get(f, "").strip() for f in ITSM_FIELDS}
    values["dayfirst"] = "on" if request.POST.get("dayfirst") else ""
    context["values"] = values
    try:
        mapping = ItsmMapping.model_validate(_mapping_data(values))
    except ValidationError as exc:
        context["errors"] = field_errors(exc)
        return render(request, "pages/itsm_upload.html", context, status=400)
    upload = request.FILES.get("file")
    suffix = upload_format(upload.name or "") if upload is not None else None
    if upload is None or suffix not in (".csv", ".csv.gz"):
        context["errors"] = {"file": message("page.upload.choose_file",
                                              accepted=".csv, .csv.gz")}
        return render(request, "pages/itsm_upload.html", context, status=400)
    try:
        with spooled(upload.chunks(), suffix) as path:
            result = itsm(read_event_log(path, mapping, source=upload.name), mapping)
    except TableError as exc:
        key = exc.message.params.get("key")
        context["errors"] = {key if key in ITSM_FIELDS else "file": exc.message}
        return render(request, "pages/itsm_upload.html", context, status=400)
    groups = sorted(result.by_group.items(), key=lambda kv: -kv[1].cases)
    context.update(result=result, source=upload.name, groups=groups[:TOP_GROUPS],
                   more_groups=max(0, len(groups) - TOP_GROUPS),
                   peak=max(result.backlog, key=lambda w: w.open, default=None))
    return render(request, "pages/itsm_upload.html", context)


def _mapping_data(values: dict[str, str]) -> dict[str, Any]:
    """The mapping the form describes: blank optional fields left out, the resolved states
    comma-separated."""
    data: dict[str, Any] = {k: v for k, v in values.items()
                            if v and k not in ("resolved_states", "dayfirst")}
    data["resolved_states"] = [s.strip() for s in values["resolved_states"].split(",")
                               if s.strip()]
    data["dayfirst"] = bool(values.get("dayfirst"))
    return data
