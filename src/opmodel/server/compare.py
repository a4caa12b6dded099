"""Comparing models of a workspace as a background job: the options named by model and
revision, resolved when the job is asked for (so that it compares what the caller saw), and
compared by the same use case as `opmodel compare`."""

from __future__ import annotations

import datetime as dt
from typing import Any

from pydantic import BaseModel, Field

from opmodel.engines.progress import ProgressCallback, StopCheck
from opmodel.server.api.schemas import MAX_ID
from opmodel.services.compare import CompareOptions, Comparison, compare

COMPARE_KIND = "compare"
MAX_OPTIONS = 6  # each is a whole plan: a job of a bounded length


class ModelAt(BaseModel):
    """A model of the workspace at a revision (its head when none is named)."""

    model: str = Field(pattern=r"^[a-z0-9]+(?:[-_.][a-z0-9]+)*$", max_length=120)
    revision: int | None = Field(default=None, ge=1, le=MAX_ID)


class CompareRequest(CompareOptions):
    """The options to compare, the baseline they change, and how each is planned (as
    ``opmodel plan``)."""

    options: list[ModelAt] = Field(min_length=2, max_length=MAX_OPTIONS)
    baseline: ModelAt | None = None


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


def run_compare(job: Any, progress: ProgressCallback, should_stop: StopCheck) -> Comparison:
    """The comparison a job asks for, on the revisions it named."""
    from opmodel.server.workspaces.models import Revision
    from opmodel.server.workspaces.store import read

    request = CompareRequest.model_validate(job.options)

    def document(found: ModelAt) -> Any:
        revision = Revision.objects.get(line__workspace=job.workspace, line__name=found.model,
                                        number=found.revision)
        return read(revision)

    settings = CompareOptions.model_validate(
        request.model_dump(exclude={"options", "baseline"}))
    return compare([document(o) for o in request.options],
                   document(request.baseline) if request.baseline else None, settings,
                   today=dt.date.today(), progress=progress, should_stop=should_stop)
