"""Reading the audit log of a workspace: the one query its page and its API endpoint share."""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet

from opmodel.server.audit.models import AuditEvent


def workspace_events(workspace: Any, *, action: str = "", username: str = "") -> QuerySet[Any]:
    """The workspace's events, newest first, of one ``action`` and one user when given."""
    events = AuditEvent.objects.filter(workspace=workspace)
    if action:
        events = events.filter(action=action)
    if username:
        events = events.filter(username=username)
    return events.order_by("-at", "-id")
