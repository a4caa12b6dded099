"""Page views: the user's workspaces, a workspace's models, a model's standing on the six
steps; owners read a workspace's audit log; errors under /api/ answer JSON, as the API does.
The pages of the steps are in ``steps``, jobs in ``job_views``."""

from __future__ import annotations

from typing import Any

from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.views import defaults

from opmodel.server.api.errors import error_response
from opmodel.server.audit.queries import workspace_events
from opmodel.server.workspaces.access import (
    RANK,
    NoAccess,
    NotAllowed,
    membership,
    require,
    workspaces_of,
)
from opmodel.server.workspaces.models import MemberRole, ModelLine

AUDIT_PAGE_SIZE = 50
FINDINGS_SHOWN = 20  # findings listed per step unless all are asked for (a large model has 7,000)
# the page of each step built so far
STEP_PAGES = {"assess": "assessment", "align": "alignment", "design": "recommendation",
              "roadmap": "roadmap", "change": "change", "measure": "scorecard"}



@login_required
def home(request: HttpRequest) -> HttpResponse:
    """The user's workspaces."""
    found = [{"workspace": w, "role": role, "models": list(w.models.select_related("head"))}
             for w, role in workspaces_of(request.user)]
    return render(request, "pages/home.html", {"workspaces": found})


def member_of(request: HttpRequest, ws: str) -> Any:
    try:
        return membership(request.user, ws)
    except NoAccess:  # the same page as for a workspace that does not exist
        raise Http404(ws) from None


@login_required
def workspace(request: HttpRequest, ws: str) -> HttpResponse:
    """A workspace's models, with their latest revision."""
    member = member_of(request, ws)
    lines = (member.workspace.models.select_related("head", "head__author")
             .order_by("name"))
    return render(request, "pages/workspace.html",
                  {"workspace": member.workspace, "role": member.role, "lines": lines})


REPORT_FORMATS = ("pdf", "pptx", "xlsx", "html")  # the report form's choices, in its order


def may_report(member: Any) -> bool:
    """Whether a member may start a report: a job takes a worker's time (editors, as the
    API's report job)."""
    return RANK[MemberRole(member.role)] >= RANK[MemberRole.editor]


@login_required
def model(request: HttpRequest, ws: str, name: str) -> HttpResponse:
    """A model: the six steps as a guided path (the share done, what is missing, the open
    findings of each: the first :data:`FINDINGS_SHOWN`, ``?findings=all`` every one) for its
    latest revision, and its history."""
    from opmodel.knowledge.catalog import get_catalog
    from opmodel.server.analyses import run_once
    from opmodel.server.workspaces import store
    from opmodel.services.guide import progress

    member = member_of(request, ws)
    line = line_of(member, name)
    standing = progress(store.read(line.head), run_once("check", member.workspace, line.head))
    steps = {s.id: s for s in get_catalog().steps.entries}
    history = (line.revisions.select_related("author").defer("changes", "snapshot")
               .order_by("-number")[:20])  # a snapshot of a large model is megabytes
    following = next((s for s in standing.steps if s.step == standing.next_step), None)
    shown = None if request.GET.get("findings") == "all" else FINDINGS_SHOWN
    return render(request, "pages/model.html", {
        "workspace": member.workspace, "role": member.role, "line": line,
        "formats": REPORT_FORMATS, "may_report": may_report(member),
        "standing": standing, "history": history,
        "steps": [{"standing": s, "step": steps[s.step], "page": STEP_PAGES.get(s.step),
                   "percent": round(s.completeness * 100),
                   "findings": s.open_findings[:shown]} for s in standing.steps],
        "percent": round(standing.completeness * 100),
        "next": following and {"number": following.number, "name": steps[following.step].name}})


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


def lang_of(request: HttpRequest) -> str:
    return "ja" if getattr(request, "LANGUAGE_CODE", "ja").startswith("ja") else "en"


def line_of(member: Any, name: str) -> ModelLine:
    line = (ModelLine.objects.select_related("head")
            .filter(workspace=member.workspace, name=name).first())
    if line is None or line.head is None:
        raise Http404(name)
    return line
