"""One endpoint per analysis of ``services.catalog``: the result is exactly the JSON that
``opmodel <command> --format json`` prints for the same revision; the long ones answer 202
with a job to follow."""

from typing import Any

import pydantic
from django.http import HttpRequest, HttpResponse
from ninja import Router, Status
from ninja.errors import ValidationError

from opmodel.server.analyses import run_now, start_job
from opmodel.server.api.models import line_of, revision_of
from opmodel.server.api.schemas import JobOut, RevisionNumber, answers
from opmodel.server.jobs.models import Job
from opmodel.server.workspaces.access import require
from opmodel.server.workspaces.models import MemberRole
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
    # a job is written and takes a worker's time: editors start one, every member reads
    workspace = require(request.user, ws, MemberRole.editor if found.long else MemberRole.viewer)
    revision = revision_of(line_of(workspace, name), number)
    if found.long:
        return Status(202, job_out(start_job(found.name, workspace, revision, options,
                                             request.user)))
    result = run_now(found.name, workspace, revision, options)
    return HttpResponse(to_json(result), content_type="application/json")


def strict_options(options_type: type[pydantic.BaseModel], options: Any,
                   request: HttpRequest) -> Any:
    """The options read again from the body, as JSON and strictly: django-ninja validates the
    parsed body in pydantic's lax mode, where ``0`` is a date and ``false`` a number of
    seconds; a body that is not what the schema says answers 422."""
    if options is None or not request.body:
        return options
    try:
        return options_type.model_validate_json(request.body, strict=True)
    except pydantic.ValidationError as exc:
        raise ValidationError([{"loc": ("body", "options", *e["loc"]), "type": e["type"],
                                "msg": e["msg"]} for e in exc.errors(include_url=False)]
                              ) from None


def _register(router: Router, found: Analysis) -> None:
    if found.long:
        responses = answers({202: JobOut}, 400, 403, 404, 413, 422)
    else:
        responses = answers({200: found.result}, 400, 404, 413, 422)
    options_type = found.options

    if options_type is None:
        def endpoint(request: HttpRequest, ws: str, name: str, number: RevisionNumber) -> Any:
            return _run(found, request, ws, name, number, None)
    else:
        def endpoint(request: HttpRequest, ws: str, name: str,  # type: ignore[misc]
                     number: RevisionNumber,
                     options: options_type = None) -> Any:  # type: ignore[valid-type]
            return _run(found, request, ws, name, number,
                        strict_options(options_type, options, request))

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
