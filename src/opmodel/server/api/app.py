"""The REST API as one django-ninja application, its docs served from the package."""

from __future__ import annotations

from django.http import HttpRequest
from ninja import NinjaAPI, Router

from opmodel.server.api import (
    audit,
    compare,
    exchange,
    imports,
    jobs,
    measurements,
    models,
    tokens,
    workspaces,
)
from opmodel.server.api.analyses import analyses_router
from opmodel.server.api.auth import auth
from opmodel.server.api.bodies import BodyParser
from opmodel.server.api.errors import ReadableJSON, install
from opmodel.server.api.schemas import answers
from opmodel.server.surveys.api import router as surveys_router


def build_api() -> NinjaAPI:
    """The API of ``/api/v1/``: OpenAPI at ``openapi.json``, interactive docs at ``docs``."""
    api = NinjaAPI(title="opmodel", version="1", urls_namespace="api",
                   description="Workspaces, versioned operating models and every analysis "
                               "of opmodel. The results are those of the command line's "
                               "`--format json`.",
                   auth=auth(), renderer=ReadableJSON(), parser=BodyParser())
    install(api)
    me = Router(tags=["me"])

    @me.get("/me", response=answers({200: dict[str, str]}))
    def whoami(request: HttpRequest) -> dict[str, str]:
        """The caller."""
        return {"username": request.user.get_username()}

    for router in (me, workspaces.router, models.router, analyses_router(), compare.router,
                   jobs.router, measurements.router, imports.router, exchange.router,
                   audit.router, tokens.router, surveys_router):
        api.add_router("", router)
    return api
