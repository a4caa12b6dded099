"""The roadmap of a plan (step 4), read from a plan job's result: the Gantt chart of its schedule
with dependencies, phases and milestones; the portfolio under the budget with the reason each
initiative was left out; its Monte Carlo risk (percentiles, S-curves, criticality, tornado);
the prioritisation with its reasons. The budget page (``budget_views``) reads the same job."""

from __future__ import annotations

import datetime as dt
from collections import OrderedDict
from dataclasses import dataclass
from typing import Any

from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render

from opmodel.server.pages.views import lang_of, line_of, member_of

TOP = 12  # initiatives in the criticality and tornado charts
ROWS = 100  # rows of the long tables unless ?rows=all
_RESULTS: OrderedDict[Any, Any] = OrderedDict()  # finished plans' results by job id (immutable)
_KEPT = 4


@dataclass
class Plan:
    """A model's plan as a page shows it: the job, its result, the names of its ids."""

    context: dict[str, Any]
    result: Any = None  # PlanResult, when there is a plan
    names: dict[str, str] | None = None
    document: Any = None  # the revision planned


def plan_of(request: HttpRequest, ws: str, name: str) -> Plan:
    """The latest plan of the model (``?job=`` another of its plans) with the page's common
    context; no result when the model has no plan yet."""
    from django.core.exceptions import ValidationError

    from opmodel.reports.naming import names_of
    from opmodel.server.jobs.models import Job, JobStatus
    from opmodel.server.workspaces import store

    member = member_of(request, ws)
    line = line_of(member, name)
    plans = (Job.objects.filter(workspace=member.workspace, revision__line=line, kind="plan",
                                status__in=(JobStatus.succeeded, JobStatus.cancelled),
                                result__isnull=False)
             .select_related("revision")
             .defer("result", "revision__changes", "revision__snapshot").order_by("-created_at"))
    wanted = request.GET.get("job")
    try:
        job = plans.filter(pk=wanted).first() if wanted else plans.first()
    except (ValueError, ValidationError):  # not a job id
        job = None
    if wanted and job is None:
        raise Http404(wanted)
    context: dict[str, Any] = {"workspace": member.workspace, "role": member.role,
                               "line": line, "job": job}
    if job is None:
        return Plan(context)
    result = _result(job.pk)
    document = store.read(job.revision) if job.revision else None
    context.update(result=result, currency=result.budget.currency,
                   outdated=job.revision_id != line.head_id)
    return Plan(context, result, names_of(document) if document else {}, document)


def _result(job_id: Any) -> Any:
    """A finished plan's result (read and validated once: a large plan's is megabytes)."""
    from opmodel.engines.planning.plan import PlanResult
    from opmodel.server.jobs.models import Job

    found = _RESULTS.get(job_id)
    if found is None:
        found = PlanResult.model_validate(
            Job.objects.filter(pk=job_id).values_list("result", flat=True).get())
        _RESULTS[job_id] = found
        while len(_RESULTS) > _KEPT:
            _RESULTS.popitem(last=False)
    _RESULTS.move_to_end(job_id)
    return found


@login_required
def roadmap_plan(request: HttpRequest, ws: str, name: str) -> HttpResponse:
    """The plan's roadmap: schedule, portfolio, risk and priorities as charts and tables."""
    plan = plan_of(request, ws, name)
    context = plan.context
    if plan.result is not None:
        lang = lang_of(request)
        shown = None if request.GET.get("rows") == "all" else ROWS
        names = plan.names or {}
        roadmap = plan.document.roadmap if plan.document else None
        needs = {i.id: [d.initiative for d in i.depends_on]
                 for i in (roadmap.initiatives if roadmap else [])}
        context.update(_schedule(plan.result, names, needs, shown),
                       **_portfolio(plan.result, names, lang), **_risk(plan.result, names, lang),
                       **_priorities(plan.result, names, lang, shown), rows_shown=shown)
    return render(request, "pages/plan.html", context)


def _day(date: dt.date) -> str:
    return date.isoformat()


