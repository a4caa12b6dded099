"""The server under requests: latency of reading, comparing, saving and analysing a large model
through the REST API of a real server process, against a trivial endpoint side by side.

Loads the large model of ``benchmarks/load.py`` (10,000 applications, 2,000 initiatives, 300
KPIs …) into a workspace of a new SQLite database under a temporary folder (``--database-url``
for another), with two years of monthly measurements of every KPI, starts ``opmodel serve``
(granian, ``--workers`` web workers of 8 threads, a fixed secret) on it, and then, one
request at a time over one kept-alive connection (``--clients`` such connections at once),
sends rounds of: get the head revision (JSON, 5 MB),
the diff of the head with its parent, a save of a change set on the head (one application
renamed: a new head each round), recommend, KPI status, and ``GET /api/v1/me`` (the
baseline: authentication and routing only); then, logged in by a session, the pages of the
model: its six steps, the assessment, alignment, recommendation, a what-if (one profile fact
changed each round), the roadmap, the roadmap and budget of a plan (a plan job run on the
large model while preparing), the change page and the KPI scorecard with its trends. Each
kind is measured ``--requests`` times (500) after ``--warm-up`` rounds (5) not counted; it
prints the median and p95 of each, beside the baseline's. Targets on SQLite on this machine:
p95 <= 200 ms for each API call, <= 300 ms for each page, <= 150 ms for the what-if.

Run: .venv/bin/python benchmarks/web.py [--requests 500] [--workers 1] [--clients 1]
"""

from __future__ import annotations

import argparse
import datetime as dt
import http.client
import json
import os
import random
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from load import generate  # the large model of the load benchmark
from server_revisions import SECRET, start_django  # Django on a new database
from web_pages import answered_survey  # fifty respondents' answers and a live survey link

MODEL = "/api/v1/workspaces/bench/models/large"
PAGE = "/w/bench/m/large"
CSRF = "benchmarkcsrftoken" + "x" * 14  # 32 characters: Django accepts it unmasked
TARGETS = {"api": 0.200, "page": 0.300, "what-if": 0.150}  # p95, seconds


def prepare(folder: Path, database_url: str | None) -> tuple[str, str]:
    """The database with the large model and its measurements; the URL and an API token."""
    start_django(folder, database_url)
    from django.contrib.auth import get_user_model

    from opmodel.document import validate_data
    from opmodel.server.accounts.models import ApiToken
    from opmodel.server.measurements.models import Measurement
    from opmodel.server.workspaces import store
    from opmodel.server.workspaces.models import Membership, Workspace

    user = get_user_model().objects.create_user(username="bench", password=SECRET)
    workspace = Workspace.objects.create(slug="bench", name="Benchmark")
    Membership.objects.create(workspace=workspace, user=user, role="editor")
    document = validate_data(generate())
    store.create_line(workspace, "large", document, author=user, message="loaded")
    rng = random.Random(3)
    months = [dt.datetime(2025, 1, 1, tzinfo=dt.UTC) + dt.timedelta(days=30.5 * m)
              for m in range(24)]
    Measurement.objects.bulk_create(
        [Measurement(workspace=workspace, kpi=k.id, at=at, value=rng.uniform(96, 100))
         for k in document.kpis.definitions for at in months],  # type: ignore[union-attr]
        batch_size=2000)
    plan(workspace, user)
    PAGES["respondent"] = answered_survey(workspace, workspace.models.get(name="large"))
    return (os.environ["OPMODEL_DATABASE_URL"], ApiToken.issue(user, "benchmark")[1],
            session(user))


def plan(workspace: Any, user: Any) -> None:
    """A plan of the large model, run here as a worker runs it (its pages read its result)."""
    from opmodel.server.jobs.models import Job
    from opmodel.server.jobs.tasks import execute

    line = workspace.models.get(name="large")
    job = Job.objects.create(workspace=workspace, revision=line.head, kind="plan",
                             options={"time_limit": 10, "iterations": 2000, "seed": 0},
                             created_by=user)
    started = time.perf_counter()
    execute(job)
    job.refresh_from_db()
    assert job.status == "succeeded", job.error
    print(f"planned the large model in {time.perf_counter() - started:.1f} s")


def session(user: Any) -> str:
    """A logged-in session of ``user``, as the login page would open it: its key."""
    from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY
    from django.contrib.sessions.backends.db import SessionStore

    store = SessionStore()
    store[SESSION_KEY] = str(user.pk)
    store[BACKEND_SESSION_KEY] = "django.contrib.auth.backends.ModelBackend"
    store[HASH_SESSION_KEY] = user.get_session_auth_hash()
    store.create()
    assert store.session_key is not None
    return store.session_key


def what_if_form() -> dict[str, str]:
    """The large model's profile as the what-if form holds it."""
    from opmodel.document import validate_data

    profile = validate_data(generate()).profile
    assert profile is not None
    return {k: str(getattr(v, "value", v)) for k, v in
            profile.model_dump(exclude_none=True, exclude={"it_maturity"}).items()}


