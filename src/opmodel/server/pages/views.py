"""Page views: the user's workspaces, a workspace's models, and a model's standing on the six
steps. Each reads through the same use cases as the API and the command line."""

from __future__ import annotations

from typing import Any

from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render

from opmodel.server.workspaces.access import NoAccess, membership, workspaces_of
from opmodel.server.workspaces.models import ModelLine

# the page of each step built so far
STEP_PAGES = {"assess": "assessment", "align": "alignment"}


@login_required
def home(request: HttpRequest) -> HttpResponse:
    """The user's workspaces."""
    found = [{"workspace": w, "role": role, "models": list(w.models.select_related("head"))}
             for w, role in workspaces_of(request.user)]
    return render(request, "pages/home.html", {"workspaces": found})


def _member(request: HttpRequest, ws: str) -> Any:
    try:
        return membership(request.user, ws)
    except NoAccess:  # the same page as for a workspace that does not exist
        raise Http404(ws) from None


@login_required
def workspace(request: HttpRequest, ws: str) -> HttpResponse:
    """A workspace's models, with their latest revision."""
    member = _member(request, ws)
    lines = (member.workspace.models.select_related("head", "head__author")
             .order_by("name"))
    return render(request, "pages/workspace.html",
                  {"workspace": member.workspace, "role": member.role, "lines": lines})


@login_required
def model(request: HttpRequest, ws: str, name: str) -> HttpResponse:
    """A model: the six steps as a guided path (the share done, what is missing, the open
    findings of each) for its latest revision, and its history."""
    from opmodel.knowledge.catalog import get_catalog
    from opmodel.server.workspaces import store
    from opmodel.services.guide import progress

    member = _member(request, ws)
    line = _line(member, name)
    standing = progress(store.read(line.head))
    steps = {s.id: s for s in get_catalog().steps.entries}
    history = line.revisions.select_related("author").order_by("-number")[:20]
    following = next((s for s in standing.steps if s.step == standing.next_step), None)
    return render(request, "pages/model.html", {
        "workspace": member.workspace, "role": member.role, "line": line,
        "standing": standing, "history": history,
        "steps": [{"standing": s, "step": steps[s.step], "page": STEP_PAGES.get(s.step),
                   "percent": round(s.completeness * 100)} for s in standing.steps],
        "percent": round(standing.completeness * 100),
        "next": following and {"number": following.number, "name": steps[following.step].name}})


@login_required
def assessment(request: HttpRequest, ws: str, name: str) -> HttpResponse:
    """The assessment of a model's latest revision (survey answers included): maturity by
    component against its targets as a radar and a table, weaknesses, strengths and the
    questions people disagree on; or what the model lacks to be scored."""
    from opmodel.document import DocumentError
    from opmodel.knowledge.texts import Message, label
    from opmodel.knowledge.texts import render as say
    from opmodel.server.analyses import run_now

    member = _member(request, ws)
    line = _line(member, name)
    context: dict[str, Any] = {"workspace": member.workspace, "role": member.role, "line": line}
    try:
        result = run_now("assess", member.workspace, line.head)
    except DocumentError as exc:
        context["problems"] = [Message(code=p.code, params=p.params) for p in exc.problems]
        return render(request, "pages/assessment.html", context)
    lang = _lang(request)
    components = list(result.components)
    context.update(
        result=result,
        rows=[{"component": c, **result.components[c].model_dump()} for c in components]
        + [{"overall": True, **result.overall.model_dump()}],
        radar={"kind": "radar", "max": 5,
               "indicators": [label("component", c, lang) for c in components],
               "series": [{"name": say("page.assessment.score", {}, lang),
                           "values": [result.components[c].score for c in components]},
                          {"name": say("page.assessment.target", {}, lang),
                           "values": [result.components[c].target for c in components]}]},
        findings=[("page.assessment.weaknesses", result.weaknesses),
                  ("page.assessment.strengths", result.strengths)],
        disagreements=[d for d in result.disagreements if d.question][:20])
    return render(request, "pages/assessment.html", context)


def _lang(request: HttpRequest) -> str:
    return "ja" if getattr(request, "LANGUAGE_CODE", "ja").startswith("ja") else "en"


def _line(member: Any, name: str) -> ModelLine:
    line = (ModelLine.objects.select_related("head")
            .filter(workspace=member.workspace, name=name).first())
    if line is None or line.head is None:
        raise Http404(name)
    return line


@login_required
def alignment(request: HttpRequest, ws: str, name: str) -> HttpResponse:
    """Objectives against initiatives: how each initiative serves each objective (through an
    outcome, a capability or an impact), initiatives that serve none and objectives nothing
    serves highlighted, and the gaps."""
    from opmodel.server.analyses import run_now
    from opmodel.server.workspaces import store

    member = _member(request, ws)
    line = _line(member, name)
    result = run_now("align", member.workspace, line.head)
    document = store.read(line.head)
    initiatives = document.roadmap.initiatives if document.roadmap else []
    objectives = [o.objective for o in result.objectives]
    rows = [{"id": i.id, "name": i.name, "orphan": i.id in result.orphan_initiatives,
             "cells": [result.matrix.get(o, {}).get(i.id) for o in objectives]}
            for i in initiatives]
    strategy = document.strategy
    names = {e.id: e.name for e in [*(strategy.objectives if strategy else []),
                                    *(strategy.outcomes if strategy else []),
                                    *(strategy.capabilities if strategy else [])]
             if getattr(e, "name", None)}

    def named(ids: list[str]) -> list[str]:
        return [f"{names[i]} ({i})" if i in names else i for i in ids]

    gaps = [("page.alignment.unserved", named(result.unserved_objectives)),
            ("page.alignment.untargeted",
             named([c.capability for c in result.untargeted_capabilities])),
            ("page.alignment.outcomes_without_initiative",
             named(result.outcomes_without_initiative)),
            ("page.alignment.outcomes_without_objective",
             named(result.outcomes_without_objective))]
    return render(request, "pages/alignment.html", {
        "workspace": member.workspace, "role": member.role, "line": line, "result": result,
        "rows": rows, "gaps": gaps})