def _schedule(result: Any, names: dict[str, str], needs: dict[str, list[str]],
              shown: int | None) -> dict[str, Any]:
    """The Gantt chart's data (bars, dependency links, phase bands, milestone lines) and the
    schedule's rows."""
    schedule = result.schedule
    if schedule is None:
        return {"rows": []}
    items = sorted(schedule.items, key=lambda i: (i.start, i.finish, i.id))
    row_of = {item.id: n for n, item in enumerate(items)}
    critical = {r.id: r.criticality for r in (result.risk.initiatives if result.risk else [])}
    links = [[row_of[p], row_of[item.id]] for item in items
             for p in needs.get(item.id, []) if p in row_of]
    gantt = {
        "kind": "gantt",
        "rows": [{"name": names.get(i.id, i.name or i.id),
                  "phase": names.get(i.phase, i.phase) if i.phase else None,
                  "start": _day(i.start), "end": _day(i.finish + dt.timedelta(days=1)),
                  "late": i.late_days > 0, "critical": critical.get(i.id, 0.0) >= 0.5}
                 for i in items],
        "links": links,
        "phases": [{"name": names.get(p.id, p.id), "start": _day(p.start),
                    "end": _day(p.finish + dt.timedelta(days=1))} for p in schedule.phases],
        "milestones": [{"name": names.get(m.id, m.id), "date": _day(m.date)}
                       for m in schedule.milestones if m.date is not None],
    }
    return {"gantt": gantt, "rows": [(names.get(i.id, i.name or i.id), i) for i in items[:shown]],
            "scheduled": len(items),
            "phases": [(names.get(p.id, p.id), p) for p in schedule.phases],
            "milestones": [(names.get(m.id, m.id), m) for m in schedule.milestones]}


def _portfolio(result: Any, names: dict[str, str], lang: str) -> dict[str, Any]:
    """The limits the selection met, and each initiative left out with its reason."""
    from opmodel.reports.naming import named

    portfolio = result.portfolio
    left_out = [(names.get(i, i), named(portfolio.reasons[i], names).text(lang)
                 if i in portfolio.reasons else "") for i in portfolio.rejected]
    uses = [{"use": u, "team": names.get(u.resource, u.resource) if u.resource else None,
             "share": u.used / u.limit if u.limit else None} for u in portfolio.uses]
    moves = [(names.get(m.initiative, m.initiative), m, named(m.reason, names).text(lang))
             for m in portfolio.moves]
    notes = [named(n, names).text(lang) for n in result.notes]
    return {"left_out": left_out, "uses": uses, "moves": moves, "notes": notes,
            "candidates": len(portfolio.selected) + len(portfolio.rejected)}


def _risk(result: Any, names: dict[str, str], lang: str) -> dict[str, Any]:
    """Percentiles, the S-curves, the most critical initiatives and the tornado's swings."""
    from opmodel.knowledge.texts import render as say

    risk = result.risk
    if risk is None:
        return {}
    critical = sorted(risk.initiatives, key=lambda r: (-r.criticality, r.id))[:TOP]
    swings = sorted(risk.initiatives, key=lambda r: (-(r.high - r.low), r.id))[:TOP]
    return {
        "percentiles": [(p, getattr(risk.completion, f"p{p}"),
                         risk.completion_dates.get(f"p{p}"), getattr(risk.cost, f"p{p}"))
                        for p in (10, 50, 80, 90)],
        "s_curve": {"kind": "s_curve", "currency": result.budget.currency,
                    "decimals": result.budget.decimals,
                    "labels": {"date": say("page.plan.completion_date", {}, lang),
                               "cost": say("page.plan.cost_column", {}, lang)},
                    "points": [
            {"percentile": c.percentile, "date": _day(c.date) if c.date else None,
             "weeks": c.weeks, "cost": c.cost} for c in risk.curve]},
        "criticality": {"kind": "bars", "percent": True,
                        "names": [names.get(r.id, r.id) for r in critical],
                        "values": [r.criticality for r in critical]},
        "critical": [(names.get(r.id, r.id), r) for r in critical],
        "tornado": {"kind": "tornado", "base": risk.completion.mean,
                    "labels": {"low": say("page.plan.short", {}, lang),
                               "high": say("page.plan.long", {}, lang)},
                    "names": [names.get(r.id, r.id) for r in swings],
                    "low": [r.low for r in swings], "high": [r.high for r in swings]},
        "swings": [(names.get(r.id, r.id), r, r.high - r.low) for r in swings],
    }


def _priorities(result: Any, names: dict[str, str], lang: str, shown: int | None
                ) -> dict[str, Any]:
    """The initiatives by their priority score (the first ``shown``; all: None), with the
    reasons of their rank."""
    from opmodel.reports.naming import named

    selected = set(result.portfolio.selected)
    entries = sorted(result.prioritisation.entries, key=lambda e: e.score_rank)
    return {"priorities": [{"name": names.get(e.id, e.name or e.id), "entry": e,
                            "selected": e.id in selected,
                            "why": [named(m, names).text(lang) for m in e.explanation]}
                           for e in entries[:shown]], "ranked": len(entries)}
