"""The import page of a model: an Excel workbook, an ArchiMate exchange file or Archi's CSV
files in a zip read into the model (editors). First a preview (what ``opmodel import --dry-run``
says: the entries of each sheet added, updated and removed, or the entities read and the
types left out), then "apply" saves the file previewed as a new revision on the revision it
was read against, merged with what was saved since, else the conflicts; through the same use
case and save as the API's import (``opmodel.server.model_files``)."""

from __future__ import annotations

import hashlib
from pathlib import Path
from typing import Any

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse

from opmodel.server.pages.design_views import may_edit
from opmodel.server.pages.forms import message, row_issues
from opmodel.server.pages.revision_views import _revision
from opmodel.server.pages.views import line_of, member_of


def _digest(upload: Any) -> str:
    """What names the file's content: "apply" saves only the file that was previewed."""
    found = hashlib.sha256()
    for chunk in upload.chunks():
        found.update(chunk)
    return found.hexdigest()


def _answer(request: HttpRequest, context: dict[str, Any], status: int = 200) -> HttpResponse:
    """The whole page, or for htmx its result part alone (htmx swaps only a 2xx answer, so
    the part that shows a file's problems comes as 200)."""
    if request.headers.get("HX-Request"):
        return render(request, "pages/_model_import_result.html", context)
    return render(request, "pages/model_import.html", context, status=status)


@login_required
def model_import(request: HttpRequest, ws: str, name: str) -> HttpResponse:
    """The form (every member sees it; editors send a file); POST with ``action=preview``
    shows what the file would change, with ``action=apply`` saves it (the file previewed:
    its digest is in the form) and shows the model's history."""
    from opmodel.document.problems import DocumentError, format_path
    from opmodel.interop.tables import TableError
    from opmodel.knowledge.texts import Message
    from opmodel.server.model_files import (
        ACCEPTED,
        format_of,
        read_model_file,
        save_model_file,
    )
    from opmodel.server.workspaces import store
    from opmodel.services.workbook_outcome import WorkbookProblems

    member = member_of(request, ws)
    line = line_of(member, name)
    accepted = ", ".join(ACCEPTED)
    context: dict[str, Any] = {"workspace": member.workspace, "role": member.role,
                               "line": line, "may_edit": may_edit(member),
                               "accepted": accepted, "base": line.head.number}
    if request.method != "POST":
        return render(request, "pages/model_import.html", context)
    if not context["may_edit"]:
        raise PermissionDenied
    base = _revision(line, request.POST.get("base") or line.head.number)
    context.update(base=base.number, message=request.POST.get("message", "").strip()[:500])
    upload = request.FILES.get("file")
    filename = Path(upload.name or "").name if upload is not None else ""
    fmt = format_of(filename) if upload is not None else None
    if upload is None or fmt is None:
        context["refused"] = message("page.model_import.choose_file", accepted=accepted)
        return _answer(request, context, 400)
    digest = _digest(upload)
    context["file"] = filename
    try:
        outcome = read_model_file(upload, filename, fmt, store.read(base))
    except WorkbookProblems as exc:  # each cell's problem at its sheet, row and column
        issues = [{**shown, "sheet": sheet.sheet} for sheet in exc.result.sheets
                  for shown in row_issues(sheet.issues)]
        context.update(rejected=exc.result, issues=issues,
                       problems=[{"path": p.path, "message": Message(code=p.code,
                                                                     params=p.params)}
                                 for p in exc.result.problems])
        context["problem_count"] = len(context["issues"]) + len(context["problems"])
        return _answer(request, context, 400)
    except TableError as exc:  # not a workbook, an unsafe XML file, a zip bomb ...
        context["refused"] = exc.message
        return _answer(request, context, 400)
    except DocumentError as exc:  # what the file gives breaks the model's rules
        context["problems"] = [{"path": format_path(p.path),
                                "message": Message(code=p.code, params=p.params)}
                               for p in exc.problems]
        context["problem_count"] = len(context["problems"])
        return _answer(request, context, 400)
    previewed = request.POST.get("previewed") == digest
    if request.POST.get("action") == "apply" and previewed:
        saved = save_model_file(request, member.workspace, line, base, outcome,
                                filename=filename, message=context["message"])
        if not saved.conflicts:
            assert saved.revision is not None
            done = ("unchanged" if saved.unchanged else "merged" if saved.merged
                    else "imported")
            return redirect(f"{reverse('revisions', args=[ws, name])}?done={done}"
                            f"&number={saved.revision.number}")
        line.refresh_from_db()
        context.update(line=line, conflicts=saved.conflicts)
        return _answer(request, context, 409)
    context.update(outcome=outcome, digest=digest,
                   changes=len(outcome.changes.operations) if outcome.changes else 0,
                   not_previewed=request.POST.get("action") == "apply")
    return _answer(request, context)
