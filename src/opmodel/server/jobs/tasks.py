"""Running a job in a worker: the analysis called with a progress callback that records where
it stands, and a stop check that reads the job's cancel flag."""

from __future__ import annotations

import datetime as dt
import time
import traceback
from typing import Any

from django.utils import timezone
from django_tasks import task

from opmodel.document.problems import DocumentError
from opmodel.engines.progress import Progress
from opmodel.server.jobs.models import Job, JobStatus

PROGRESS_EVERY = 0.5  # seconds between two progress writes
STOP_EVERY = 0.5  # seconds between two reads of the cancel flag


class _Watch:
    """The job's progress, written at most every half second, and its cancel flag, read as
    often."""

    def __init__(self, job: Job) -> None:
        self.job = job
        self.written = 0.0
        self.read = 0.0
        self.cancelled = False

    def progress(self, found: Progress) -> None:
        now = time.monotonic()
        if now - self.written < PROGRESS_EVERY and found.fraction < 1.0:
            return
        self.written = now
        detail = found.detail.model_dump(mode="json") if found.detail is not None else None
        Job.objects.filter(pk=self.job.pk).update(stage=found.stage, fraction=found.fraction,
                                                  detail=detail)

    def should_stop(self) -> bool:
        now = time.monotonic()
        if not self.cancelled and now - self.read >= STOP_EVERY:
            self.read = now
            self.cancelled = Job.objects.filter(pk=self.job.pk,
                                                cancel_requested=True).exists()
        return self.cancelled


def execute(job: Job) -> None:
    """Run ``job`` to its end here and record its outcome (used by the worker's task, and
    directly where no worker runs)."""
    from opmodel.server.measurements.store import DatabaseMeasurementStore
    from opmodel.server.workspaces.store import read
    from opmodel.services.catalog import analysis
    from opmodel.services.results import to_data

    if job.cancel_requested:
        Job.objects.filter(pk=job.pk).update(status=JobStatus.cancelled,
                                             finished_at=timezone.now())
        return
    Job.objects.filter(pk=job.pk).update(status=JobStatus.running, started_at=timezone.now())
    watch = _Watch(job)
    try:
        found = analysis(job.kind)
        options = found.options.model_validate(job.options) if found.options else None
        assert job.revision is not None
        model = read(job.revision)
        result = found.run(model, options, today=dt.date.today(),
                           store=DatabaseMeasurementStore(job.workspace),
                           progress=watch.progress, should_stop=watch.should_stop)
    except DocumentError as exc:
        _finish(job, JobStatus.failed, error={"problems": [p.as_data() for p in exc.problems]})
        return
    except Exception as exc:  # a bug: recorded for the owner, the worker goes on
        _finish(job, JobStatus.failed, error={
            "code": "job.internal_error", "params": {"kind": type(exc).__name__},
            "trace": traceback.format_exc(limit=8)})
        return
    status = JobStatus.cancelled if watch.cancelled else JobStatus.succeeded
    _finish(job, status, result=to_data(result))


def _finish(job: Job, status: str, *, result: Any = None, error: Any = None) -> None:
    Job.objects.filter(pk=job.pk).update(status=status, result=result, error=error,
                                         fraction=1.0 if status == JobStatus.succeeded else
                                         Job.objects.get(pk=job.pk).fraction,
                                         finished_at=timezone.now())


@task()
def run_job(job_id: str) -> None:
    """The worker's entry: run one job by its id (the worker itself drops dead or expired
    connections between tasks)."""
    job = Job.objects.select_related("revision", "workspace").filter(pk=job_id).first()
    if job is None or job.status != JobStatus.queued:
        return
    execute(job)
