"""Long work as background jobs, run by a real ``opmodel worker`` process beside a real server
on the test database: progress while it runs, its result at the end (the command's JSON), and
a cancel that stops it early."""

from __future__ import annotations

import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from support.cli import run
from support.results import steady

pytestmark = pytest.mark.django_db(transaction=True)

EXAMPLES = Path(__file__).parents[2] / "examples"
PLAN = "/workspaces/bank/models/target/revisions/1/plan"


def _follow(server: Any, token: str, job: str, until: Callable[[dict[str, Any]], bool],
            timeout: float = 180) -> list[dict[str, Any]]:
    """Every state of the job seen, polling until ``until`` holds for one."""
    seen: list[dict[str, Any]] = []
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        status, state = server.call("GET", f"/workspaces/bank/jobs/{job}", token)
        assert status == 200, state
        seen.append(state)
        if until(state):
            return seen
        time.sleep(0.05)
    raise AssertionError(f"the job did not get there in {timeout} s: {seen[-1]}")


def test_a_plan_runs_in_the_worker_and_its_result_is_what_the_command_prints(
        bank_token: str, servers: Any, worker: Any) -> None:
    server = servers(bank_token)
    options = {"time_limit": 3, "iterations": 50_000, "start": "2027-04-01"}
    status, job = server.call("POST", PLAN, bank_token, options)
    assert status == 202 and job["status"] == "queued" and job["kind"] == "plan"
    status, _ = server.call("GET", f"/workspaces/bank/jobs/{job['id']}/result", bank_token)
    assert status == 409  # nothing to read before the job has run
    worker()
    seen = _follow(server, bank_token, job["id"], lambda s: s["finished_at"] is not None)
    final = seen[-1]
    assert final["status"] == "succeeded" and final["fraction"] == 1.0
    assert final["started_at"] is not None and final["error"] is None
    stages = [s["stage"] for s in seen if s["status"] == "running" and s["stage"]]
    assert stages and stages[-1] in ("risk", "budget")  # it went through the plan's stages
    for stage in set(stages):  # within a stage, progress never goes back
        fractions = [s["fraction"] for s in seen if s["status"] == "running"
                     and s["stage"] == stage]
        assert fractions == sorted(fractions), stage
    status, result = server.call("GET", f"/workspaces/bank/jobs/{job['id']}/result", bank_token)
    assert status == 200
    printed = run("plan", str(EXAMPLES / "regional-bank" / "target.yaml"), "--time-limit", "3",
                  "--iterations", "50000", "--start", "2027-04-01", "--format", "json")
    assert steady(result) == steady(printed.json())


def test_a_cancelled_job_stops_early_and_says_so(bank_token: str, servers: Any,
                                                 worker: Any) -> None:
    server = servers(bank_token)
    worker()
    options = {"time_limit": 60, "iterations": 10_000_000, "start": "2027-04-01"}
    status, job = server.call("POST", PLAN, bank_token, options)
    assert status == 202
    _follow(server, bank_token, job["id"], lambda s: s["status"] == "running")
    asked = time.monotonic()
    status, cancelling = server.call("POST", f"/workspaces/bank/jobs/{job['id']}/cancel",
                                     bank_token)
    assert status == 200 and cancelling["cancel_requested"] is True
    final = _follow(server, bank_token, job["id"],
                    lambda s: s["finished_at"] is not None, timeout=60)[-1]
    # a plan of 60 s of solving and ten million iterations, stopped within seconds
    assert final["status"] == "cancelled"
    assert time.monotonic() - asked < 30
