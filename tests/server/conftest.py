"""Fixtures of the server tests: users, a demo-like workspace, API clients by role, the
database they run on (SQLite, or PostgreSQL when reachable), real server processes."""

from __future__ import annotations

import contextlib
import http.client
import json
import os
import signal
import socket
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from django.test import Client

from support.server_seed import Seed, make_seed

EXAMPLES = Path(__file__).parents[2] / "examples"


@pytest.fixture
def users(db: Any) -> dict[str, Any]:
    """One user per role, and one who belongs to another workspace."""
    from django.contrib.auth import get_user_model

    make = get_user_model().objects.create_user
    return {name: make(username=name, password=f"{name}-password-123")
            for name in ("owner", "editor", "viewer", "stranger")}


@pytest.fixture
def workspace(users: dict[str, Any]) -> Any:
    """The regional bank with its current and target models, one member per role."""
    from opmodel.interop.model_files import load
    from opmodel.server.workspaces import store
    from opmodel.server.workspaces.models import Membership, Workspace

    bank = Workspace.objects.create(slug="bank", name="Bank")
    other = Workspace.objects.create(slug="other", name="Other")
    for name in ("owner", "editor", "viewer"):
        Membership.objects.create(workspace=bank, user=users[name], role=name)
    Membership.objects.create(workspace=other, user=users["stranger"], role="owner")
    for state in ("current", "target"):
        store.create_line(bank, state, load(EXAMPLES / "regional-bank" / f"{state}.yaml"),
                          author=users["owner"], message="loaded")
    return bank


@pytest.fixture
def client_as(users: dict[str, Any]) -> Any:
    """``client_as("editor")``: a test client logged in as that user (None: anonymous)."""
    def make(name: str | None) -> Client:
        client = Client()
        if name is not None:
            client.force_login(users[name])
        return client
    return make


# --- the permission seed: a target workspace, another one, a user per role -----------------

@pytest.fixture
def seed(db: Any) -> Seed:
    """The shared seed of the permission matrix and the OpenAPI conformance test
    (``support.server_seed``)."""
    return make_seed()


# --- the database: SQLite, or PostgreSQL when OPMODEL_TEST_DATABASE_URL names it ----------

def _postgres_unreachable() -> str | None:
    """Why the PostgreSQL the tests are to run on cannot be used, or None (or not PostgreSQL)."""
    from django.conf import settings

    db = settings.DATABASES["default"]
    if "postgresql" not in db["ENGINE"]:
        return None
    where = f"{db.get('HOST') or 'localhost'}:{db.get('PORT') or 5432}"
    try:
        import psycopg
    except ImportError:
        return f"PostgreSQL at {where}: psycopg is not installed (pip install 'opmodel[postgres]')"
    try:
        psycopg.connect(host=db.get("HOST") or None, port=db.get("PORT") or None,
                        user=db.get("USER") or None, password=db.get("PASSWORD") or None,
                        dbname=db.get("NAME") or None, connect_timeout=3).close()
    except psycopg.Error as exc:
        first = str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
        return f"PostgreSQL at {where} is not reachable ({first})"
    return None


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    """On a PostgreSQL that cannot be reached, every server test skips with the one reason
    why, instead of failing to set up its database."""
    here = Path(__file__).parent
    mine = [item for item in items if here in item.path.parents]
    reason = _postgres_unreachable() if mine else None
    if reason is not None:
        for item in mine:
            item.add_marker(pytest.mark.skip(reason=reason))


# --- a real server process on the test database -------------------------------------------

SERVER_SECRET = "server-test-secret-" + "y" * 40


def database_url() -> str:
    """The test database as a URL that another process can open."""
    from urllib.parse import quote

    from django.db import connection

    s = connection.settings_dict
    if connection.vendor == "sqlite":
        return f"sqlite:///{s['NAME']}"
    credentials = quote(s["USER"] or "") + (f":{quote(s['PASSWORD'])}" if s["PASSWORD"] else "")
    return (f"postgresql://{credentials}@{s['HOST'] or 'localhost'}:{s['PORT'] or 5432}/"
            f"{quote(s['NAME'])}")


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


@dataclass
class Server:
    """``opmodel serve`` in a process group of its own, on the test database."""

    process: subprocess.Popen[bytes]
    port: int
    log: Path

    def call(self, method: str, path: str, token: str, body: Any = None,
             timeout: float = 60) -> tuple[int, Any]:
        """One request to ``/api/v1{path}``: the status and the decoded JSON answer."""
        connection = http.client.HTTPConnection("127.0.0.1", self.port, timeout=timeout)
        try:
            connection.request(method, "/api/v1" + path,
                               body=None if body is None else json.dumps(body),
                               headers={"Authorization": f"Bearer {token}",
                                        "Content-Type": "application/json"})
            answer = connection.getresponse()
            data = answer.read()
        finally:
            connection.close()
        try:
            return answer.status, json.loads(data) if data else None
        except ValueError:  # an error page: shown as it is when a test fails on it
            return answer.status, data.decode(errors="replace")

    def kill(self) -> None:
        """kill -9 the server and its workers at once, as a crash would."""
        with contextlib.suppress(ProcessLookupError):
            os.killpg(self.process.pid, signal.SIGKILL)
        self.process.wait(timeout=30)

    def stop(self) -> None:
        """Stop the server as an administrator would (SIGTERM, then SIGKILL after 10 s)."""
        if self.process.poll() is None:
            with contextlib.suppress(ProcessLookupError):
                os.killpg(self.process.pid, signal.SIGTERM)
            try:
                self.process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self.kill()
        with contextlib.suppress(ProcessLookupError):  # a worker left behind
            os.killpg(self.process.pid, signal.SIGKILL)


