"""Requests refused before they are read: a body larger than the upload limit is 413."""

from __future__ import annotations

from collections.abc import Callable

from django.conf import settings
from django.http import HttpRequest, HttpResponse, JsonResponse

from opmodel.server.api.errors import error_body, language


class BodyLimit:
    """Refuse a request whose declared body exceeds ``DATA_UPLOAD_MAX_MEMORY_SIZE`` bytes
    (the upload limit, OPMODEL_MAX_FILE_SIZE): nothing of it is read or written.

    The web server (granian) hands the body over as a stream, and Django reads no more than
    the declared length, so the answer goes out before the body is received; a body sent
    without a length (chunked) is not read at all.
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        limit = settings.DATA_UPLOAD_MAX_MEMORY_SIZE
        try:
            size = int(request.META.get("CONTENT_LENGTH") or 0)
        except ValueError:
            size = 0
        if limit and size > limit:
            response = JsonResponse(error_body("api.too_large", language(request), size=size,
                                               limit=limit), status=413)
            response["Connection"] = "close"  # the rest of the body is not wanted
            return response
        return self.get_response(request)
