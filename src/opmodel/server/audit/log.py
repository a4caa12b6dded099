"""Recording audit events from views, the API and commands."""

from __future__ import annotations

from typing import Any

from opmodel.server.audit.models import AuditEvent


def client_ip(request: Any) -> str | None:
    """The client's address as the server saw it (behind a proxy: the proxy's)."""
    return request.META.get("REMOTE_ADDR") if request is not None else None


def record(action: str, *, request: Any = None, actor: Any = None, workspace: Any = None,
           target: str = "", username: str = "", **details: Any) -> AuditEvent:
    """Append one event; ``actor`` defaults to the request's user."""
    if actor is None and request is not None and getattr(request, "user", None) is not None \
            and request.user.is_authenticated:
        actor = request.user
    return AuditEvent.objects.create(
        actor=actor, username=username or (actor.get_username() if actor else ""),
        workspace=workspace, action=action, target=target[:300], details=details,
        ip=client_ip(request))
