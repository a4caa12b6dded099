"""The roadmap page and the pages of a background job: its progress (polled by htmx), its
cancel button and its result's main figures."""

from __future__ import annotations

from typing import Any

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render

from opmodel.server.pages.views import line_of, member_of
from opmodel.server.workspaces.access import RANK
from opmodel.server.workspaces.models import MemberRole


@login_required
def roadmap(request: HttpRequest, ws: str, name: str) -> HttpResponse:
    """Plan the roadmap as a background job (portfolio, schedule, risk, budget); the model's
    recent plans. POST starts one and shows its page."""
    from django.shortcuts import redirect

    from opmodel.server.analyses import start_job
    from opmodel.server.jobs.models import Job
    from opmodel.services.planning import PlanOptions

    member = member_of(request, ws)
    line = line_of(member, name)
    errors: list[str] = []
    may_run = RANK[MemberRole(member.role)] >= RANK[MemberRole.editor]  # as the API
    if request.method == "POST" and not may_run:
        raise PermissionDenied
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
            .select_related("revision", "created_by")
            .defer("result", "detail", "revision__changes", "revision__snapshot")  # megabytes
            .order_by("-created_at")[:10])
    return render(request, "pages/roadmap.html", {
        "workspace": member.workspace, "role": member.role, "line": line, "jobs": jobs,
        "errors": errors, "may_run": may_run}, status=400 if errors else 200)


def _job(request: HttpRequest, ws: str, job_id: str) -> tuple[Any, Any]:
    from opmodel.server.jobs.models import Job

    member = member_of(request, ws)
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
    from django.conf import settings

    from opmodel.server.jobs.models import JobOutput
    from opmodel.server.jobs.outputs import expired

    gone = expired(job)  # a report's file past the days it is kept
    made = (JobOutput.objects.filter(job=job).values_list("name", flat=True).first()
            if job.status in FINISHED and not gone else None)  # a report's file to download
    return {"workspace": member.workspace, "role": member.role, "job": job,
            "finished": job.status in FINISHED, "percent": round(job.fraction * 100),
            "summary": summary, "file": made, "file_expired": gone,
            "file_days": settings.OPMODEL_JOB_FILES_DAYS}


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
    from opmodel.server.analyses import stop_job

    if request.method != "POST":
        raise Http404(job_id)
    member, found = _job(request, ws, job_id)
    if found.created_by_id != request.user.pk \
            and RANK[MemberRole(member.role)] < RANK[MemberRole.editor]:
        raise PermissionDenied
    stop_job(found)
    return render(request, "pages/_job_status.html", _job_context(member, found))
