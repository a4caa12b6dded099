"""Comparing models of a workspace as a background job: the options named by model and
revision, resolved when the job is asked for (so that it compares what the caller saw); the
worker runs it as `opmodel compare` (``jobs/comparison.py``)."""

from __future__ import annotations

from typing import Any

from opmodel.server.jobs.comparison import COMPARE_KIND, CompareRequest, ModelAt

__all__ = ["CompareRequest", "resolve", "start_compare"]


def resolve(workspace: Any, request: CompareRequest) -> tuple[CompareRequest, list[Any]]:
    """The request with every revision named (a head is read now), and the revisions of the
    options; an unknown model or revision is a 404 (ApiError)."""
    from opmodel.server.api.models import line_of, revision_of

    def at(found: ModelAt) -> tuple[ModelAt, Any]:
        line = line_of(workspace, found.model)
        revision = (revision_of(line, found.revision) if found.revision is not None
                    else line.head)
        return ModelAt(model=found.model, revision=revision.number), revision

    options = [at(o) for o in request.options]
    baseline = at(request.baseline)[0] if request.baseline else None
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
