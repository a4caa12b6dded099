"""How failures answer: a problem in a document is 400 with every problem located by path, a
workspace one may not see is 404 (as if it did not exist), a role too low is 403; texts in the
request's language beside their codes."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest, HttpResponse
from ninja import NinjaAPI

from opmodel.document.problems import DocumentError
from opmodel.interop.tables import TableError
from opmodel.knowledge.texts import render
from opmodel.server.workspaces.access import NoAccess, NotAllowed


def language(request: HttpRequest) -> str:
    """The request's language: ``?lang=``, else what the locale middleware chose."""
    asked = request.GET.get("lang", "")
    if asked in ("ja", "en"):
        return asked
    return "ja" if getattr(request, "LANGUAGE_CODE", "en").startswith("ja") else "en"


def problems_body(exc: DocumentError, lang: str) -> dict[str, Any]:
    """Every problem of ``exc`` as data, with its message and hint in ``lang``."""
    return {"problems": [{**p.as_data(), "message": p.message(lang), "hint": p.hint(lang)}
                         for p in exc.problems]}


def error_body(code: str, lang: str, **params: Any) -> dict[str, Any]:
    """An error as data, with its message in ``lang``."""
    return {"code": code, "params": params, "message": render(code, params, lang)}


def install(api: NinjaAPI) -> None:
    """Answer these failures as the API documents them."""

    @api.exception_handler(NoAccess)
    def _no_access(request: HttpRequest, exc: NoAccess) -> HttpResponse:
        return api.create_response(request, error_body("api.not_found", language(request)),
                                   status=404)

    @api.exception_handler(NotAllowed)
    def _not_allowed(request: HttpRequest, exc: NotAllowed) -> HttpResponse:
        return api.create_response(request, error_body("api.forbidden", language(request)),
                                   status=403)

    @api.exception_handler(DocumentError)
    def _document(request: HttpRequest, exc: DocumentError) -> HttpResponse:
        return api.create_response(request, problems_body(exc, language(request)), status=400)

    @api.exception_handler(TableError)
    def _table(request: HttpRequest, exc: TableError) -> HttpResponse:
        lang = language(request)
        message = exc.message
        return api.create_response(
            request, {"code": message.code, "params": message.params,
                      "message": message.text(lang)}, status=400)