def free_port() -> int:
    """A port nobody listens on."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def serve(folder: Path, url: str, port: int, workers: int) -> subprocess.Popen[bytes]:
    """``opmodel serve`` on the database, in a process group of its own."""
    env = {**os.environ, "OPMODEL_DATABASE_URL": url, "OPMODEL_SECRET_KEY": SECRET,
           "OPMODEL_DATA_DIR": str(folder)}
    opmodel = Path(sys.executable).with_name("opmodel")
    log = (folder / "server.log").open("wb")
    return subprocess.Popen([str(opmodel), "serve", "--port", str(port), "--workers",
                             str(workers), "--no-job-worker"], env=env, stdout=log,
                            stderr=subprocess.STDOUT, start_new_session=True)


class Client:
    """One kept-alive connection to the server, with the benchmark's token."""

    def __init__(self, port: int, token: str, session: str = "") -> None:
        self.port, self.token, self.session = port, token, session
        self.connection = http.client.HTTPConnection("127.0.0.1", port, timeout=120)

    def call(self, method: str, path: str, body: Any = None) -> tuple[int, bytes]:
        """One request of the API: its status and whole body."""
        headers = {"Authorization": f"Bearer {self.token}", "Content-Type": "application/json"}
        return self._send(method, path, None if body is None else json.dumps(body), headers)

    def page(self, method: str, path: str, form: dict[str, str] | None = None
             ) -> tuple[int, bytes]:
        """One page, as the logged-in browser asks for it (a form posted with its CSRF token)."""
        from urllib.parse import urlencode

        headers = {"Cookie": f"sessionid={self.session}; csrftoken={CSRF}",
                   "X-CSRFToken": CSRF, "Accept-Language": "ja",
                   "Content-Type": "application/x-www-form-urlencoded"}
        return self._send(method, path, None if form is None else urlencode(form), headers)

    def _send(self, method: str, path: str, body: str | None, headers: dict[str, str]
              ) -> tuple[int, bytes]:
        try:
            self.connection.request(method, path, body=body, headers=headers)
            answer = self.connection.getresponse()
        except (http.client.HTTPException, OSError):  # the server closed the connection
            self.connection.close()
            self.connection = http.client.HTTPConnection("127.0.0.1", self.port, timeout=120)
            self.connection.request(method, path, body=body, headers=headers)
            answer = self.connection.getresponse()
        return answer.status, answer.read()


def wait_until_up(client: Client, process: subprocess.Popen[bytes], folder: Path) -> None:
    """Return once the server answers; fail if it stops."""
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise SystemExit(f"the server stopped:\n{(folder / 'server.log').read_text()}")
        try:
            if client.call("GET", "/api/v1/me")[0] == 200:
                return
        except OSError:
            pass
        time.sleep(0.2)
    raise SystemExit("the server did not answer within 60 s")


def requests_of_a_round(client: Client, state: dict[str, Any]) -> dict[str, Callable[[], Any]]:
    """The requests of one round, by kind, on the current head ``state["head"]``."""
    rng: random.Random = state["rng"]

    def save() -> int:
        app = f"app-{rng.randrange(10_000):05d}"
        status, body = client.call("POST", f"{MODEL}/revisions", {
            "base": state["head"], "message": "rename", "changes": {"operations": [
                {"op": "replace", "path": f"design.technology.applications[{app}].name",
                 "value": f"Application renamed {rng.random():.6f}"}]}})
        assert status in (201, 409), (status, body[:300])
        answer = json.loads(body)
        state["head"] = answer["revision"] if status == 201 else answer["head"]
        return status

    def expect(method: str, path: str) -> Callable[[], None]:
        def run() -> None:
            status, body = client.call(method, path)
            assert status == 200, (path, status, body[:300])
        return run

    def page(path: str) -> Callable[[], None]:
        def run() -> None:
            status, body = client.page("GET", path)
            assert status == 200, (path, status, body[:300])
        return run

    def what_if() -> None:
        form = {**state["profile"], "developer_teams": str(rng.randrange(1, 200))}
        status, body = client.page("POST", f"{PAGE}/recommendation/what-if/", form)
        assert status == 200, (status, body[:300])

    head = state["head"]
    return {
        "get revision": expect("GET", f"{MODEL}/revisions/{head}"),
        "diff": expect("GET", f"{MODEL}/diff?before={max(head - 1, 1)}&after={head}"),
        "save": save,
        "recommend": expect("POST", f"{MODEL}/revisions/{head}/recommend"),
        "KPI status": expect("POST", f"{MODEL}/revisions/{head}/kpi-status"),
        "baseline GET /me": expect("GET", "/api/v1/me"),
        **{f"page {name}": page(path if path.startswith("/s/") else PAGE + path)
           for name, path in PAGES.items()},
        "what-if": what_if,
    }


PAGES = {  # the pages of the model: name → path under it
    "six steps": "/", "assessment": "/assessment/", "alignment": "/alignment/",
    "recommendation": "/recommendation/", "roadmap": "/roadmap/",
    "roadmap plan": "/roadmap/plan/", "budget": "/budget/", "change": "/change/",
    "KPIs": "/kpis/", "assessment by unit": "/assessment/?by=business_unit",
    "survey links": "/surveys/", "KPI upload": "/kpis/upload/", "ITSM upload": "/kpis/itsm/",
    "governance": "/design/governance/", "organisation": "/design/organisation/",
    "processes": "/design/processes/", "technology": "/design/technology/",
    "sourcing": "/design/sourcing/", "revisions": "/revisions/",
    "compare revisions": "/revisions/compare/",
    # and a respondent's page at its survey link (set once the link exists)
}


