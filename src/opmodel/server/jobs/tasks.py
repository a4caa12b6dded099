"""Running a job in a worker: the analysis (or the import of an uploaded file) called with a
progress callback that records where it stands, and a stop check that reads the job's cancel
flag; every database connection the job opened is closed when it ends."""

from __future__ import annotations

import datetime as dt
import threading
import time
import traceback
from typing import Any

from django.db import close_old_connections, connections
from django.utils import timezone
from django_tasks import task

from opmodel.document.problems import DocumentError
from opmodel.engines.progress import Progress
from opmodel.server.jobs.models import Job, JobFile, JobStatus
from opmodel.server.jobs.outputs import prune_job_files
from opmodel.server.measurements.imports import IMPORT_KIND

PROGRESS_EVERY = 0.5  # seconds between two progress writes
STOP_EVERY = 0.5  # seconds between two reads of the cancel flag


class _Watch:
    """The job's progress, written at most every half second, and its cancel flag, read as
    often.

    Both may be called from threads of the analysis (a solver's watcher polls
    ``should_stop``, its callbacks report progress): Django opens a connection for each
    thread that queries, and only the job's own thread is cleaned up after, so another
    thread closes its connection as soon as it has asked.
    """

    def __init__(self, job: Job) -> None:
        self.job = job
        self.owner = threading.get_ident()
        self.written = 0.0
        self.stage = ""
        self.read = 0.0
        self.cancelled = False

    def _done(self) -> None:
        if threading.get_ident() != self.owner:
            connections.close_all()

    def progress(self, found: Progress) -> None:
        now = time.monotonic()
        if now - self.written < PROGRESS_EVERY and found.fraction < 1.0 \
                and found.stage == self.stage:
            return  # a new stage is always written: a short one would not be seen
        self.written = now
        self.stage = found.stage
        detail = found.detail.model_dump(mode="json") if found.detail is not None else None
        try:
            Job.objects.filter(pk=self.job.pk).update(stage=found.stage,
                                                      fraction=found.fraction, detail=detail)
        finally:
            self._done()

    def should_stop(self) -> bool:
        now = time.monotonic()
        if not self.cancelled and now - self.read >= STOP_EVERY:
            self.read = now
            try:
                self.cancelled = Job.objects.filter(pk=self.job.pk,
                                                    cancel_requested=True).exists()
            finally:
                self._done()
        return self.cancelled


def execute(job: Job) -> None:
    """Run ``job`` to its end here and record its outcome (used by the worker's task, and
    directly where no worker runs)."""
    from opmodel.server.jobs.comparison import COMPARE_KIND, run_compare
    from opmodel.server.jobs.report import REPORT_KIND, run_report
    from opmodel.server.measurements.store import DatabaseMeasurementStore
    from opmodel.server.workspaces.store import read
    from opmodel.services.catalog import analysis
    from opmodel.services.results import to_data

    if job.cancel_requested:
        Job.objects.filter(pk=job.pk).update(status=JobStatus.cancelled,
                                             finished_at=timezone.now())
        return
    Job.objects.filter(pk=job.pk).update(status=JobStatus.running, started_at=timezone.now())
    prune_job_files()  # the housekeeping of report files: no other process to schedule
    watch = _Watch(job)
    if job.kind == IMPORT_KIND:
        _import(job, watch)
        return
    try:
        if job.kind == COMPARE_KIND:  # several revisions, named in the options
            result: Any = run_compare(job, watch.progress, watch.should_stop)
        elif job.kind == REPORT_KIND:  # the file is kept beside the job, the result names it
            result = run_report(job, watch.progress, watch.should_stop)
        else:
            found = analysis(job.kind)
            options = found.options.model_validate(job.options) if found.options else None
            assert job.revision is not None
            result = found.run(read(job.revision), options, today=dt.date.today(),
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


def _import(job: Job, watch: _Watch) -> None:
    """Import the job's uploaded file; the file is deleted whatever the outcome."""
    from opmodel.interop.tables import TableError
    from opmodel.server.audit.log import record
    from opmodel.server.measurements.imports import ImportOptions, import_chunks
    from opmodel.services.results import to_data

    upload = JobFile.objects.filter(job=job).first()
    try:
        if upload is None:  # deleted with its job's workspace, or run twice
            _finish(job, JobStatus.failed, error={"code": "job.no_file", "params": {}})
            return
        result = import_chunks([bytes(upload.data)], upload.name, job.workspace,
                               job.revision, ImportOptions.model_validate(job.options),
                               progress=watch.progress)
    except TableError as exc:
        _finish(job, JobStatus.failed, error={"code": exc.message.code,
                                              "params": exc.message.params})
        return
    except Exception as exc:  # a bug: recorded for the owner, the worker goes on
        _finish(job, JobStatus.failed, error={
            "code": "job.internal_error", "params": {"kind": type(exc).__name__},
            "trace": traceback.format_exc(limit=8)})
        return
    finally:
        JobFile.objects.filter(job=job).delete()
    if result.imported:
        record("measurements_imported", actor=job.created_by, workspace=job.workspace,
               target=upload.name, rows=result.rows, imported=result.imported, job=str(job.pk))
    _finish(job, JobStatus.succeeded, result=to_data(result))


def _finish(job: Job, status: str, *, result: Any = None, error: Any = None) -> None:
    Job.objects.filter(pk=job.pk).update(status=status, result=result, error=error,
                                         fraction=1.0 if status == JobStatus.succeeded else
                                         Job.objects.get(pk=job.pk).fraction,
                                         finished_at=timezone.now())


@task()
def run_job(job_id: str) -> None:
    """The worker's entry: run one job by its id; the connections it used are closed after
    (or kept for the next job, within CONN_MAX_AGE)."""
    _release()
    try:
        job = Job.objects.select_related("revision", "workspace", "created_by") \
            .filter(pk=job_id).first()
        if job is None or job.status != JobStatus.queued:
            return
        execute(job)
    finally:
        _release()


def _release() -> None:
    """Close this thread's connections that are broken or older than CONN_MAX_AGE, as
    Django does around a request; not inside a transaction (a job run by the request that
    queued it, with the immediate backend of the tests)."""
    if not any(c.in_atomic_block for c in connections.all(initialized_only=True)):
        close_old_connections()
