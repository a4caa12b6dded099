"""The audit log of a workspace, for its owners."""

from __future__ import annotations

from django.http import HttpRequest
from ninja import Query, Router
from pydantic import BaseModel, Field

from opmodel.server.api.schemas import MAX_ID, AuditOut, answers
from opmodel.server.audit.queries import workspace_events
from opmodel.server.workspaces.access import require
from opmodel.server.workspaces.models import MemberRole

router = Router(tags=["audit"])


class AuditFilter(BaseModel):
    """Which events of the log, and how many from where."""

    action: str = Field(default="", max_length=60, description="Only this action.")
    user: str = Field(default="", max_length=150, description="Only this user's events.")
    limit: int = Field(default=200, ge=1, le=1000)
    offset: int = Field(default=0, ge=0, le=MAX_ID)


@router.get("/workspaces/{ws}/audit", response=answers({200: list[AuditOut]}, 403, 404, 422))
def audit_log(request: HttpRequest, ws: str, filters: Query[AuditFilter]) -> list[AuditOut]:
    """Who did what and when in the workspace, newest first (owners only)."""
    workspace = require(request.user, ws, MemberRole.owner)
    events = workspace_events(workspace, action=filters.action, username=filters.user)
    return [AuditOut(at=e.at, actor=e.username, action=e.action, target=e.target,
                     details=e.details, ip=e.ip)
            for e in events[filters.offset:filters.offset + filters.limit]]
