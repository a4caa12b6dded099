"""The pages of the steps: the alignment (step 2) and the KPI scorecard (step 6), each from
the use case the API and the command line run (the assessment is in ``assessment_views``)."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from opmodel.server.analyses import run_now
from opmodel.server.pages.kpi_trends import initiative_names, kpi_trends
from opmodel.server.pages.views import lang_of, line_of, member_of

ROWS = 100  # initiatives in the alignment matrix unless ?rows=all (a large model has 2,000)


@login_required
def alignment(request: HttpRequest, ws: str, name: str) -> HttpResponse:
    """Objectives against initiatives: how each initiative serves each objective (through an
    outcome, a capability or an impact), initiatives that serve none and objectives nothing
    serves highlighted (the first :data:`ROWS` initiatives, ``?rows=all`` every one), and
    the gaps."""
    from opmodel.server.workspaces import store

    member = member_of(request, ws)
    line = line_of(member, name)
    result = run_now("align", member.workspace, line.head)
    document = store.read(line.head)
    initiatives = document.roadmap.initiatives if document.roadmap else []
    objectives = [o.objective for o in result.objectives]
    orphans = set(result.orphan_initiatives)
    shown = None if request.GET.get("rows") == "all" else ROWS
    rows = [{"id": i.id, "name": i.name, "orphan": i.id in orphans,
             "cells": [result.matrix.get(o, {}).get(i.id) for o in objectives]}
            for i in initiatives[:shown]]
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
        "rows": rows, "gaps": gaps, "rows_shown": shown, "count": len(initiatives)})


@login_required
def scorecard(request: HttpRequest, ws: str, name: str) -> HttpResponse:
    """The KPI scorecard of the model's latest revision on the workspace's measurements: per
    component, per KPI (value against target, RAG, trend, streak) and the initiatives'
    planned benefits against actuals, and KPIs' trends as charts (``?trends=all``: every KPI's);
    ``?as_of=YYYY-MM-DD`` takes another date."""
    import datetime as dt

    from opmodel.services.kpi import StatusOptions

    member = member_of(request, ws)
    line = line_of(member, name)
    try:
        as_of = dt.date.fromisoformat(request.GET["as_of"]) if request.GET.get("as_of") else None
    except ValueError:
        as_of = None
    card = run_now("kpi-status", member.workspace, line.head, StatusOptions(as_of=as_of))
    return render(request, "pages/scorecard.html", {
        "workspace": member.workspace, "role": member.role, "line": line, "card": card,
        "specs": {s.kpi.id: s.kpi for s in card.kpis},
        "trends": kpi_trends(member.workspace, line.head, card, lang_of(request),
                             every=request.GET.get("trends") == "all"),
        "initiatives": initiative_names(line.head)})
