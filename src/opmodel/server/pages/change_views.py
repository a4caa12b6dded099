"""The change page (step 5), from the change report the command line prints: the stakeholders'
influence/interest grid, the impact heatmap of groups × initiatives, the communication
calendar (and its .ics, as ``opmodel change calendar`` writes it), training, ADKAR per group
with its barrier point, and the risk register as a probability × impact heat map."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from opmodel.server.analyses import run_now
from opmodel.server.pages.views import lang_of, line_of, member_of

ADKAR = ("awareness", "desire", "knowledge", "ability", "reinforcement")
SCALE = range(1, 6)  # influence, interest, likelihood and impact: 1 to 5


@login_required
def change(request: HttpRequest, ws: str, name: str) -> HttpResponse:
    """The change report of the model's latest revision as charts and tables."""
    from opmodel.knowledge.texts import label

    member = member_of(request, ws)
    line = line_of(member, name)
    report = run_now("change", member.workspace, line.head)
    lang = lang_of(request)
    names = report.names

    def group(key: str | None) -> str:
        return names.groups.get(key, label("stakeholder_group", key, lang)) if key else "—"

    analysis = report.stakeholders
    groups = [group(g) for g in analysis.groups]
    initiatives = [names.initiatives.get(i, i) for i in analysis.initiatives]
    cells = {(c.group, c.initiative): c for c in analysis.heatmap}
    risks = report.risks
    return render(request, "pages/change.html", {
        "workspace": member.workspace, "role": member.role, "line": line, "report": report,
        "positions": [(p.name or p.stakeholder, group(p.group), p) for p in analysis.positions],
        "grid": {"kind": "grid", "points": [
            {"name": p.name or p.stakeholder, "influence": p.influence, "interest": p.interest,
             "quadrant": label("quadrant", p.quadrant, lang)} for p in analysis.positions],
            "x": label("page_axis", "interest", lang), "y": label("page_axis", "influence", lang)},
        "groups": groups,
        "impact_rows": [(name_, [cells.get((g, i)) for g in analysis.groups])
                        for i, name_ in zip(analysis.initiatives, initiatives, strict=True)],
        "impact": {"kind": "heatmap", "x": groups, "y": initiatives, "max": 5,
                   "cells": [[analysis.groups.index(c.group), analysis.initiatives.index(
                       c.initiative), c.level] for c in analysis.heatmap]},
        "series": [(names.communications.get(s.communication, s.communication), s)
                   for s in report.calendar.series],
        "courses": report.training.courses,
        "adkar": ADKAR,
        "adoption": [{"group": group(g.group), "entry": g,
                      "scores": [(e, (g.latest or {}).get(e), e == g.weakest) for e in ADKAR]}
                     for g in report.adoption.groups],
        "adkar_chart": {"kind": "adkar", "max": 5,
                        "elements": [label("adkar_element", e, lang) for e in ADKAR],
                        "series": [{"name": group(g.group),
                                    "values": [(g.latest or {}).get(e) for e in ADKAR]}
                                   for g in report.adoption.groups if g.latest]},
        "risk_rows": [[(lk, i, next((c for c in risks.heatmap
                                      if c.likelihood == lk and c.impact == i), None))
                       for i in SCALE] for lk in reversed(SCALE)],
        "scale": SCALE,
        "risk_map": {"kind": "heatmap", "x": [str(i) for i in SCALE],
                     "y": [str(lk) for lk in SCALE], "max": max(
                         (c.count for c in risks.heatmap), default=1) or 1,
                     "cells": [[c.impact - 1, c.likelihood - 1, c.count]
                               for c in risks.heatmap if c.count],
                     "xName": label("page_axis", "impact", lang),
                     "yName": label("page_axis", "likelihood", lang)},
    })


@login_required
def change_calendar(request: HttpRequest, ws: str, name: str) -> HttpResponse:
    """The communication plan as an iCalendar file (``?rrule=1``: one event per message with
    a recurrence rule), as ``opmodel change calendar`` writes it."""
    import datetime as dt

    from opmodel.document import DocumentError
    from opmodel.interop.icalendar_export import CalendarExportError, to_ics
    from opmodel.knowledge.texts import Message
    from opmodel.server.workspaces import store
    from opmodel.services.change import CalendarOptions, calendar

    member = member_of(request, ws)
    line = line_of(member, name)
    lang = lang_of(request)
    try:
        export = calendar(store.read(line.head),
                          CalendarOptions(rrule=request.GET.get("rrule") == "1"))
        data = to_ics(export, lang, dt.datetime.now(dt.UTC))
    except DocumentError as exc:
        return _refused(request, [Message(code=p.code, params=p.params).text(lang)
                                  for p in exc.problems])
    except CalendarExportError as exc:
        return _refused(request, [exc.message.text(lang)])
    answer = HttpResponse(data, content_type="text/calendar; charset=utf-8")
    answer["Content-Disposition"] = f'attachment; filename="{line.name}-communications.ics"'
    return answer


def _refused(request: HttpRequest, reasons: list[str]) -> HttpResponse:
    return render(request, "pages/calendar_refused.html", {"reasons": reasons}, status=400)
