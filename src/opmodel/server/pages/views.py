"""Page views: the home page lists the user's workspaces and links to the API."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from opmodel.server.workspaces.access import workspaces_of


@login_required
def home(request: HttpRequest) -> HttpResponse:
    """The user's workspaces."""
    found = [{"workspace": w, "role": role, "models": list(w.models.select_related("head"))}
             for w, role in workspaces_of(request.user)]
    return render(request, "pages/home.html", {"workspaces": found})
