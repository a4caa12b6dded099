"""Logging in: passwords stored with argon2, attempts throttled per user and address, cookies
a script cannot read, CSRF checked, and the headers that keep pages out of frames and
inline script out of pages."""

from __future__ import annotations

from typing import Any

import pytest
from django.test import Client, override_settings


def test_passwords_are_stored_with_argon2(db: Any) -> None:
    from django.contrib.auth import get_user_model

    from opmodel.server import settings as production

    with override_settings(PASSWORD_HASHERS=production.PASSWORD_HASHERS):
        user = get_user_model().objects.create_user("cio", password="a-long-passphrase-42")
        assert user.password.startswith("argon2$argon2id$")
        assert user.check_password("a-long-passphrase-42")
        assert not user.check_password("a-long-passphrase-43")


def _attempt(address: str, password: str, lang: str = "ja") -> Any:
    client = Client(REMOTE_ADDR=address, HTTP_ACCEPT_LANGUAGE=lang)
    return client.post("/login/", {"username": "editor", "password": password})


@pytest.mark.parametrize("lang", ["ja", "en"])
def test_five_failures_lock_the_user_out_from_that_address_and_say_so(users: dict[str, Any],
                                                                    lang: str) -> None:
    from opmodel.server import settings as production

    for _ in range(production.AXES_FAILURE_LIMIT - 1):
        assert _attempt("192.0.2.1", "wrong-password", lang).status_code == 200
    assert _attempt("192.0.2.1", "wrong-password", lang).status_code == 429  # the last one
    locked = _attempt("192.0.2.1", "editor-password-123", lang)  # even the right one now
    assert locked.status_code == 429
    text = locked.content.decode()
    assert ("ロック" in text) if lang == "ja" else ("locked" in text.lower())
    assert "15" in text  # how long it lasts
    # the same user from another address, and another user from this one, still log in
    assert _attempt("192.0.2.2", "editor-password-123").status_code == 302
    other = Client(REMOTE_ADDR="192.0.2.1").post(
        "/login/", {"username": "viewer", "password": "viewer-password-123"})
    assert other.status_code == 302


def test_session_cookies_are_httponly_and_same_site(users: dict[str, Any]) -> None:
    answer = _attempt("192.0.2.3", "editor-password-123")
    cookie = answer.cookies["sessionid"]
    assert cookie["httponly"] and cookie["samesite"] == "Lax"


def test_a_login_without_its_csrf_token_is_refused(users: dict[str, Any]) -> None:
    client = Client(enforce_csrf_checks=True)
    answer = client.post("/login/", {"username": "editor", "password": "editor-password-123"})
    assert answer.status_code == 403
    assert "_auth_user_id" not in client.session


def test_pages_forbid_frames_and_inline_script(db: Any) -> None:
    answer = Client().get("/login/")
    policy = {part.split()[0]: part.split()[1:]
              for part in answer["Content-Security-Policy"].split(";") if part.strip()}
    assert policy["frame-ancestors"] == ["'none'"]
    assert policy["script-src"] == ["'self'"] and policy["default-src"] == ["'self'"]
    assert answer["X-Frame-Options"] == "DENY"
    assert answer["Referrer-Policy"] == "same-origin"
    assert answer["X-Content-Type-Options"] == "nosniff"
    assert "<script>" not in answer.content.decode()
