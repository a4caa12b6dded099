"""A job: what to run on which revision, where it stands, and what it found; the file it
reads, when it reads one."""

from __future__ import annotations

import uuid
from enum import StrEnum

from django.conf import settings
from django.db import models


class JobStatus(StrEnum):
    """Where a job stands."""

    queued = "queued"
    running = "running"
    succeeded = "succeeded"
    failed = "failed"
    cancelled = "cancelled"


FINISHED = (JobStatus.succeeded, JobStatus.failed, JobStatus.cancelled)


class Job(models.Model):
    """One run of a long use case (a plan, a simulation, a large import)."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    workspace = models.ForeignKey("workspaces.Workspace", on_delete=models.CASCADE,
                                  related_name="jobs")
    revision = models.ForeignKey("workspaces.Revision", null=True, blank=True,
                                 on_delete=models.SET_NULL, related_name="+")
    kind = models.CharField(max_length=40)
    options = models.JSONField(default=dict, blank=True)
    status = models.CharField(max_length=10, choices=[(s.value, s.value) for s in JobStatus],
                              default=JobStatus.queued, db_index=True)
    stage = models.CharField(max_length=40, blank=True)
    fraction = models.FloatField(default=0.0)
    detail = models.JSONField(null=True, blank=True)
    cancel_requested = models.BooleanField(default=False)
    result = models.JSONField(null=True, blank=True)
    error = models.JSONField(null=True, blank=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True,
                                   on_delete=models.SET_NULL, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    started_at = models.DateTimeField(null=True, blank=True)
    finished_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]


class JobFile(models.Model):
    """A file a queued job reads (an uploaded table of measurements), kept in the database so
    that a worker on any machine finds it; deleted when the job ends."""

    job = models.OneToOneField(Job, on_delete=models.CASCADE, related_name="file")
    name = models.CharField(max_length=300)
    data = models.BinaryField()


class JobOutput(models.Model):
    """The file a job made (an executive report), kept in the database so that any web
    process can send it; deleted with its job."""

    job = models.OneToOneField(Job, on_delete=models.CASCADE, related_name="output")
    name = models.CharField(max_length=300)
    media_type = models.CharField(max_length=120)
    data = models.BinaryField()
