"""The report page: download the model's executive report (HTML, PDF, PowerPoint, Excel) in
a language, made by a background job as the API's report job and `opmodel report` make it;
the model's recent reports, each downloaded from its job's page."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render

from opmodel.server.pages.views import REPORT_FORMATS, line_of, may_report, member_of


@login_required
def report(request: HttpRequest, ws: str, name: str) -> HttpResponse:
    """The form that starts a report of the model's latest revision, and its recent reports;
    POST starts one and shows its job's page, where the file is offered once written."""
    import pydantic

    from opmodel.server.compare import ReportRequest, start_report
    from opmodel.server.jobs.models import Job

    member = member_of(request, ws)
    line = line_of(member, name)
    errors: list[str] = []
    may_run = may_report(member)
    if request.method == "POST" and not may_run:
        raise PermissionDenied
    if request.method == "POST":
        try:
            asked = ReportRequest(format=request.POST.get("format", "pdf"),
                                  lang=request.POST.get("lang") or None,
                                  time_limit=float(request.POST.get("time_limit", 10)))
        except (ValueError, pydantic.ValidationError):  # a choice the form does not offer
            errors.append("page.report.invalid")
        else:
            chosen = "ja" if request.LANGUAGE_CODE.startswith("ja") else "en"
            job = start_report(member.workspace, line.head, asked, chosen, request.user)
            return redirect("job", ws=ws, job_id=job.pk)
    jobs = (Job.objects.filter(workspace=member.workspace, revision__line=line, kind="report")
            .select_related("revision", "created_by").order_by("-created_at")[:10])
    return render(request, "pages/report.html", {
        "workspace": member.workspace, "role": member.role, "line": line, "jobs": jobs,
        "errors": errors, "may_run": may_run, "formats": REPORT_FORMATS},
        status=400 if errors else 200)
