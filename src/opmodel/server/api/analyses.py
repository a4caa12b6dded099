"""One endpoint per analysis of ``services.catalog``: the result is exactly the JSON that
``opmodel <command> --format json`` prints for the same revision; the long ones answer 202
with a job to follow."""

from typing import Any

from django.http import HttpRequest, HttpResponse
from ninja import Router, Status

from opmodel.server.analyses import run_now, start_job
from opmodel.server.api.models import line_of, revision_of
from opmodel.server.api.schemas import ErrorBody, JobOut, ProblemsBody
from opmodel.server.jobs.models import Job
from opmodel.server.workspaces.access import require
from opmodel.services.catalog import Analysis, analyses
from opmodel.services.results import to_json

PATH = "/workspaces/{ws}/models/{name}/revisions/{number}/"


def job_out(job: Job) -> JobOut:
    """A job as the API shows it."""
    revision = job.revision
    return JobOut(id=str(job.id), kind=job.kind,
                  model=revision.line.name if revision else None,
                  revision=revision.number if revision else None, status=job.status,
                  stage=job.stage, fraction=job.fraction, detail=job.detail,
                  cancel_requested=job.cancel_requested, created_at=job.created_at,
                  started_at=job.started_at, finished_at=job.finished_at, error=job.error)


def _run(found: Analysis, request: HttpRequest, ws: str, name: str, number: int,
         options: Any) -> Any:
    workspace = require(request.user, ws)
    revision = revision_of(line_of(workspace, name), number)
    if found.long:
        return Status(202, job_out(start_job(found.name, workspace, revision, options,
                                             request.user)))
    result = run_now(found.name, workspace, revision, options)
    return HttpResponse(to_json(result), content_type="application/json")


def _register(router: Router, found: Analysis) -> None:
    responses: dict[int, Any] = {400: ProblemsBody, 404: ErrorBody}
    if found.long:
        responses[202] = JobOut
    else:
        responses[200] = found.result
    options_type = found.options

    if options_type is None:
        def endpoint(request: HttpRequest, ws: str, name: str, number: int) -> Any:
            return _run(found, request, ws, name, number, None)
    else:
        def endpoint(request: HttpRequest, ws: str, name: str, number: int,  # type: ignore[misc]
                     options: options_type = None) -> Any:  # type: ignore[valid-type]
            return _run(found, request, ws, name, number, options)

    endpoint.__name__ = f"analysis_{found.name.replace('-', '_')}"
    endpoint.__doc__ = found.summary + (" Runs as a job: follow it at /jobs/{id}."
                                        if found.long else "")
    router.post(PATH + found.name, response=responses, operation_id=endpoint.__name__,
                summary=found.summary)(endpoint)


def analyses_router() -> Router:
    """A router with an endpoint for every analysis of the catalogue."""
    router = Router(tags=["analyses"])
    for found in analyses():
        _register(router, found)
    return router
