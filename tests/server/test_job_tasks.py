"""A job's threads leave no database connection open: the threads of an analysis that poll
``should_stop`` and report progress close theirs as soon as they have asked, and the worker
closes its own when the job ends (beyond CONN_MAX_AGE)."""

from __future__ import annotations

import threading
from typing import Any

import pytest

pytestmark = pytest.mark.django_db(transaction=True)


def _in_thread(work: Any) -> dict[str, Any]:
    """Run ``work()`` in a new thread; what it returned and whether the thread's connection
    was still open when it ended."""
    from django.db import connection

    seen: dict[str, Any] = {}

    def run() -> None:
        seen["result"] = work()
        seen["open"] = connection.connection is not None

    thread = threading.Thread(target=run)
    thread.start()
    thread.join()
    return seen


def test_a_solver_thread_polling_should_stop_closes_its_connection(workspace: Any) -> None:
    from django.db import connection

    from opmodel.engines.progress import Progress
    from opmodel.server.jobs.models import Job
    from opmodel.server.jobs.tasks import _Watch

    job = Job.objects.create(workspace=workspace, kind="plan")
    watch = _Watch(job)
    asked = _in_thread(watch.should_stop)
    assert asked == {"result": False, "open": False}
    reported = _in_thread(lambda: watch.progress(Progress("solving", 1.0)))
    assert reported["open"] is False
    job.refresh_from_db()
    assert (job.stage, job.fraction) == ("solving", 1.0)  # written before closing

    Job.objects.filter(pk=job.pk).update(cancel_requested=True)
    watch.read = 0.0
    assert _in_thread(watch.should_stop) == {"result": True, "open": False}
    watch.read = 0.0
    assert watch.should_stop() and connection.connection is not None  # the job's own thread


def test_the_worker_closes_its_connection_after_a_job(workspace: Any) -> None:
    from django.db import connections

    from opmodel.server.jobs.models import Job, JobStatus
    from opmodel.server.jobs.tasks import run_job

    job = Job.objects.create(workspace=workspace, kind="check",
                             revision=workspace.models.get(name="target").head)
    kept = {alias: connections[alias].settings_dict["CONN_MAX_AGE"] for alias in connections}
    for alias in connections:  # as on SQLite: no connection outlives its use
        connections[alias].settings_dict["CONN_MAX_AGE"] = 0
    try:
        done = _in_thread(lambda: run_job.call(str(job.pk)))
    finally:
        for alias, age in kept.items():
            connections[alias].settings_dict["CONN_MAX_AGE"] = age
    assert done["open"] is False
    job.refresh_from_db()
    assert job.status == JobStatus.succeeded


def test_a_new_stage_is_written_at_once(workspace: Any) -> None:
    from opmodel.engines.progress import Progress
    from opmodel.server.jobs.models import Job
    from opmodel.server.jobs.tasks import _Watch

    job = Job.objects.create(workspace=workspace, kind="kpi-import")
    watch = _Watch(job)
    for stage, fraction in (("reading", 0.0), ("reading", 0.1), ("storing", 0.5)):
        watch.progress(Progress(stage, fraction))
    job.refresh_from_db()
    assert (job.stage, job.fraction) == ("storing", 0.5)  # within half a second
