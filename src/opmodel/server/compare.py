"""Comparing models of a workspace, and the executive report of a revision, as background
jobs: the models named by model and revision, resolved when the job is asked for (so that it
uses what the caller saw); the worker runs them as `opmodel compare` and `opmodel report` do
(``jobs/comparison.py``, ``jobs/report.py``)."""

from __future__ import annotations

from typing import Any

from opmodel.server.jobs.comparison import COMPARE_KIND, CompareRequest, ModelAt
from opmodel.server.jobs.report import REPORT_KIND, ReportRequest

__all__ = ["CompareRequest", "ReportRequest", "model_at", "resolve", "start_compare",
           "start_report"]


def model_at(workspace: Any, found: ModelAt) -> tuple[ModelAt, Any]:
    """``found`` with its revision named (a head is read now), and that revision; an unknown
    model or revision is a 404 (ApiError)."""
    from opmodel.server.api.models import line_of, revision_of

    line = line_of(workspace, found.model)
    revision = (revision_of(line, found.revision) if found.revision is not None
                else line.head)
    return ModelAt(model=found.model, revision=revision.number), revision


def resolve(workspace: Any, request: CompareRequest) -> tuple[CompareRequest, list[Any]]:
    """The request with every revision named (a head is read now), and the revisions of the
    options; an unknown model or revision is a 404 (ApiError)."""
    options = [model_at(workspace, o) for o in request.options]
    baseline = model_at(workspace, request.baseline)[0] if request.baseline else None
    named = request.model_copy(update={"options": [o for o, _ in options],
                                       "baseline": baseline})
    return named, [r for _, r in options]


def start_compare(workspace: Any, request: CompareRequest, user: Any) -> Any:
    """A background job comparing the request's models, queued for a worker."""
    from opmodel.server.jobs.models import Job
    from opmodel.server.jobs.tasks import run_job

    named, revisions = resolve(workspace, request)
    job = Job.objects.create(workspace=workspace, revision=revisions[0], kind=COMPARE_KIND,
                             options=named.model_dump(mode="json"), created_by=user)
    run_job.enqueue(str(job.id))
    job.refresh_from_db()
    return job


def start_report(workspace: Any, revision: Any, request: ReportRequest, lang: str,
                 user: Any) -> Any:
    """A background job writing the executive report of ``revision`` in ``lang`` (unless the
    request names a language), compared with the request's models at their revisions now."""
    from opmodel.server.jobs.models import Job
    from opmodel.server.jobs.tasks import run_job

    named = request.model_copy(update={
        "lang": request.lang or lang,
        "compare": [model_at(workspace, o)[0] for o in request.compare]})
    job = Job.objects.create(workspace=workspace, revision=revision, kind=REPORT_KIND,
                             options=named.model_dump(mode="json"), created_by=user)
    run_job.enqueue(str(job.id))
    job.refresh_from_db()
    return job
