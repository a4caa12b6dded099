"""What docs/deployment.md promises: the server behind a TLS proxy (OPMODEL_BEHIND_PROXY),
and a Dockerfile and compose file whose commands, options and settings exist (docker itself
does not run here: these read the files)."""

from __future__ import annotations

import json
import os
import re
import shlex
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
import yaml

ROOT = Path(__file__).parents[2]
DEPLOYMENT = (ROOT / "docs" / "deployment.md").read_text(encoding="utf-8")
SETTINGS_READ = "\n".join(p.read_text(encoding="utf-8")
                          for p in (ROOT / "src" / "opmodel").rglob("*.py"))


# --- behind a proxy --------------------------------------------------------------------------

def _config(monkeypatch: pytest.MonkeyPatch, tmp_path: Path, **env: str) -> Any:
    from opmodel.server.config import Config

    for name in [n for n in os.environ if n.startswith("OPMODEL_")]:
        monkeypatch.delenv(name)
    monkeypatch.setenv("OPMODEL_DATA_DIR", str(tmp_path))
    for name, value in env.items():
        monkeypatch.setenv(name, value)
    return Config.from_environ()


def test_a_server_behind_a_proxy_is_never_local(monkeypatch: pytest.MonkeyPatch,
                                               tmp_path: Path) -> None:
    from opmodel.server.config import ConfigError

    # on a loopback address alone it keeps its own secret, and plain-HTTP cookies
    local = _config(monkeypatch, tmp_path, OPMODEL_LOCAL="1")
    assert (local.behind_proxy, local.secure_cookies) == (False, False)
    with pytest.raises(ConfigError, match="OPMODEL_SECRET_KEY"):
        _config(monkeypatch, tmp_path, OPMODEL_LOCAL="1", OPMODEL_BEHIND_PROXY="1")
    proxied = _config(monkeypatch, tmp_path, OPMODEL_LOCAL="1", OPMODEL_BEHIND_PROXY="1",
                      OPMODEL_SECRET_KEY="s" * 50, OPMODEL_SECURE_COOKIES="0")
    assert (proxied.behind_proxy, proxied.secure_cookies) == (True, True)


def _settings(tmp_path: Path, **env: str) -> dict[str, Any]:
    clean = {k: v for k, v in os.environ.items()
             if not k.startswith("OPMODEL_") and k != "DJANGO_SETTINGS_MODULE"}
    script = ("import json; from opmodel.server import settings as s; print(json.dumps("
              "[getattr(s, 'SECURE_PROXY_SSL_HEADER', None), s.MIDDLEWARE[0], "
              "s.SESSION_COOKIE_SECURE, s.CSRF_COOKIE_SECURE]))")
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True,
                          env={**clean, "OPMODEL_DATA_DIR": str(tmp_path),
                               "OPMODEL_SECRET_KEY": "s" * 50, **env}, check=True)
    header, first, session, csrf = json.loads(done.stdout)
    return {"header": header, "first": first, "secure": [session, csrf]}


def test_the_settings_trust_the_proxys_headers_only_when_told(tmp_path: Path) -> None:
    behind = _settings(tmp_path, OPMODEL_BEHIND_PROXY="1")
    assert behind == {"header": ["HTTP_X_FORWARDED_PROTO", "https"],
                      "first": "opmodel.server.proxy.ForwardedFor", "secure": [True, True]}
    alone = _settings(tmp_path)
    assert alone["header"] is None and alone["first"] != "opmodel.server.proxy.ForwardedFor"


def _login_through_the_proxy(users: Any, header: tuple[str, str] | None) -> Any:
    from django.conf import settings
    from django.test import Client, override_settings

    middleware = ["opmodel.server.proxy.ForwardedFor", *settings.MIDDLEWARE]
    with override_settings(SECURE_PROXY_SSL_HEADER=header, MIDDLEWARE=middleware):
        client = Client(enforce_csrf_checks=True)
        proxy = {"HTTP_HOST": "testserver", "HTTP_X_FORWARDED_PROTO": "https",
                 "HTTP_X_FORWARDED_FOR": "198.51.100.7, 203.0.113.9"}
        page = client.get("/login/", **proxy)
        token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page.text)
        assert token is not None
        return client.post("/login/", {"username": "owner", "password": "owner-password-123",
                                       "csrfmiddlewaretoken": token.group(1)},
                           HTTP_ORIGIN="https://testserver", **proxy)


@pytest.mark.django_db
def test_a_login_through_a_tls_proxy_passes_csrf_and_logs_the_clients_address(
        users: Any) -> None:
    from opmodel.server.audit.models import AuditEvent

    answer = _login_through_the_proxy(users, ("HTTP_X_FORWARDED_PROTO", "https"))
    assert answer.status_code == 302
    login = AuditEvent.objects.get(action="login")
    assert login.ip == "203.0.113.9"  # the address the proxy appended, not the client's claim
    # without the setting, the browser's https origin is refused (what the setting is for)
    assert _login_through_the_proxy(users, None).status_code == 403


# --- the Dockerfile --------------------------------------------------------------------------

def _instructions() -> list[tuple[str, str]]:
    text = (ROOT / "Dockerfile").read_text(encoding="utf-8").replace("\\\n", " ")
    found = []
    for line in text.splitlines():
        if line.strip() and not line.lstrip().startswith("#"):
            word, _, rest = line.strip().partition(" ")
            found.append((word.upper(), rest.strip()))
    return found


