"""How failures answer: a problem in a document is 400 with every problem located by path, a
workspace one may not see is 404 (as if it did not exist), a role too low is 403, a request
that does not fit the schema 422, input refused (too large, not JSON, a file of the wrong type)
a 4xx with its code; every error is JSON with its message code, parameters and text in the
request's language (and what to do, where the catalogue says), never an HTML page."""

from __future__ import annotations

import json
import logging
from functools import partial
from typing import Any

from django.http import Http404, HttpRequest, HttpResponse
from ninja import NinjaAPI
from ninja.errors import AuthenticationError, HttpError, ValidationError
from ninja.renderers import JSONRenderer

from opmodel.document.problems import DocumentError
from opmodel.interop.tables import TableError
from opmodel.knowledge.texts import render, render_hint
from opmodel.server.workspaces.access import NoAccess, NotAllowed

log = logging.getLogger("opmodel.server")

# the message of an error raised without one of ours (by django-ninja, or a plain HttpError)
CODE_OF_STATUS = {400: "api.bad_request", 401: "api.unauthorized", 403: "api.forbidden",
                  404: "api.not_found", 409: "api.conflict", 413: "api.too_large",
                  415: "api.unsupported_type", 422: "api.invalid", 500: "api.internal_error"}


# failures that always answer the same: a workspace one may not see is as one that does not
# exist (404), a role too low is 403, no session nor token 401
FIXED: tuple[tuple[type[Exception], int, str], ...] = (
    (NoAccess, 404, "api.not_found"), (Http404, 404, "api.not_found"),
    (NotAllowed, 403, "api.forbidden"), (AuthenticationError, 401, "api.unauthorized"))


class ApiError(Exception):
    """A failure the API answers with ``status`` and the message ``code`` (and its params)."""

    def __init__(self, status: int, code: str, /, **params: Any) -> None:
        super().__init__(code, params)
        self.status, self.code, self.params = status, code, params


class ReadableJSON(JSONRenderer):
    """JSON as the command line prints it: Japanese stays readable, not ``\\uXXXX``."""

    json_dumps_params = {"ensure_ascii": False}


# input the API does not take (too large, not JSON, a file of the wrong type): its params name
# the place (file, line, row, column, field)
Refusal = ApiError


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


def row_messages(source: str, issues: list[Any], shown: list[dict[str, Any]],
                 lang: str) -> None:
    """Beside each row problem of an import (``shown``, its data), its text in ``lang``,
    naming the file (and sheet), the row and the column."""
    for issue, data in zip(issues, shown, strict=True):
        sheet = getattr(issue, "sheet", None)
        data["message"] = render("api.row_issue", {
            "file": f"{source} [{sheet}]" if sheet else source, "row": issue.row,
            "column": issue.column, "problem": render(issue.code, issue.params, lang),
            "value": "" if issue.value is None else issue.value}, lang)


def error_response(request: HttpRequest, status: int, code: str, **params: Any) -> HttpResponse:
    """An error answered outside the API's views (an unknown URL under /api/, a crash)."""
    body = error_body(code, language(request), **params)
    return HttpResponse(json.dumps(body, ensure_ascii=False), status=status,
                        content_type="application/json; charset=utf-8")


def _invalid(errors: list[dict[str, Any]]) -> dict[str, Any]:
    """What a request that does not fit the schema got wrong: where, and the rule."""
    found = [{"loc": [str(part) for part in e.get("loc", ())], "type": str(e.get("type", "")),
              "msg": str(e.get("msg", ""))} for e in errors]
    return {"fields": [".".join(e["loc"]) for e in found], "errors": found}


def install(api: NinjaAPI) -> None:
    """Answer these failures as the API documents them."""

    def answer(request: HttpRequest, exc: Any = None, *, status: int, code: str,
               params: dict[str, Any] | None = None, **more: Any) -> HttpResponse:
        # the message's parameters apart from the answer's own (a message may have a "status")
        body = error_body(code, language(request), **(params or {}), **more)
        return api.create_response(request, body, status=status)

    @api.exception_handler(ApiError)
    def _api(request: HttpRequest, exc: ApiError) -> HttpResponse:
        return answer(request, status=exc.status, code=exc.code, params=exc.params)

    for failure, status, code in FIXED:
        api.add_exception_handler(failure, partial(answer, status=status, code=code))

    @api.exception_handler(HttpError)
    def _http(request: HttpRequest, exc: HttpError) -> HttpResponse:
        if isinstance(exc.__cause__, ApiError):  # a body the parser (api/bodies.py) refused
            return _api(request, exc.__cause__)
        if exc.status_code == 403 and "csrf" in exc.message.lower():
            return answer(request, status=403, code="api.csrf_failed")
        if exc.status_code == 400:  # django-ninja could not parse the body: not the schema's
            return answer(request, status=422, code="api.unreadable_body")
        code = CODE_OF_STATUS.get(exc.status_code, "api.bad_request")
        return answer(request, status=exc.status_code, code=code, detail=exc.message)

    @api.exception_handler(ValidationError)
    def _validation(request: HttpRequest, exc: ValidationError) -> HttpResponse:
        return answer(request, status=422, code="api.invalid", **_invalid(exc.errors))

    @api.exception_handler(DocumentError)
    def _document(request: HttpRequest, exc: DocumentError) -> HttpResponse:
        return api.create_response(request, problems_body(exc, language(request)), status=400)

    @api.exception_handler(TableError)
    def _table(request: HttpRequest, exc: TableError) -> HttpResponse:
        message = exc.message
        return api.create_response(
            request, error_body(message.code, language(request), **message.params), status=400)

    @api.exception_handler(Exception)
    def _crash(request: HttpRequest, exc: Exception) -> HttpResponse:
        log.exception("%s %s failed", request.method, request.path)
        return answer(request, status=500, code="api.internal_error", kind=type(exc).__name__)
