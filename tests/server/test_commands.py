"""The server's commands as an administrator runs them, each in a process of its own on a
SQLite database of its own: what they say and refuse, in Japanese and English."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest


def _opmodel(folder: Path, *args: str, stdin: str = "") -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items()
           if not k.startswith(("OPMODEL_", "DJANGO_"))}
    env["OPMODEL_DATA_DIR"] = str(folder)
    return subprocess.run([str(Path(sys.executable).with_name("opmodel")), *args], env=env,
                          input=stdin, capture_output=True, text=True, timeout=120,
                          check=False)


@pytest.fixture(scope="module")
def folder(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A data folder with an upgraded database and the user alice."""
    here = tmp_path_factory.mktemp("server")
    assert _opmodel(here, "db", "upgrade").returncode == 0
    made = _opmodel(here, "user", "create", "alice", "--password-stdin",
                    stdin="a-long-passphrase-for-alice\n")
    assert made.returncode == 0, made.stderr
    return here


@pytest.mark.parametrize(("lang", "words"), [
    ("ja", ["このパスワードは", "短すぎ"]), ("en", ["not accepted", "too short"])])
def test_a_weak_password_is_refused_with_the_reasons(folder: Path, lang: str,
                                                      words: list[str]) -> None:
    refused = _opmodel(folder, "user", "create", "bob", "--password-stdin", "--lang", lang,
                       stdin="short\n")
    assert refused.returncode != 0 and "Traceback" not in refused.stderr
    assert all(word in refused.stderr for word in words), refused.stderr


@pytest.mark.parametrize(("lang", "words"), [
    ("ja", ["すでに存在します", "--update"]), ("en", ["exists already", "--update"])])
def test_an_existing_user_is_not_replaced(folder: Path, lang: str, words: list[str]) -> None:
    refused = _opmodel(folder, "user", "create", "alice", "--password-stdin", "--lang", lang,
                       stdin="another-long-passphrase\n")
    assert refused.returncode != 0
    assert all(word in refused.stderr for word in words), refused.stderr


def test_unlock_says_what_it_cleared(folder: Path) -> None:
    nothing = _opmodel(folder, "user", "unlock", "alice", "--lang", "ja")
    assert nothing.returncode == 0 and "変更はありません" in nothing.stdout
    nothing = _opmodel(folder, "user", "unlock", "alice", "--lang", "en")
    assert nothing.returncode == 0 and "nothing changed" in nothing.stdout


def test_unlock_lets_a_locked_out_user_log_in_again(users: dict[str, object]) -> None:
    from django.core.management import call_command
    from django.test import Client

    from opmodel.server import settings as production

    def attempt(password: str) -> int:
        return Client(REMOTE_ADDR="192.0.2.9").post(
            "/login/", {"username": "editor", "password": password}).status_code

    for _ in range(production.AXES_FAILURE_LIMIT):
        attempt("wrong-password")
    assert attempt("editor-password-123") == 429
    call_command("opmodel_unlock", "editor")
    assert attempt("editor-password-123") == 302
