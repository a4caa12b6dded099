"""Comparing models through the REST API: a job whose result is exactly what
``opmodel compare --format json`` prints for the same files; the models are named by revision
(a head is read when the job is asked for), and what cannot be compared is refused."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from support.cli import run
from support.results import steady
from support.scenarios import CURRENT, FEDERATED, centralized_data, write

SETTINGS = {"time_limit": 3, "iterations": 1000, "seed": 5}
FLAGS = ["--time-limit", "3", "--iterations", "1000", "--seed", "5"]


@pytest.fixture
def kestrel(users: dict[str, Any], tmp_path: Path) -> Path:
    """A workspace "k" (owner: "owner", viewer: "viewer") with the federated target, the
    centralized one and the current model; returns the centralized one's file."""
    from opmodel.interop.model_files import load
    from opmodel.server.workspaces import store
    from opmodel.server.workspaces.models import Membership, Workspace

    centralized = write(centralized_data(), tmp_path / "centralized.yaml")
    workspace = Workspace.objects.create(slug="k", name="Kestrel")
    Membership.objects.create(workspace=workspace, user=users["owner"], role="owner")
    Membership.objects.create(workspace=workspace, user=users["viewer"], role="viewer")
    for name, path in (("federated", FEDERATED), ("centralized", centralized),
                       ("current", CURRENT)):
        store.create_line(workspace, name, load(path), author=users["owner"], message="loaded")
    return centralized


def test_the_job_answers_what_the_command_prints(kestrel: Path, client_as: Any) -> None:
    client = client_as("owner")
    answer = client.post("/api/v1/workspaces/k/compare", {
        "options": [{"model": "federated"}, {"model": "centralized", "revision": 1}],
        "baseline": {"model": "current"}, **SETTINGS}, content_type="application/json")
    assert answer.status_code == 202, answer.content
    job = answer.json()
    assert (job["kind"], job["model"], job["revision"]) == ("compare", "federated", 1)
    result = client.get(f"/api/v1/workspaces/k/jobs/{job['id']}/result")
    from opmodel.server.jobs.models import Job
    assert result.status_code == 200, Job.objects.get(pk=job["id"]).error["trace"]
    printed = run("compare", str(FEDERATED), str(kestrel), "--baseline", str(CURRENT), *FLAGS,
                  "--format", "json")
    assert printed.code == 0, printed.err
    assert steady(result.json()) == steady(printed.json())


def test_the_job_names_the_revisions_it_compares(kestrel: Path, client_as: Any) -> None:
    from opmodel.server.jobs.models import Job

    answer = client_as("owner").post("/api/v1/workspaces/k/compare", {
        "options": [{"model": "federated"}, {"model": "current"}], "time_limit": 1,
        "iterations": 0}, content_type="application/json")
    assert answer.status_code == 202, answer.content
    job = Job.objects.get(pk=answer.json()["id"])
    assert job.options["options"] == [{"model": "federated", "revision": 1},
                                      {"model": "current", "revision": 1}]
    assert job.status == "succeeded" and job.result["options"][1]["state"] == "current"


@pytest.mark.parametrize(("body", "status", "code"), [
    ({"options": [{"model": "federated"}]}, 422, None),
    ({"options": [{"model": "federated"}, {"model": "nothing"}]}, 404, "api.no_model"),
    ({"options": [{"model": "federated"}, {"model": "current", "revision": 9}]}, 404,
     "api.no_revision"),
    ({"options": [{"model": "federated"}, {"model": "current"}], "time_limit": "1"}, 422, None),
])
def test_what_cannot_be_compared_is_refused(kestrel: Path, client_as: Any, body: Any,
                                            status: int, code: str | None) -> None:
    from opmodel.server.jobs.models import Job

    answer = client_as("owner").post("/api/v1/workspaces/k/compare", body,
                                     content_type="application/json")
    assert answer.status_code == status, answer.content
    if code:
        assert answer.json()["code"] == code
    assert not Job.objects.exists()


def test_a_viewer_cannot_start_a_comparison(kestrel: Path, client_as: Any) -> None:
    answer = client_as("viewer").post("/api/v1/workspaces/k/compare", {
        "options": [{"model": "federated"}, {"model": "current"}]},
        content_type="application/json")
    assert answer.status_code == 403
