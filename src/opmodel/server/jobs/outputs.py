"""How long a job's file (an executive report) is kept: ``OPMODEL_JOB_FILES_DAYS`` after the
job ended. The worker deletes the files past that each time it starts a job, so that report
files do not pile up in the database; a file past it is never sent, deleted or not."""

from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.utils import timezone

from opmodel.server.jobs.models import Job, JobOutput


def kept_since(now: dt.datetime | None = None) -> dt.datetime:
    """The end of a job after which its file is still kept."""
    return (now or timezone.now()) - dt.timedelta(days=settings.OPMODEL_JOB_FILES_DAYS)


def expired(job: Job, now: dt.datetime | None = None) -> bool:
    """Whether ``job`` made a file that is no longer kept (deleted, or due to be)."""
    made = isinstance(job.result, dict) and "file" in job.result
    return made and job.finished_at is not None and job.finished_at < kept_since(now)


def prune_job_files(now: dt.datetime | None = None) -> int:
    """Delete the files of the jobs that ended longer ago than they are kept; how many."""
    deleted, _ = JobOutput.objects.filter(job__finished_at__lt=kept_since(now)).delete()
    return deleted


__all__ = ["expired", "kept_since", "prune_job_files"]
