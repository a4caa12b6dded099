"""A measurement upload too large to import in the request, queued as a job a worker runs
(apart from the import itself, so that the job runner and the import do not import each
other)."""

from __future__ import annotations

from typing import Any

from opmodel.server.measurements.imports import IMPORT_KIND, ImportOptions


def queue_import(workspace: Any, revision: Any, filename: str, data: bytes,
                 options: ImportOptions, user: Any) -> Any:
    """A job importing ``data``, which it reads from the database (any worker can)."""
    from django.db import transaction

    from opmodel.server.jobs.models import Job, JobFile
    from opmodel.server.jobs.tasks import run_job

    with transaction.atomic():
        job = Job.objects.create(workspace=workspace, revision=revision, kind=IMPORT_KIND,
                                 options=options.model_dump(mode="json"), created_by=user)
        JobFile.objects.create(job=job, name=filename, data=data)
    run_job.enqueue(str(job.id))
    job.refresh_from_db()
    return job
