"""Background jobs: where one stands, cancelling it, and its result."""

from __future__ import annotations

import uuid
from typing import Any

from django.http import HttpRequest, HttpResponse
from ninja import Router

from opmodel.reports.renderers import MEDIA_TYPES
from opmodel.server.analyses import stop_job
from opmodel.server.api.analyses import job_out
from opmodel.server.api.errors import ApiError
from opmodel.server.api.exchange import file_answer, files_declared
from opmodel.server.api.schemas import JobOut, answers
from opmodel.server.jobs.models import FINISHED, Job
from opmodel.server.workspaces.access import require
from opmodel.server.workspaces.models import MemberRole

router = Router(tags=["jobs"])


def _job(request: HttpRequest, ws: str, job_id: uuid.UUID) -> Job:
    workspace = require(request.user, ws)
    found = (Job.objects.select_related("revision__line")
             .filter(workspace=workspace, pk=job_id).first())
    if found is None:
        raise ApiError(404, "api.no_job", job=str(job_id))
    return found


@router.get("/workspaces/{ws}/jobs", response=answers({200: list[JobOut]}, 404))
def list_jobs(request: HttpRequest, ws: str) -> list[JobOut]:
    """The workspace's jobs, newest first (the last 100)."""
    workspace = require(request.user, ws)
    return [job_out(j) for j in Job.objects.select_related("revision__line")
            .filter(workspace=workspace)[:100]]


@router.get("/workspaces/{ws}/jobs/{job_id}", response=answers({200: JobOut}, 404, 422))
def get_job(request: HttpRequest, ws: str, job_id: uuid.UUID) -> JobOut:
    """Where a job stands: status, stage, progress."""
    return job_out(_job(request, ws, job_id))


@router.post("/workspaces/{ws}/jobs/{job_id}/cancel",
             response=answers({200: JobOut}, 403, 404, 413, 422))
def cancel_job(request: HttpRequest, ws: str, job_id: uuid.UUID) -> JobOut:
    """Ask a job to stop: it keeps the best answer found so far (editors and the job's
    author)."""
    job = _job(request, ws, job_id)
    if job.created_by_id != request.user.pk:
        require(request.user, ws, MemberRole.editor)
    return job_out(stop_job(job))


@router.get("/workspaces/{ws}/jobs/{job_id}/result",
            response=answers({200: dict[str, Any]}, 404, 409, 422))
def job_result(request: HttpRequest, ws: str, job_id: uuid.UUID) -> Any:
    """The result of a finished job (409 while it runs): the same JSON as the command."""
    from opmodel.services.results import to_json

    job = _job(request, ws, job_id)
    if job.status not in FINISHED or job.result is None:
        raise ApiError(409, "api.job_not_finished", status=job.status)
    return HttpResponse(to_json(job.result), content_type="application/json")


@router.get("/workspaces/{ws}/jobs/{job_id}/file",
            response=answers({200: dict[str, Any]}, 404, 409, 410, 422),
            openapi_extra=files_declared(*MEDIA_TYPES.values()))
def job_file(request: HttpRequest, ws: str, job_id: uuid.UUID) -> Any:
    """The file a finished job made (a report job's report, as ``opmodel report`` writes
    it), to download; 409 while the job runs, 404 for a job that makes no file, 410 once the
    file is no longer kept (``OPMODEL_JOB_FILES_DAYS`` after the job ended)."""
    from django.conf import settings

    from opmodel.server.jobs.models import JobOutput
    from opmodel.server.jobs.outputs import expired

    job = _job(request, ws, job_id)
    if expired(job):
        assert job.finished_at is not None
        raise ApiError(410, "api.job_file_expired", job=str(job_id),
                       finished=job.finished_at.date().isoformat(),
                       days=settings.OPMODEL_JOB_FILES_DAYS)
    output = JobOutput.objects.filter(job=job).first()
    if output is None and job.status not in FINISHED:
        raise ApiError(409, "api.job_not_finished", status=job.status)
    if output is None:
        raise ApiError(404, "api.no_job_file", job=str(job_id))
    return file_answer(bytes(output.data), output.name, output.media_type)
