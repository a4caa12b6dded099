"""Running an analysis of the catalogue on a stored revision, now or as a background job, and
cancelling a job: the one way the API and the pages do it (the survey answers of a model's
links count in its assessment); the analyses that read the document alone kept per revision."""

from __future__ import annotations

import datetime as dt
import threading
from collections import OrderedDict
from typing import Any

from opmodel.server.measurements.store import DatabaseMeasurementStore
from opmodel.server.surveys.answers import with_survey_answers
from opmodel.server.workspaces import store
from opmodel.server.workspaces.cache import building_whole_documents
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


KEPT = 8  # results kept per process (a large model's check and review: 100,000 objects each)
_KEPT: OrderedDict[tuple[str, int, str], Any] = OrderedDict()
_KEPT_LOCK = threading.Lock()
DOCUMENT_ALONE = ("check", "design")  # analyses whose result depends on the document only


def run_once(name: str, workspace: Any, revision: Any) -> Any:
    """The result of ``run_now(name, …)`` on ``revision`` for an analysis of the document
    alone (``check``, ``design``), run once per revision and process: a revision never
    changes (its id and content hash are the key), so the model page and the five design
    pages of one revision share one run, and a new revision is always analysed afresh."""
    if name not in DOCUMENT_ALONE:
        raise ValueError(f"{name} reads more than the document")
    key = (name, revision.pk, revision.content_hash)
    with _KEPT_LOCK:
        found = _KEPT.get(key)
        if found is not None:
            _KEPT.move_to_end(key)
            return found
    # kept for long and large (a large model's check: 7,500 findings), so built as documents
    # are: the cyclic collector neither runs during the build nor walks the result afterwards
    with building_whole_documents():
        found = run_now(name, workspace, revision)
    with _KEPT_LOCK:
        _KEPT[key] = found
        while len(_KEPT) > KEPT:
            _KEPT.popitem(last=False)
    return found


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