def target(kind: str) -> float:
    """The p95 a kind of request must stay within, in seconds."""
    return TARGETS["what-if" if kind == "what-if" else "page" if kind.startswith("page")
                   else "api"]


def measure(port: int, token: str, session: str, rounds: int, warm_up: int,
            clients: int) -> dict[str, list[float]]:
    """Seconds of each request, by kind, over ``rounds`` rounds of each client after the
    warm-up; every client a thread with its own connection, saving on the head it last saw
    (a save on an older head merges, or is a conflict when two renamed one application)."""
    times: dict[str, list[float]] = {}
    conflicts: list[int] = []
    failures: list[BaseException] = []
    lock = threading.Lock()

    def run_client(n: int) -> None:
        try:
            rounds_of_a_client(n)
        except BaseException as exc:  # reported once every client is done
            failures.append(exc)

    def rounds_of_a_client(n: int) -> None:
        client = Client(port, token, session)
        state: dict[str, Any] = {"head": 1, "rng": random.Random(5 + n),
                                 "profile": what_if_form()}
        for round_ in range(warm_up + rounds):
            for kind, run in requests_of_a_round(client, state).items():
                start = time.perf_counter()
                if run() == 409:
                    conflicts.append(1)
                if round_ >= warm_up:
                    with lock:
                        times.setdefault(kind, []).append(time.perf_counter() - start)

    threads = [threading.Thread(target=run_client, args=(n,)) for n in range(clients)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    if failures:
        raise failures[0]
    if conflicts:
        print(f"{len(conflicts)} save(s) answered 409 (two clients renamed one application)")
    return times


def main(argv: list[str] | None = None) -> int:
    """Prepare, serve, measure, print; 1 when a target is missed."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--requests", type=int, default=500, help="requests of each kind")
    parser.add_argument("--warm-up", type=int, default=5, help="rounds not counted")
    parser.add_argument("--workers", type=int, default=1, help="web worker processes")
    parser.add_argument("--clients", type=int, default=1,
                        help="clients sending their rounds at the same time")
    parser.add_argument("--database-url", default=None,
                        help="another database than SQLite in a temporary folder")
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory(prefix="opmodel-web-") as name:
        folder = Path(name)
        started = time.perf_counter()
        url, token, cookie = prepare(folder, args.database_url)
        print(f"prepared the database in {time.perf_counter() - started:.1f} s")
        port = free_port()
        process = serve(folder, url, port, args.workers)
        try:
            wait_until_up(Client(port, token), process, folder)
            cpu = _server_cpu(process)
            started = time.perf_counter()
            times = measure(port, token, cookie, args.requests // args.clients,
                            args.warm_up, args.clients)
            wall = time.perf_counter() - started
            cpu = _server_cpu(process) - cpu
        finally:
            os.killpg(process.pid, signal.SIGTERM)
            process.wait(timeout=30)
    return report(times, wall, cpu, args)


def _server_cpu(process: subprocess.Popen[bytes]) -> float:
    """CPU seconds used so far by the server's processes (Linux /proc), 0 when unknown."""
    total = 0.0
    tick = os.sysconf("SC_CLK_TCK")
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        if int(fields[2]) == process.pid:  # fields[2] is the process group
            total += (int(fields[11]) + int(fields[12])) / tick
    return total


def report(times: dict[str, list[float]], wall: float, cpu: float, args: Any) -> int:
    """Print the figures; 1 when a p95 exceeds its target."""
    base = statistics.median(times["baseline GET /me"])
    count = sum(len(found) for found in times.values())
    print(f"{len(times['save'])} requests of each kind from {args.clients} client(s) at once, "
          f"{args.workers} web worker(s): {count / wall:.1f} requests/s; {wall:.0f} s in all, "
          f"the server used {cpu:.0f} s of CPU; load average {os.getloadavg()[0]:.1f} on "
          f"{os.cpu_count()} cores")
    print(f"{'request':<22} {'median':>9} {'p95':>9} {'max':>9} {'median / baseline':>18} "
          f"{'target':>8}")
    missed = []
    for kind, found in times.items():
        p95 = statistics.quantiles(found, n=20)[-1]
        median = statistics.median(found)
        print(f"{kind:<22} {median * 1000:7.1f}ms {p95 * 1000:7.1f}ms "
              f"{max(found) * 1000:7.1f}ms {median / base:17.1f}x {target(kind) * 1000:6.0f}ms")
        if p95 > target(kind):
            missed.append(kind)
    print("targets: p95 <= 200 ms for the API, 300 ms for a page, 150 ms for a what-if"
          + (f" (MISSED: {', '.join(missed)})" if missed else " (met)"))
    return 1 if missed else 0


if __name__ == "__main__":
    sys.exit(main())
