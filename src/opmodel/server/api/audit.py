"""The audit log of a workspace, for its owners."""

from __future__ import annotations

from django.http import HttpRequest
from ninja import Router

from opmodel.server.api.schemas import AuditOut
from opmodel.server.audit.models import AuditEvent
from opmodel.server.workspaces.access import require
from opmodel.server.workspaces.models import MemberRole

router = Router(tags=["audit"])


@router.get("/workspaces/{ws}/audit", response=list[AuditOut])
def audit_log(request: HttpRequest, ws: str, limit: int = 200, action: str = "") -> list[AuditOut]:
    """Who did what and when in the workspace, newest first (owners only)."""
    workspace = require(request.user, ws, MemberRole.owner)
    events = AuditEvent.objects.filter(workspace=workspace)
    if action:
        events = events.filter(action=action)
    return [AuditOut(at=e.at, actor=e.username, action=e.action, target=e.target,
                     details=e.details, ip=e.ip)
            for e in events[:max(1, min(limit, 1000))]]
