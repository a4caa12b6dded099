"""Comparing models of a workspace: a job whose result is exactly the JSON that
``opmodel compare --format json`` prints for the same models."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from ninja import Router, Status

from opmodel.server.api.analyses import job_out, strict_options
from opmodel.server.api.schemas import JobOut, answers
from opmodel.server.compare import CompareRequest, start_compare
from opmodel.server.workspaces.access import require
from opmodel.server.workspaces.models import MemberRole

router = Router(tags=["analyses"])


@router.post("/workspaces/{ws}/compare", response=answers({202: JobOut}, 403, 404, 413, 422),
             operation_id="analysis_compare",
             summary="Models side by side: plan, fit, risks, checks, KPIs, changes.")
def compare_models(request: HttpRequest, ws: str, body: CompareRequest) -> Any:
    """Compare two to six models of the workspace (each at a revision, else its head), with
    the changes from a baseline when one is named; each is planned as ``plan`` plans it.
    Runs as a job (editors): follow it at /jobs/{id}; its result is what ``opmodel compare
    --format json`` prints."""
    workspace = require(request.user, ws, MemberRole.editor)
    named = strict_options(CompareRequest, body, request)
    return Status(202, job_out(start_compare(workspace, named, request.user)))
