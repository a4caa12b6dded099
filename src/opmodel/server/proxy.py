"""Behind one reverse proxy (OPMODEL_BEHIND_PROXY): the client's address is the one the proxy
saw, so that login throttling and the audit log name the client rather than the proxy."""

from __future__ import annotations

import ipaddress
from collections.abc import Callable

from django.http import HttpRequest, HttpResponse


class ForwardedFor:
    """Take ``REMOTE_ADDR`` from the last entry of ``X-Forwarded-For``: the address the proxy
    appended (earlier entries come from the client and prove nothing)."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        last = request.META.get("HTTP_X_FORWARDED_FOR", "").rsplit(",", 1)[-1].strip()
        if last:
            try:
                ipaddress.ip_address(last)
            except ValueError:
                pass  # not an address: keep the proxy's
            else:
                request.META["REMOTE_ADDR"] = last
        return self.get_response(request)
