"""The governance page (step 3): the decision-rights matrix, decisions × holders, edited as a
grid of selects by editors and saved as a new revision on the revision the form was read
from (merged with what was saved meanwhile, or the conflicts shown at their cells), with the
archetype of each decision and domain, the matrix's issues and the consistency findings."""

from __future__ import annotations

from typing import Any

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render

from opmodel.server.pages.design_views import design_context, may_edit, place_findings, placed
from opmodel.server.pages.views import line_of, member_of

DECISIONS = "design.governance.decisions"
LETTERS = ("A", "R", "C", "I")

Edits = dict[str, str | None]  # a field's path → its new value (None: emptied)


def cell(decision: str, holder: str) -> str:
    """The path of one decision right, the name of its select."""
    from opmodel.document.paths import Key, format_path

    return format_path(("design", "governance", "decisions", Key(decision), "rights",
                        Key(holder)))


def archetype_field(decision: str) -> str:
    """The path of a decision's declared archetype, the name of its select."""
    from opmodel.document.paths import Key, format_path

    return format_path(("design", "governance", "decisions", Key(decision), "archetype"))


def values_of(document: Any) -> Edits:
    """Every field of the grid with its value in ``document``."""
    gov = document.design.governance if document.design else None
    found: Edits = {}
    for d in gov.decisions if gov else []:
        found[archetype_field(d.id)] = d.archetype
        for holder, raci in d.rights.items():
            found[cell(d.id, holder)] = raci.value
    return found


def edits_from(form: Any, before: Edits) -> Edits:
    """What the form changes, field by field, from the values ``before``."""
    found: Edits = {}
    for name, value in form.items():
        if not name.startswith(DECISIONS + "["):
            continue
        new = value.strip() or None
        if new != before.get(name):
            found[name] = new
    return found


def change_set(edits: Edits, before: Edits) -> Any:
    """The edits as the operations of a change set, what the API's save takes."""
    from opmodel.document.changes import (
        AddOperation,
        ChangeSet,
        RemoveOperation,
        ReplaceOperation,
    )

    operations: list[Any] = []
    for path, value in edits.items():
        if value is None:
            operations.append(RemoveOperation(path=path))
        elif before.get(path) is None and not path.endswith(".archetype"):
            operations.append(AddOperation(path=path, value=value))
        else:
            operations.append(ReplaceOperation(path=path, value=value))
    return ChangeSet(operations=operations)


@login_required
def governance(request: HttpRequest, ws: str, name: str) -> HttpResponse:
    """The matrix of the latest revision; POST saves the grid (editors)."""
    member = member_of(request, ws)
    line = line_of(member, name)
    if request.method == "POST":
        if not may_edit(member):
            raise PermissionDenied
        return _save(request, member, line)
    from opmodel.server.workspaces import store

    document = store.read(line.head)
    extra = request.GET.get("holder", "")[:120]
    return _page(request, member, line, document, values_of(document), extra=extra)


def _save(request: HttpRequest, member: Any, line: Any) -> HttpResponse:
    from opmodel.document.problems import DocumentError, Problem
    from opmodel.server import revisions
    from opmodel.server.workspaces import store

    base = line.revisions.filter(number=int(found)).first() if (
        found := request.POST.get("base", "")).isdigit() else None
    if base is None:  # not a form this page gave: nothing to build on
        document = store.read(line.head)
        return _page(request, member, line, document, values_of(document),
                     problems=[Problem(path=(), code="page.design.no_base")], status=400)
    before = values_of(store.read(base))
    edits = edits_from(request.POST, before)
    message = request.POST.get("message", "").strip()[:500] or "decision rights"
    try:
        outcome = revisions.save_edit(request, member.workspace, line, base,
                                      changes=change_set(edits, before), message=message)
    except DocumentError as exc:  # shown at the cells they concern; nothing was saved
        values = {**before, **edits}
        return _page(request, member, line, store.read(base), values, base=base,
                     problems=list(exc.problems), status=400)
    if outcome.conflicts:
        line.refresh_from_db()
        head = store.read(line.head)
        values = {**values_of(head), **edits}
        return _page(request, member, line, head, values, conflicts=outcome.conflicts,
                     status=409)
    target = f"{request.path}?saved={outcome.revision.number if outcome.revision else ''}"
    if outcome.merged:
        target += "&merged=1"
    return redirect(target)


