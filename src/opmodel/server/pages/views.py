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
STEP_PAGES = {"assess": "assessment", "align": "alignment", "roadmap": "roadmap"}


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


@login_required
def roadmap(request: HttpRequest, ws: str, name: str) -> HttpResponse:
    """Plan the roadmap as a background job (portfolio, schedule, risk, budget); the model's
    recent plans. POST starts one and shows its page."""
    from django.shortcuts import redirect

    from opmodel.server.analyses import start_job
    from opmodel.server.jobs.models import Job
    from opmodel.services.planning import PlanOptions

    member = _member(request, ws)
    line = _line(member, name)
    errors: list[str] = []
    if request.method == "POST":
        try:
            options = PlanOptions(time_limit=float(request.POST.get("time_limit", 10)),
                                  iterations=int(request.POST.get("iterations", 10_000)),
                                  seed=int(request.POST.get("seed", 0)))
        except ValueError:  # not numbers, or out of range: the form says which limits hold
            errors.append("page.roadmap.invalid")
        else:
            job = start_job("plan", member.workspace, line.head, options, request.user)
            return redirect("job", ws=ws, job_id=job.pk)
    jobs = (Job.objects.filter(workspace=member.workspace, revision__line=line, kind="plan")
            .select_related("revision", "created_by").order_by("-created_at")[:10])
    return render(request, "pages/roadmap.html", {
        "workspace": member.workspace, "role": member.role, "line": line, "jobs": jobs,
        "errors": errors}, status=400 if errors else 200)


def _job(request: HttpRequest, ws: str, job_id: str) -> tuple[Any, Any]:
    from opmodel.server.jobs.models import Job

    member = _member(request, ws)
    try:
        job = (Job.objects.select_related("revision__line", "created_by")
               .filter(workspace=member.workspace, pk=job_id).first())
    except ValueError:  # not a job id
        job = None
    if job is None:
        raise Http404(job_id)
    return member, job


def _job_context(member: Any, job: Any) -> dict[str, Any]:
    from opmodel.server.jobs.models import FINISHED

    summary = None
    if job.kind == "plan" and job.result:
        summary = _plan_summary(job.result)
    return {"workspace": member.workspace, "role": member.role, "job": job,
            "finished": job.status in FINISHED, "percent": round(job.fraction * 100),
            "summary": summary}


def _plan_summary(result: dict[str, Any]) -> dict[str, Any]:
    """The figures of a plan a steering committee asks for first, read from its result."""
    portfolio, schedule, risk, budget = (result.get(k) or {} for k in
                                         ("portfolio", "schedule", "risk", "budget"))
    return {"selected": len(portfolio.get("selected", [])),
            "candidates": len(portfolio.get("selected", [])) + len(portfolio.get("rejected", [])),
            "finish": schedule.get("finish"),
            "completion": risk.get("completion_dates") or {},
            "cost": risk.get("cost") or {}, "currency": budget.get("currency", ""),
            "total": budget.get("total"), "by_year": budget.get("by_year", []),
            "over_limits": budget.get("over_limits", []), "feasible": result.get("feasible"),
            "stopped": result.get("stopped")}


@login_required
def job(request: HttpRequest, ws: str, job_id: str) -> HttpResponse:
    """A job: its progress while it runs (the status part refreshes itself), a cancel
    button, and its result's main figures when it is done."""
    member, found = _job(request, ws, job_id)
    return render(request, "pages/job.html", _job_context(member, found))


@login_required
def job_status(request: HttpRequest, ws: str, job_id: str) -> HttpResponse:
    """The part of the job page that shows where the job stands (polled by htmx)."""
    member, found = _job(request, ws, job_id)
    return render(request, "pages/_job_status.html", _job_context(member, found))


@login_required
def job_cancel(request: HttpRequest, ws: str, job_id: str) -> HttpResponse:
    """Ask the job to stop (its author, or an editor); answers the status part."""
    from django.core.exceptions import PermissionDenied

    from opmodel.server.analyses import stop_job
    from opmodel.server.workspaces.access import RANK
    from opmodel.server.workspaces.models import MemberRole

    if request.method != "POST":
        raise Http404(job_id)
    member, found = _job(request, ws, job_id)
    if found.created_by_id != request.user.pk \
            and RANK[MemberRole(member.role)] < RANK[MemberRole.editor]:
        raise PermissionDenied
    stop_job(found)
    return render(request, "pages/_job_status.html", _job_context(member, found))
