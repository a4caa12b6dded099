"""A comparison job's options (the models to compare, named by revision, and how each is
planned) and how a worker runs it: the same use case as `opmodel compare`."""

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
