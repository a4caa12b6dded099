"""The server's URLs: pages, the REST API at /api/v1/, the admin, language switching."""

from __future__ import annotations

from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.urls import include, path

from opmodel.server.api.app import build_api
from opmodel.server.pages.views import audit, home

api = build_api()

urlpatterns = [
    path("", home, name="home"),
    path("w/<slug:ws>/audit/", audit, name="audit"),
    path("login/", auth_views.LoginView.as_view(), name="login"),
    path("logout/", auth_views.LogoutView.as_view(), name="logout"),
    path("i18n/", include("django.conf.urls.i18n")),
    path("api/v1/", api.urls),
    path("admin/", admin.site.urls),
]

handler404 = "opmodel.server.pages.views.not_found"
handler500 = "opmodel.server.pages.views.server_error"
