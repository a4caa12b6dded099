"""Who calls the API: a logged-in session (with its CSRF token), or an API token."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.http import HttpRequest
from django.utils import timezone
from ninja.security import HttpBearer, SessionAuth

from opmodel.server.accounts.models import ApiToken
from opmodel.server.audit.log import record

USE_RECORDED_EVERY = dt.timedelta(hours=1)  # a token's use is logged at most this often


class TokenAuth(HttpBearer):
    """``Authorization: Bearer opm_…``: the token's owner, while the token is not revoked."""

    def authenticate(self, request: HttpRequest, token: str) -> Any:
        found = ApiToken.find(token)
        if found is None:
            return None
        now = timezone.now()
        if found.last_used_at is None or now - found.last_used_at > USE_RECORDED_EVERY:
            ApiToken.objects.filter(pk=found.pk).update(last_used_at=now)
            record("token_used", request=request, actor=found.user, target=found.prefix)
        request.user = found.user
        return found.user


def auth() -> list[Any]:
    """The API's authentication: a token, else the session (CSRF checked on writes)."""
    return [TokenAuth(), SessionAuth()]
