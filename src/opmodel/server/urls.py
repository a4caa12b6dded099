"""The server's URLs: pages, the REST API at /api/v1/, the admin, language switching."""

from __future__ import annotations

from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.urls import include, path

from opmodel.server.api.app import build_api
from opmodel.server.pages import (
    assessment_views,
    budget_views,
    change_views,
    design_views,
    governance,
    import_views,
    job_views,
    plan_views,
    recommendation,
    report_views,
    revision_views,
    steps,
    survey_views,
    upload_views,
    views,
)

api = build_api()

urlpatterns = [
    path("", views.home, name="home"),
    path("w/<slug:ws>/", views.workspace, name="workspace"),
    path("w/<slug:ws>/audit/", views.audit, name="audit"),
    path("w/<slug:ws>/m/<str:name>/", views.model, name="model"),
    path("w/<slug:ws>/m/<str:name>/alignment/", steps.alignment, name="alignment"),
    path("w/<slug:ws>/m/<str:name>/kpis/", steps.scorecard, name="scorecard"),
    path("w/<slug:ws>/m/<str:name>/recommendation/", recommendation.recommendation,
         name="recommendation"),
    path("w/<slug:ws>/m/<str:name>/recommendation/what-if/", recommendation.what_if,
         name="what_if"),
    path("w/<slug:ws>/m/<str:name>/roadmap/", job_views.roadmap, name="roadmap"),
    path("w/<slug:ws>/m/<str:name>/report/", report_views.report, name="report"),
    # the design pages (step 3) and a model's revisions
    path("w/<slug:ws>/m/<str:name>/design/governance/", governance.governance,
         name="design_governance"),
    path("w/<slug:ws>/m/<str:name>/design/organisation/", design_views.organisation,
         name="design_organisation"),
    path("w/<slug:ws>/m/<str:name>/design/processes/", design_views.processes,
         name="design_processes"),
    path("w/<slug:ws>/m/<str:name>/design/technology/", design_views.technology,
         name="design_technology"),
    path("w/<slug:ws>/m/<str:name>/design/sourcing/", design_views.sourcing,
         name="design_sourcing"),
    path("w/<slug:ws>/m/<str:name>/revisions/", revision_views.history, name="revisions"),
    path("w/<slug:ws>/m/<str:name>/revisions/compare/", revision_views.compare,
         name="revision_compare"),
    path("w/<slug:ws>/m/<str:name>/revisions/<int:number>/yaml/", revision_views.export,
         name="revision_export"),
    path("w/<slug:ws>/m/<str:name>/revisions/<int:number>/restore/", revision_views.restore,
         name="revision_restore"),
    path("w/<slug:ws>/m/<str:name>/revisions/branch/", revision_views.branch,
         name="revision_branch"),
    path("w/<slug:ws>/m/<str:name>/revisions/import/", revision_views.import_yaml,
         name="revision_import"),
    # the plan's roadmap and budget, the change report
    path("w/<slug:ws>/m/<str:name>/import/", import_views.model_import, name="model_import"),
    path("w/<slug:ws>/m/<str:name>/roadmap/plan/", plan_views.roadmap_plan, name="plan_result"),
    path("w/<slug:ws>/m/<str:name>/budget/", budget_views.budget, name="budget"),
    path("w/<slug:ws>/m/<str:name>/change/", change_views.change, name="change"),
    path("w/<slug:ws>/m/<str:name>/change/calendar.ics", change_views.change_calendar,
         name="change_calendar"),
    path("w/<slug:ws>/jobs/<str:job_id>/", job_views.job, name="job"),
    path("w/<slug:ws>/jobs/<str:job_id>/status/", job_views.job_status, name="job_status"),
    path("w/<slug:ws>/jobs/<str:job_id>/cancel/", job_views.job_cancel, name="job_cancel"),
    # the assessment, survey links, the respondent's page and the uploads of step 6
    path("w/<slug:ws>/m/<str:name>/assessment/", assessment_views.assessment,
         name="assessment"),
    path("w/<slug:ws>/m/<str:name>/surveys/", survey_views.survey_links, name="survey_links"),
    path("w/<slug:ws>/m/<str:name>/surveys/<int:link>/revoke/", survey_views.survey_revoke,
         name="survey_revoke"),
    path("s/<str:token>/", survey_views.survey_answer, name="survey_answer"),
    path("w/<slug:ws>/m/<str:name>/kpis/upload/", upload_views.kpi_upload, name="kpi_upload"),
    path("w/<slug:ws>/m/<str:name>/kpis/itsm/", upload_views.itsm_upload, name="itsm_upload"),
    path("login/", auth_views.LoginView.as_view(), name="login"),
    path("logout/", auth_views.LogoutView.as_view(), name="logout"),
    path("i18n/", include("django.conf.urls.i18n")),
    path("api/v1/", api.urls),
    path("admin/", admin.site.urls),
]

handler404 = "opmodel.server.pages.views.not_found"
handler500 = "opmodel.server.pages.views.server_error"