def start_server(folder: Path, ready_token: str, timeout: float = 60) -> Server:
    """``opmodel serve`` on the test database (its data folder ``folder``), once it answers."""
    port = _free_port()
    env = {**os.environ, "OPMODEL_DATABASE_URL": database_url(),
           "OPMODEL_SECRET_KEY": SERVER_SECRET, "OPMODEL_DATA_DIR": str(folder),
           "DJANGO_SETTINGS_MODULE": "opmodel.server.settings"}
    log = folder / f"server-{port}.log"
    opmodel = Path(sys.executable).with_name("opmodel")
    with log.open("wb") as out:
        process = subprocess.Popen(
            [str(opmodel), "serve", "--port", str(port), "--no-job-worker"], env=env,
            stdout=out, stderr=subprocess.STDOUT, start_new_session=True)
    server = Server(process, port, log)
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"the server stopped: {log.read_text(errors='replace')}")
        with contextlib.suppress(OSError):
            if server.call("GET", "/me", ready_token, timeout=5)[0] == 200:
                return server
        time.sleep(0.1)
    server.stop()
    raise RuntimeError(f"the server did not answer in {timeout} s: "
                       f"{log.read_text(errors='replace')}")


@pytest.fixture
def servers(tmp_path: Path) -> Iterator[Callable[[str], Server]]:
    """``servers(token)``: a new server process on the test database; all stopped after the
    test (before the test database is emptied)."""
    started: list[Server] = []

    def make(token: str) -> Server:
        started.append(start_server(tmp_path, token))
        return started[-1]

    yield make
    for server in started:
        server.stop()


@pytest.fixture
def worker(tmp_path: Path) -> Iterator[Callable[[], subprocess.Popen[bytes]]]:
    """``worker()``: an ``opmodel worker`` process on the test database, stopped after the
    test."""
    started: list[subprocess.Popen[bytes]] = []

    def make() -> subprocess.Popen[bytes]:
        env = {**os.environ, "OPMODEL_DATABASE_URL": database_url(),
               "OPMODEL_SECRET_KEY": SERVER_SECRET, "OPMODEL_DATA_DIR": str(tmp_path),
               "DJANGO_SETTINGS_MODULE": "opmodel.server.settings"}
        opmodel = Path(sys.executable).with_name("opmodel")
        with (tmp_path / "worker.log").open("ab") as log:
            started.append(subprocess.Popen([str(opmodel), "worker"], env=env, stdout=log,
                                            stderr=subprocess.STDOUT, start_new_session=True))
        return started[-1]

    yield make
    for process in started:
        with contextlib.suppress(ProcessLookupError):
            os.killpg(process.pid, signal.SIGTERM)
        try:
            process.wait(timeout=15)
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGKILL)
            process.wait(timeout=15)


@pytest.fixture
def bank_token(users: dict[str, Any]) -> str:
    """The bank's target model (committed: for tests on a transactional database), and an API
    token of its editor."""
    from opmodel.interop.model_files import load
    from opmodel.server.accounts.models import ApiToken
    from opmodel.server.workspaces import store
    from opmodel.server.workspaces.models import Membership, Workspace

    workspace = Workspace.objects.create(slug="bank", name="Bank")
    Membership.objects.create(workspace=workspace, user=users["editor"], role="editor")
    store.create_line(workspace, "target", load(EXAMPLES / "regional-bank" / "target.yaml"),
                      author=users["editor"], message="loaded")
    return ApiToken.issue(users["editor"], "tests")[1]


def check_chain(workspace: str, name: str) -> list[Any]:
    """The revisions of a model as stored, after checking they form one chain up to the
    line's head and each reads back with its hash (cold: the cache is emptied first)."""
    from opmodel.server.workspaces import store
    from opmodel.server.workspaces.models import ModelLine

    line = ModelLine.objects.get(workspace__slug=workspace, name=name)
    revisions = list(line.revisions.order_by("number"))
    assert line.head_id == revisions[-1].pk
    assert [r.number for r in revisions] == list(range(1, len(revisions) + 1))
    assert [r.parent_id for r in revisions] == [None, *(r.pk for r in revisions[:-1])]
    store.CACHE.clear()
    for revision in revisions:
        store.read(revision)  # CorruptRevision when a hash does not match
    return revisions


@pytest.fixture
def stored_chain() -> Callable[[str, str], list[Any]]:
    """``stored_chain("bank", "target")``: see :func:`check_chain`."""
    return check_chain
