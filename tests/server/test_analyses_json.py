"""Every analysis of the REST API answers, for a revision, exactly the JSON that
``opmodel <command> --format json`` prints for the same file: on every example, current and
target, the long ones through their job's result, the KPI ones on the example's measurements
imported both ways."""

from __future__ import annotations

import shutil
from pathlib import Path
from typing import Any

import pytest

from opmodel.services.catalog import analyses
from support.cli import run
from support.results import steady

EXAMPLES = Path(__file__).parents[2] / "examples"
MODELS = sorted(EXAMPLES.glob("*/*.yaml"))
AS_OF = "2027-03-31"
# the command reads a file and points into it (a finding's line and column); a stored
# revision has no file to point into
WHERE = frozenset({"line", "column"})

# analysis -> (the command's words, the command's options, the API's options)
COMMANDS: dict[str, tuple[list[str], list[str], dict[str, Any]]] = {
    "assess": (["assess"], [], {}),
    "recommend": (["recommend"], [], {}),
    "align": (["align"], [], {}),
    "design": (["design"], [], {}),
    "check": (["check"], [], {}),
    "change": (["change", "report"], [], {}),
    "kpi-report": (["kpi", "report"], ["--period", "quarter", "--as-of", AS_OF],
                   {"period": "quarter", "as_of": AS_OF}),
    "kpi-status": (["kpi", "status"], ["--as-of", AS_OF], {"as_of": AS_OF}),
    "schedule": (["schedule"], ["--time-limit", "5"], {"time_limit": 5}),
    "plan": (["plan"], ["--time-limit", "5", "--iterations", "2000", "--start", "2027-04-01"],
             {"time_limit": 5, "iterations": 2000, "start": "2027-04-01"}),
}


def test_the_table_names_every_analysis_of_the_catalogue() -> None:
    assert sorted(COMMANDS) == sorted(found.name for found in analyses())


@pytest.fixture
def loaded(users: dict[str, Any], tmp_path: Path) -> Any:
    """``loaded(path)``: the example in a workspace of its own (owner: "owner"), with its
    measurements uploaded through the API and imported beside a copy of the file by the
    command line; returns the copy."""
    from opmodel.interop.model_files import load
    from opmodel.server.workspaces import store
    from opmodel.server.workspaces.models import Membership, Workspace

    def make(path: Path, client: Any) -> Path:
        workspace = Workspace.objects.create(slug="w", name="W")
        Membership.objects.create(workspace=workspace, user=users["owner"], role="owner")
        store.create_line(workspace, path.stem, load(path), author=users["owner"],
                          message="loaded")
        copy = tmp_path / path.name
        shutil.copy(path, copy)
        for csv in sorted(path.parent.glob("measurements*.csv")):
            if path.stem != "target":  # the examples measure their target's KPIs
                continue
            imported = run("kpi", "import", str(copy), str(csv))
            assert imported.code == 0, imported.output
            with csv.open("rb") as body:
                answer = client.post(
                    f"/api/v1/workspaces/w/models/{path.stem}/revisions/1/measurements",
                    {"file": body})
            assert answer.status_code == 200, answer.content
        return copy
    return make


@pytest.mark.parametrize("path", MODELS, ids=lambda p: f"{p.parent.name}/{p.stem}")
def test_each_analysis_answers_what_its_command_prints(path: Path, loaded: Any,
                                                      client_as: Any) -> None:
    client = client_as("owner")
    copy = loaded(path, client)
    base = f"/api/v1/workspaces/w/models/{path.stem}/revisions/1/"
    for found in analyses():
        words, flags, options = COMMANDS[found.name]
        printed = run(*words, str(copy), *flags, "--format", "json")
        answer = client.post(base + found.name, options, content_type="application/json")
        if printed.code not in (0, 1) or "problems" in printed.json():
            # a precondition the file does not meet: the same problems, as a 400
            assert answer.status_code == 400, (found.name, answer.content)
            assert ([p["code"] for p in answer.json()["problems"]]
                    == [p["code"] for p in printed.json()["problems"]]), found.name
            continue
        if found.long:
            assert answer.status_code == 202, (found.name, answer.content)
            job = answer.json()["id"]
            answer = client.get(f"/api/v1/workspaces/w/jobs/{job}/result")
        assert answer.status_code == 200, (found.name, answer.content)
        assert steady(answer.json(), WHERE) == steady(printed.json(), WHERE), found.name
