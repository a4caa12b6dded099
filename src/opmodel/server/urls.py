"""The server's URLs: pages, the REST API at /api/v1/, the admin, language switching."""

from __future__ import annotations

from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.urls import include, path

from opmodel.server.api.app import build_api
from opmodel.server.pages import (
    budget_views,
    change_views,
    job_views,
    plan_views,
    recommendation,
    steps,
    views,
)

api = build_api()

urlpatterns = [
    path("", views.home, name="home"),
    path("w/<slug:ws>/", views.workspace, name="workspace"),
    path("w/<slug:ws>/audit/", views.audit, name="audit"),
    path("w/<slug:ws>/m/<str:name>/", views.model, name="model"),
    path("w/<slug:ws>/m/<str:name>/assessment/", steps.assessment, name="assessment"),
    path("w/<slug:ws>/m/<str:name>/alignment/", steps.alignment, name="alignment"),
    path("w/<slug:ws>/m/<str:name>/kpis/", steps.scorecard, name="scorecard"),
    path("w/<slug:ws>/m/<str:name>/recommendation/", recommendation.recommendation,
         name="recommendation"),
    path("w/<slug:ws>/m/<str:name>/recommendation/what-if/", recommendation.what_if,
         name="what_if"),
    path("w/<slug:ws>/m/<str:name>/roadmap/", job_views.roadmap, name="roadmap"),
    # the plan's roadmap and budget, the change report
    path("w/<slug:ws>/m/<str:name>/roadmap/plan/", plan_views.roadmap_plan, name="plan_result"),
    path("w/<slug:ws>/m/<str:name>/budget/", budget_views.budget, name="budget"),
    path("w/<slug:ws>/m/<str:name>/change/", change_views.change, name="change"),
    path("w/<slug:ws>/m/<str:name>/change/calendar.ics", change_views.change_calendar,
         name="change_calendar"),
    path("w/<slug:ws>/jobs/<str:job_id>/", job_views.job, name="job"),
    path("w/<slug:ws>/jobs/<str:job_id>/status/", job_views.job_status, name="job_status"),
    path("w/<slug:ws>/jobs/<str:job_id>/cancel/", job_views.job_cancel, name="job_cancel"),
    path("login/", auth_views.LoginView.as_view(), name="login"),
    path("logout/", auth_views.LogoutView.as_view(), name="logout"),
    path("i18n/", include("django.conf.urls.i18n")),
    path("api/v1/", api.urls),
    path("admin/", admin.site.urls),
]

handler404 = "opmodel.server.pages.views.not_found"
handler500 = "opmodel.server.pages.views.server_error"
