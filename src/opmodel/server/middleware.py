"""Requests refused before they are read: a body larger than the upload limit is 413."""

from __future__ import annotations

from collections.abc import Callable

from django.conf import settings
from django.http import HttpRequest, HttpResponse, JsonResponse

from opmodel.knowledge.texts import render


class BodyLimit:
    """Refuse a request whose declared body exceeds ``DATA_UPLOAD_MAX_MEMORY_SIZE`` bytes
    (the upload limit, OPMODEL_MAX_FILE_SIZE): nothing of it is read or written."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        limit = settings.DATA_UPLOAD_MAX_MEMORY_SIZE
        try:
            size = int(request.META.get("CONTENT_LENGTH") or 0)
        except ValueError:
            size = 0
        if limit and size > limit:
            lang = "ja" if request.headers.get("Accept-Language", "").startswith("ja") else "en"
            params = {"size": size, "limit": limit}
            return JsonResponse({"code": "api.too_large", "params": params,
                                 "message": render("api.too_large", params, lang)}, status=413)
        return self.get_response(request)
