"""Audit events: appended, never changed or deleted through the application."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.db import models


class AppendOnly(RuntimeError):
    """An audit event cannot be changed or deleted."""


class AuditEvents(models.QuerySet["AuditEvent"]):
    """Events are read and appended: a query that would change or delete them fails."""

    def update(self, **kwargs: Any) -> int:
        raise AppendOnly("audit events are never changed")

    def delete(self) -> tuple[int, dict[str, int]]:
        raise AppendOnly("audit events are never deleted")


class AuditEvent(models.Model):
    """One thing someone did: who, when, where and what."""

    objects = AuditEvents.as_manager()

    at = models.DateTimeField(auto_now_add=True, db_index=True)
    actor = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True,
                              on_delete=models.SET_NULL, related_name="+")
    username = models.CharField(max_length=150, blank=True,
                                help_text="As given, also when no such user exists.")
    workspace = models.ForeignKey("workspaces.Workspace", null=True, blank=True,
                                  on_delete=models.SET_NULL, related_name="audit_events")
    action = models.CharField(max_length=60, db_index=True)
    target = models.CharField(max_length=300, blank=True)
    details = models.JSONField(default=dict, blank=True)
    ip = models.GenericIPAddressField(null=True, blank=True)

    class Meta:
        ordering = ["-at", "-id"]
        indexes = [models.Index(fields=["workspace", "-at"])]

    def save(self, *args: Any, **kwargs: Any) -> None:
        if self.pk is not None:
            raise AppendOnly("audit events are never changed")
        super().save(*args, **kwargs)

    def delete(self, *args: Any, **kwargs: Any) -> Any:
        raise AppendOnly("audit events are never deleted")
