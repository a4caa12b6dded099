"""A report job's options (the format, the reader's language, the options to compare with, how
the model is planned) and how a worker runs it: the same use case and renderer as
`opmodel report`, the file kept beside the job for download."""

from __future__ import annotations

import datetime as dt
from typing import Any, Literal

from pydantic import Field

from opmodel.engines.progress import ProgressCallback, StopCheck
from opmodel.server.jobs.comparison import MAX_OPTIONS, ModelAt
from opmodel.services.report import ReportOptions

REPORT_KIND = "report"


class ReportRequest(ReportOptions):
    """The executive report of a revision: its format, its language (default: the caller's),
    other models to compare it with (each at a revision, else its head), and how it is
    planned (as ``opmodel report``)."""

    format: Literal["html", "pdf", "pptx", "xlsx"] = "html"
    lang: Literal["ja", "en"] | None = None
    compare: list[ModelAt] = Field(default_factory=list, max_length=MAX_OPTIONS - 1)


def report_name(model: str, number: int, fmt: str) -> str:
    """The name a report is downloaded as: ``target-3-report.pdf``."""
    return f"{model}-{number}-report.{fmt}"


def run_report(job: Any, progress: ProgressCallback, should_stop: StopCheck) -> dict[str, Any]:
    """The report a job asks for, rendered and kept as the job's file; the job's result says
    what the file is and which sections it holds."""
    from opmodel.reports.renderers import MEDIA_TYPES, RenderOptions, renderer_for
    from opmodel.server.jobs.models import JobOutput
    from opmodel.server.measurements.store import DatabaseMeasurementStore
    from opmodel.server.surveys.answers import with_survey_answers
    from opmodel.server.workspaces.models import Revision
    from opmodel.server.workspaces.store import read
    from opmodel.services.report import build_report

    request = ReportRequest.model_validate(job.options)
    revision = job.revision
    # the answers sent through survey links count in the assessment, as on the pages
    document = with_survey_answers(revision.line, read(revision))
    others = [read(Revision.objects.get(line__workspace=job.workspace, line__name=o.model,
                                        number=o.revision)) for o in request.compare]
    options = ReportOptions.model_validate(
        request.model_dump(exclude={"format", "lang", "compare"}))
    contents = build_report(document, options, compare_with=others,
                            store=DatabaseMeasurementStore(job.workspace),
                            today=dt.date.today(), progress=progress, should_stop=should_stop)
    render = renderer_for(request.format)
    assert render is not None  # every format of the request's has a renderer
    data = render(contents, request.lang or "en", RenderOptions())
    name = report_name(revision.line.name, revision.number, request.format)
    JobOutput.objects.update_or_create(job=job, defaults={
        "name": name, "media_type": MEDIA_TYPES[request.format], "data": data})
    return {"file": name, "format": request.format, "lang": request.lang, "bytes": len(data),
            "sections": [s.key for s in contents.sections]}


__all__ = ["REPORT_KIND", "ReportRequest", "report_name", "run_report"]