def _cli_command(argv: list[str]) -> tuple[Any, list[str]]:
    """The click command an ``opmodel …`` command line runs, and the options it gives."""
    from typer.main import get_command

    from opmodel.cli.app import create_app

    assert argv[0] == "opmodel", argv
    node: Any = get_command(create_app())
    words = argv[1:]
    while hasattr(node, "commands") and words and words[0] in node.commands:
        node, words = node.commands[words[0]], words[1:]
    assert not hasattr(node, "commands"), f"{argv}: not a command"
    return node, [w for w in words if w.startswith("--")]


def _assert_runs(argv: list[str]) -> None:
    command, options = _cli_command(argv)
    known = {o for p in command.params for o in (*p.opts, *p.secondary_opts)}
    assert set(options) <= known, f"{argv}: unknown options {set(options) - known}"


def test_the_dockerfile_copies_what_exists_and_runs_real_commands() -> None:
    steps = _instructions()
    for word, rest in steps:
        if word == "COPY" and not rest.startswith("--from"):
            for source in rest.split()[:-1]:
                assert (ROOT / source).exists(), source
    [cmd] = [json.loads(rest) for word, rest in steps if word == "CMD"]
    _assert_runs(cmd)
    env = " ".join(rest for word, rest in steps if word == "ENV")
    data_dir = re.search(r"OPMODEL_DATA_DIR=(\S+)", env)
    assert data_dir is not None
    assert [json.loads(rest) for word, rest in steps if word == "VOLUME"] == [[data_dir[1]]]
    installs = " ".join(rest for word, rest in steps if word == "RUN")
    assert "[postgres]" in installs  # an extra that pyproject.toml declares:
    extras = (ROOT / "pyproject.toml").read_text(encoding="utf-8")
    assert re.search(r"^postgres = \[", extras, re.M)
    ignored = [line.strip() for line in (ROOT / ".dockerignore").read_text().splitlines()
               if line.strip() and not line.startswith("#")]
    assert {".git", ".venv", "var", "tests"} <= set(ignored)
    assert not any(ignore in ("src", "pyproject.toml", "README.md", "LICENSE")
                   for ignore in ignored)


# --- the compose file ------------------------------------------------------------------------

COMPOSE = yaml.safe_load((ROOT / "compose.yaml").read_text(encoding="utf-8"))
VARIABLE = re.compile(r"\$\{([A-Z_]+)(?::?[-?][^}]*)?\}")


def _fill(text: str, values: dict[str, str]) -> str:
    return VARIABLE.sub(lambda m: values.get(m[1], "x"), text)


def test_compose_runs_postgres_a_migration_a_web_server_and_a_worker() -> None:
    services = COMPOSE["services"]
    assert set(services) == {"db", "migrate", "web", "worker"}
    for name, argv in (("migrate", ["opmodel", "db", "upgrade"]), ("worker", ["opmodel", "worker"])):
        assert services[name]["command"] == argv
        _assert_runs(argv)
    web = services["web"]["command"]
    _assert_runs(web)
    assert "--no-job-worker" in web  # the worker service runs the jobs
    for name in ("web", "worker"):
        assert services[name]["depends_on"] == {
            "migrate": {"condition": "service_completed_successfully"}}
    assert services["migrate"]["depends_on"] == {"db": {"condition": "service_healthy"}}
    data = "opmodel-data:" + re.search(r"OPMODEL_DATA_DIR=(\S+)",
                                       (ROOT / "Dockerfile").read_text())[1]  # type: ignore[index]
    for name in ("migrate", "web", "worker"):
        assert services[name]["build"] == "." and data in services[name]["volumes"]
    assert set(COMPOSE["volumes"]) == {"opmodel-data", "postgres-data"}


def test_compose_points_the_app_at_its_database_with_documented_settings() -> None:
    import dj_database_url

    services = COMPOSE["services"]
    env = services["web"]["environment"]
    db = services["db"]["environment"]
    url = dj_database_url.parse(_fill(env["OPMODEL_DATABASE_URL"], {"POSTGRES_PASSWORD": "pw"}))
    assert (url["ENGINE"], url["HOST"], url["NAME"], url["USER"], url["PASSWORD"]) == (
        "django.db.backends.postgresql", "db", db["POSTGRES_DB"], db["POSTGRES_USER"], "pw")
    assert db["POSTGRES_PASSWORD"] == "${POSTGRES_PASSWORD:?set POSTGRES_PASSWORD in .env}"
    assert env["OPMODEL_SECRET_KEY"].startswith("${OPMODEL_SECRET_KEY:?")  # required
    for name in env:
        assert name in SETTINGS_READ, f"{name} is set in compose.yaml but read by nothing"
        assert name in DEPLOYMENT, f"{name} is set in compose.yaml but not in the docs"
    text = (ROOT / "compose.yaml").read_text(encoding="utf-8")
    for variable in set(VARIABLE.findall(text)):
        assert variable in DEPLOYMENT, f"${{{variable}}} of compose.yaml is not documented"


def test_the_docs_run_the_commands_they_show() -> None:
    # every `opmodel …` command of the deployment page exists, with the options it shows
    shown = re.findall(r"(?:^|\| |/bin/|--rm (?:-T )?web |`)(opmodel [a-z][^\n#|&;`]*)",
                       DEPLOYMENT, re.M)
    assert len(shown) >= 10
    for line in shown:
        argv = [w for w in shlex.split(line) if not w.startswith("$")]
        _assert_runs(argv)
    assert "not run here" in DEPLOYMENT or "were not run" in DEPLOYMENT
