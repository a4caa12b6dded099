"""Running an analysis of the catalogue on a stored revision, now or as a background job, and
cancelling a job: the one way the API and the pages do it (the survey answers of a model's
links count in its assessment)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from opmodel.server.measurements.store import DatabaseMeasurementStore
from opmodel.server.surveys.answers import with_survey_answers
from opmodel.server.workspaces import store
from opmodel.services.catalog import analysis


def run_now(name: str, workspace: Any, revision: Any, options: Any = None) -> Any:
    """The result of the analysis ``name`` on ``revision`` (DocumentError when the revision
    does not meet its preconditions)."""
    found = analysis(name)
    document = store.read(revision)
    if found.name == "assess":  # answers sent through survey links live beside the document
        document = with_survey_answers(revision.line, document)
    return found.run(document, options, today=dt.date.today(),
                     store=DatabaseMeasurementStore(workspace))


def start_job(name: str, workspace: Any, revision: Any, options: Any, user: Any) -> Any:
    """A background job running the analysis ``name`` on ``revision``, queued for a worker."""
    from opmodel.server.jobs.models import Job
    from opmodel.server.jobs.tasks import run_job

    job = Job.objects.create(workspace=workspace, revision=revision, kind=name,
                             options=options.model_dump(mode="json") if options else {},
                             created_by=user)
    run_job.enqueue(str(job.id))
    job.refresh_from_db()
    return job


def stop_job(job: Any) -> Any:
    """Ask ``job`` to stop (a queued one is cancelled at once); the job as it is now."""
    from opmodel.server.jobs.models import FINISHED, Job, JobStatus

    if job.status not in FINISHED:
        Job.objects.filter(pk=job.pk).update(cancel_requested=True)
        if job.status == JobStatus.queued:
            Job.objects.filter(pk=job.pk, status=JobStatus.queued).update(
                status=JobStatus.cancelled)
    job.refresh_from_db()
    return job