def _page(request: HttpRequest, member: Any, line: Any, document: Any, values: Edits, *,
          base: Any = None, extra: str = "", problems: list[Any] | None = None,
          conflicts: list[Any] | None = None, status: int = 200) -> HttpResponse:
    from opmodel.document.paths import format_path
    from opmodel.engines.design.governance import govern
    from opmodel.engines.names import entity_names
    from opmodel.knowledge.texts import Message

    context = design_context(request, member, line, "governance", document)
    lang = context["lang"]
    result = govern(document)
    names = entity_names(document)
    gov = document.design.governance if document.design else None
    decisions = gov.decisions if gov else []
    org = document.design.organization if document.design else None
    known = [*(r.id for r in (org.roles if org else [])), *(b.id for b in (gov.bodies if gov
                                                                              else []))]
    holders = list(dict.fromkeys([*result.holders, *(
        p.rsplit("[", 1)[1].rstrip("]") for p, v in values.items() if v and "rights[" in p)]))
    if extra in known and extra not in holders:
        holders.append(extra)
    fields = [cell(d.id, h) for d in decisions for h in holders] + \
        [archetype_field(d.id) for d in decisions]
    problems_at = placed([(format_path(p.path), {"path": format_path(p.path), "message": Message(
        code=p.code, params=p.params)}) for p in problems or []], fields)
    conflicts_at = placed([(c.path, c) for c in conflicts or []], fields)
    rows_of = {r.decision: r for r in result.decisions}
    issues: dict[str, list[Any]] = {}
    for issue in result.issues:
        issues.setdefault(issue.decision, []).append(issue)
    place_findings(context, [f"{DECISIONS}[{d.id}]" for d in decisions])
    findings = context["findings_at"]
    head = line.head
    context.update(
        result=result, names=names, holders=[{"id": h, "name": names.holder(h)}
                                             for h in holders],
        addable=[{"id": h, "name": names.holder(h)} for h in known if h not in holders],
        letters=LETTERS, archetypes=_archetype_ids(), base=base or head,
        problems_general=problems_at.pop("", []), conflicts_general=conflicts_at.pop("", []),
        changed_by=head.author.get_username() if conflicts and head.author else "",
        rows=[{"id": d.id, "name": d.name or d.id, "domain": d.domain,
               "derived": rows_of[d.id].derived, "in_committee": rows_of[d.id].in_committee,
               "issues": issues.get(d.id, []),
               "findings": findings.get(f"{DECISIONS}[{d.id}]", []),
               "archetype": {"name": archetype_field(d.id),
                             "value": values.get(archetype_field(d.id)),
                             "problems": problems_at.get(archetype_field(d.id), [])},
               "cells": [_cell(f"cell-{i}-{j}", cell(d.id, h), names.holder(h), values,
                               problems_at, conflicts_at, lang)
                         for j, h in enumerate(holders, 1)]}
              for i, d in enumerate(decisions, 1)],
        domains=[{"id": d.domain, "decisions": len(d.decisions), "derived": d.derived,
                  "sides": _named("role_side", d.sides, lang),
                  "declared": _named("archetype", d.declared, lang)} for d in result.domains],
        saved=request.method == "GET" and request.GET.get("saved"),
        merged=request.GET.get("merged") == "1")
    context["conflicted"] = [f"{row['name']} — {c['holder']}" for row in context["rows"]
                             for c in row["cells"] if c["conflict"]]
    return render(request, "pages/design/governance.html", context, status=status)


def _cell(html_id: str, path: str, holder: str, values: Edits, problems_at: dict[str, Any],
          conflicts_at: dict[str, Any], lang: str) -> dict[str, Any]:
    """One cell of the grid: its select, value, problems and conflict (the value saved
    meanwhile and the one this user chose, named)."""
    from opmodel.knowledge.texts import label

    conflict = (conflicts_at.get(path) or [None])[0]
    return {"id": html_id, "name": path, "holder": holder, "value": values.get(path),
            "problems": problems_at.get(path, []),
            "conflict": conflict and {"theirs": label("raci", plain(conflict.ours), lang),
                                      "yours": label("raci", plain(conflict.theirs), lang)}}


def plain(value: Any) -> Any:
    """A RACI value of a conflict as its letter (None stays None)."""
    return getattr(value, "value", value)


def _named(kind: str, values: list[str], lang: str) -> str:
    """Values named and joined as the language does (— for none)."""
    from opmodel.knowledge.texts import SEPARATOR, label

    return SEPARATOR[lang].join(label(kind, v, lang) for v in values) or "—"


def _archetype_ids() -> list[str]:
    from opmodel.knowledge.rules import catalog_entries

    return [e["id"] for e in catalog_entries("archetypes")]
