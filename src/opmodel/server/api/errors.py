"""How failures answer: a problem in a document is 400 with every problem located by path, a
workspace one may not see is 404 (as if it did not exist), a role too low is 403, input
refused (too large, not JSON, a file of the wrong type) is a 4xx with its code; texts in the
request's language beside their codes."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest, HttpResponse
from ninja import NinjaAPI
from ninja.errors import HttpError

from opmodel.document.problems import DocumentError
from opmodel.interop.tables import TableError
from opmodel.knowledge.texts import render, render_hint
from opmodel.server.workspaces.access import NoAccess, NotAllowed


class Refusal(Exception):
    """Input the API does not take: answered ``status`` with message ``code`` and its
    parameters (which name the place: file, line, row, column, field)."""

    def __init__(self, status: int, code: str, **params: Any) -> None:
        super().__init__(code)
        self.status = status
        self.code = code
        self.params = params


def language(request: HttpRequest) -> str:
    """The request's language: ``?lang=``, else what the locale middleware chose (or, before
    it has run, what the request's cookie and Accept-Language ask for)."""
    asked = request.GET.get("lang", "")
    if asked in ("ja", "en"):
        return asked
    chosen = getattr(request, "LANGUAGE_CODE", None)
    if chosen is None:
        from django.utils.translation import get_language_from_request

        chosen = get_language_from_request(request)
    return "ja" if chosen.startswith("ja") else "en"


def problems_body(exc: DocumentError, lang: str) -> dict[str, Any]:
    """Every problem of ``exc`` as data, with its message and hint in ``lang``."""
    return {"problems": [{**p.as_data(), "message": p.message(lang), "hint": p.hint(lang)}
                         for p in exc.problems]}


def error_body(code: str, lang: str, **params: Any) -> dict[str, Any]:
    """An error as data, with its message (and what to do, when the catalogue says) in
    ``lang``."""
    body = {"code": code, "params": params, "message": render(code, params, lang)}
    hint = render_hint(code, params, lang)
    if hint:
        body["hint"] = hint
    return body


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
        message = exc.message
        return api.create_response(
            request, error_body(message.code, language(request), **message.params), status=400)

    @api.exception_handler(Refusal)
    def _refused(request: HttpRequest, exc: Refusal) -> HttpResponse:
        return api.create_response(
            request, error_body(exc.code, language(request), **exc.params), status=exc.status)

    @api.exception_handler(HttpError)
    def _http(request: HttpRequest, exc: HttpError) -> HttpResponse:
        # a body that is not JSON: ninja wraps what the parser (api/bodies.py) found
        if isinstance(exc.__cause__, Refusal):
            return _refused(request, exc.__cause__)
        return api.create_response(request, {"detail": str(exc)}, status=exc.status_code)
