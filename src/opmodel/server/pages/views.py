"""Page views: the home page lists the user's workspaces; owners read a workspace's audit log;
errors under /api/ answer JSON, as the API does."""

from __future__ import annotations

from typing import Any

from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.views import defaults

from opmodel.server.api.errors import error_response
from opmodel.server.audit.queries import workspace_events
from opmodel.server.workspaces.access import NoAccess, NotAllowed, require, workspaces_of
from opmodel.server.workspaces.models import MemberRole

AUDIT_PAGE_SIZE = 50


@login_required
def home(request: HttpRequest) -> HttpResponse:
    """The user's workspaces."""
    found = [{"workspace": w, "role": role, "models": list(w.models.select_related("head"))}
             for w, role in workspaces_of(request.user)]
    return render(request, "pages/home.html", {"workspaces": found})


@login_required
def audit(request: HttpRequest, ws: str) -> HttpResponse:
    """A workspace's audit log, newest first, by action and user (owners; anyone else gets
    the 404 of a workspace that does not exist, a viewer or editor a 403)."""
    try:
        workspace = require(request.user, ws, MemberRole.owner)
    except NoAccess:
        raise Http404 from None
    except NotAllowed:
        return defaults.permission_denied(request, NotAllowed(ws))
    action, user = request.GET.get("action", "")[:60], request.GET.get("user", "")[:150]
    page = Paginator(workspace_events(workspace, action=action, username=user),
                     AUDIT_PAGE_SIZE).get_page(request.GET.get("page"))
    members = workspace.members.select_related("user").order_by("user__username")
    return render(request, "pages/audit.html", {
        "workspace": workspace, "page": page, "action": action, "user_filter": user,
        "actions": _actions(), "members": [m.user.get_username() for m in members],
        "query": _query(action, user)})


def _actions() -> list[str]:
    from opmodel.knowledge.texts import labels_catalog

    return list(labels_catalog().get("audit_action", {}))


def _query(action: str, user: str) -> str:
    """The filters as a query string to keep across pages."""
    from urllib.parse import urlencode

    kept: dict[str, Any] = {k: v for k, v in (("action", action), ("user", user)) if v}
    return urlencode(kept)


def not_found(request: HttpRequest, exception: Exception) -> HttpResponse:
    """Django's 404, or under /api/ the API's JSON 404."""
    if request.path.startswith("/api/"):
        return error_response(request, 404, "api.not_found")
    return defaults.page_not_found(request, exception)


def server_error(request: HttpRequest) -> HttpResponse:
    """Django's 500, or under /api/ the API's JSON 500."""
    if request.path.startswith("/api/"):
        return error_response(request, 500, "api.internal_error", kind="server")
    return defaults.server_error(request)
