"""A model's revisions in the pages: the history, two revisions compared side by side with
the changes highlighted, restore, branch a scenario, YAML import (problems at their line)
and export; through the same functions as the API (``opmodel.server.revisions``)."""

from __future__ import annotations

import json
from typing import Any

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse

from opmodel.server.pages.design_views import may_edit
from opmodel.server.pages.views import line_of, member_of

SHOWN = 400  # characters of a changed value shown in the comparison


def _revision(line: Any, number: Any) -> Any:
    try:
        found = line.revisions.select_related("author").filter(number=int(number)).first()
    except (TypeError, ValueError):
        found = None
    if found is None:
        raise Http404(str(number))
    return found


def _editor(request: HttpRequest, ws: str, name: str) -> tuple[Any, Any]:
    if request.method != "POST":
        raise Http404(name)
    member = member_of(request, ws)
    line = line_of(member, name)
    if not may_edit(member):
        raise PermissionDenied
    return member, line


def _back(ws: str, name: str, done: str, number: Any) -> HttpResponse:
    url = reverse("revisions", args=[ws, name])
    return redirect(f"{url}?done={done}&number={number}")


@login_required
def history(request: HttpRequest, ws: str, name: str) -> HttpResponse:
    """Every revision of a model, newest first, with the forms to compare, restore, branch,
    import and export."""
    member = member_of(request, ws)
    return _history(request, member, line_of(member, name))


def _history(request: HttpRequest, member: Any, line: Any, status: int = 200,
             **errors: Any) -> HttpResponse:
    revisions = line.revisions.select_related("author", "restored_from").order_by("-number")
    return render(request, "pages/revisions/history.html", {
        "workspace": member.workspace, "role": member.role, "line": line,
        "history": revisions, "may_edit": may_edit(member), **errors}, status=status)


@login_required
def compare(request: HttpRequest, ws: str, name: str) -> HttpResponse:
    """Two revisions side by side (``?before=&after=``, by default the head and its parent):
    entities added, removed and changed, each changed field's value before and after."""
    from opmodel.server.workspaces import store
    from opmodel.services.documents import diff

    member = member_of(request, ws)
    line = line_of(member, name)
    head = line.head.number
    after = _revision(line, request.GET.get("after") or head)
    before = _revision(line, request.GET.get("before") or max(1, after.number - 1))
    result = diff(store.read(before), store.read(after))
    return render(request, "pages/revisions/compare.html", {
        "workspace": member.workspace, "role": member.role, "line": line, "before": before,
        "after": after, "result": result, "numbers": range(head, 0, -1),
        "changed": [{"entity": e, "fields": [_field(c) for c in e.changes]}
                    for e in result.changed],
        "fields": [_field(c) for c in result.fields]})


def _field(change: Any) -> dict[str, Any]:
    """A field change with its values as short text (absent: None)."""
    return {"path": change.path, "before": _shown(change.before),
            "after": _shown(change.after)}


def _shown(value: Any) -> str | None:
    if value is None:
        return None
    text = value if isinstance(value, str) else json.dumps(value, ensure_ascii=False,
                                                          default=str)
    return text if len(text) <= SHOWN else text[:SHOWN] + "…"


@login_required
def export(request: HttpRequest, ws: str, name: str, number: int) -> HttpResponse:
    """A revision as a YAML file to download."""
    from opmodel.server import revisions

    member = member_of(request, ws)
    line = line_of(member, name)
    found = _revision(line, number)
    return revisions.yaml_download(*revisions.export_yaml(request, member.workspace, line,
                                                          found))


@login_required
def restore(request: HttpRequest, ws: str, name: str, number: int) -> HttpResponse:
    """Bring a revision back as a new revision (editors)."""
    from opmodel.server import revisions

    member, line = _editor(request, ws, name)
    new = revisions.restore(request, member.workspace, line, _revision(line, number),
                            request.POST.get("message", "").strip()[:500])
    return _back(ws, name, "restored", new.number)


@login_required
def branch(request: HttpRequest, ws: str, name: str) -> HttpResponse:
    """A scenario: a new model from a revision (editors); a name refused is said at its
    field."""
    from pydantic import ValidationError

    from opmodel.server import revisions
    from opmodel.server.api.schemas import BranchIn

    member, line = _editor(request, ws, name)
    try:
        body = BranchIn(revision=request.POST.get("revision") or 0,
                        name=request.POST.get("name", "").strip(),
                        message=request.POST.get("message", "").strip()[:500])
    except ValidationError:
        return _history(request, member, line, 400, branch_error="page.revisions.bad_name",
                        branch_name=request.POST.get("name", ""))
    start = _revision(line, body.revision)
    try:
        new = revisions.branch(request, member.workspace, line, start, body.name, body.message)
    except revisions.ModelExists:
        return _history(request, member, line, 409, branch_error="page.revisions.name_taken",
                        branch_name=body.name)
    return redirect("model", ws=ws, name=new.name)


@login_required
def import_yaml(request: HttpRequest, ws: str, name: str) -> HttpResponse:
    """A YAML file as the model's new revision, saved on the revision the form was read from
    (merged with what was saved since, else the conflicts); its problems at their lines."""
    from opmodel.document.io import loads
    from opmodel.document.problems import DocumentError, format_path
    from opmodel.knowledge.texts import Message
    from opmodel.server import revisions

    member, line = _editor(request, ws, name)
    upload = request.FILES.get("file")
    if upload is None:
        return _history(request, member, line, 400, import_error="page.revisions.no_file")
    base = _revision(line, request.POST.get("base") or line.head.number)
    try:
        text = upload.read().decode("utf-8-sig")
        document = loads(text, source=upload.name)
        outcome = revisions.save_edit(request, member.workspace, line, base, document=document,
                                      message=request.POST.get("message", "").strip()[:500]
                                      or f"imported {upload.name}")
    except UnicodeDecodeError:
        return _history(request, member, line, 400, import_error="page.revisions.not_utf8")
    except DocumentError as exc:
        problems = [{"line": p.line, "column": p.column, "path": format_path(p.path),
                     "message": Message(code=p.code, params=p.params)} for p in exc.problems]
        return _history(request, member, line, 400, import_error="page.revisions.invalid",
                        import_problems=problems, import_file=upload.name)
    if outcome.conflicts:
        line.refresh_from_db()
        return _history(request, member, line, 409, import_error="page.revisions.conflicts",
                        import_conflicts=outcome.conflicts)
    assert outcome.revision is not None
    return _back(ws, name, "unchanged" if outcome.unchanged else
                 "merged" if outcome.merged else "imported", outcome.revision.number)
